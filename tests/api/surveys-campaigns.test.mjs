// Campaigns and links (docs/api.md "Surveys" → "Campaigns"): a segment picks encounters (or
// customers) and personal links are made only for customers with survey consent; repeating adds
// only the missing ones; tokens are unguessable; the CSV export is for mail-merge (not for
// auditors); kiosk codes per unit; response rates by unit and category; QR codes as SVG.
// World: ROOT → BR → {DA → TA, DB}. Customers (consent_survey): c1 first_time ✓ (visits DA Jan 10,
// TA Jan 20), c2 long_term ✗ (DA Jan 12), c3 long_term ✓ (DB Jan 15), c4 first_time ✓ (DB Feb 5).
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  makeCustomer, makeEncounter, listAll, describeRes,
} from './harness.mjs';

const TOKEN = /^[a-z2-7]{26,}$/i; // base32, ≥ 26 characters (≥ 128 bits)
const EXPORT_HEADER = 'token,url,customer_name,customer_phone,unit,staff,encounter_at,used_at';
const QUESTIONNAIRE = {
  title: 'Sau khám',
  elements: [
    { type: 'rating', name: 'overall', role: 'overall' },
    { type: 'rating', name: 'nps', role: 'nps', rateMin: 0, rateMax: 10 },
    { type: 'comment', name: 'comment' },
  ],
};
/** Rates and rankings: the contract documents a bare array; accept an {items} wrapper here (its own test checks the shape). */
const listOf = (b) => (Array.isArray(b) ? b : b && b.items);
const byKey = (rows) => Object.fromEntries(rows.map((r) => [r.key, r]));
/** `skipped` as a number (the contract gives no shape; the server may break it down). */
const skippedTotal = (s) => (typeof s === 'number' ? s : Object.values(s).reduce((a, b) => a + b, 0));

/** Parses RFC 4180 text into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (ch === '"') q = false; else f += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(f); f = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(f); rows.push(row); row = []; f = '';
    } else f += ch;
  }
  if (f !== '' || row.length) { row.push(f); rows.push(row); }
  return rows;
}

suite('survey campaigns and links', () => {
  const s = useServer();
  const w = {};

  const newCampaign = async (fields, client) => {
    const c = client || (await s.admin());
    return expectStatus(await c.post('/campaigns', { survey_id: w.survey.id, name: `Đợt ${uid('C')}`, channel: 'link', ...fields }), 201);
  };

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
    w.br = await makeUnit(admin, { code: uid('BR'), name: 'Chi nhánh', parent: w.root.code });
    w.da = await makeUnit(admin, { code: uid('DA'), name: 'Khoa Nội', parent: w.br.code });
    w.ta = await makeUnit(admin, { code: uid('TA'), name: 'Tổ Nội 1', parent: w.da.code });
    w.db = await makeUnit(admin, { code: uid('DB'), name: 'Khoa Ngoại', parent: w.br.code });
    w.sa = await makeStaff(admin, { unit: w.da.code, name: 'Lê Văn An' });
    w.sb = await makeStaff(admin, { unit: w.db.code, name: 'Võ Minh Bảo' });
    w.c1 = await makeCustomer(admin, { name: 'Nguyễn Thị Một', category: 'first_time', consent_survey: true });
    w.c2 = await makeCustomer(admin, { name: 'Trần Văn Hai', category: 'long_term', consent_survey: false });
    w.c3 = await makeCustomer(admin, { name: 'Lê Thị Ba', category: 'long_term', consent_survey: true });
    w.c4 = await makeCustomer(admin, { name: 'Phạm Văn Bốn', category: 'first_time', consent_survey: true });
    w.e1a = await makeEncounter(admin, { customer: w.c1.id, unit: w.da.code, staff: w.sa.employee_code, started_at: '2026-01-10T02:00:00Z' });
    w.e1t = await makeEncounter(admin, { customer: w.c1.id, unit: w.ta.code, started_at: '2026-01-20T02:00:00Z' });
    w.e2a = await makeEncounter(admin, { customer: w.c2.id, unit: w.da.code, started_at: '2026-01-12T02:00:00Z' });
    w.e3b = await makeEncounter(admin, { customer: w.c3.id, unit: w.db.code, staff: w.sb.employee_code, started_at: '2026-01-15T02:00:00Z' });
    w.e4b = await makeEncounter(admin, { customer: w.c4.id, unit: w.db.code, started_at: '2026-02-05T02:00:00Z' });
    w.survey = expectStatus(await admin.post('/surveys', { definition: QUESTIONNAIRE }), 201);
    w.quality = await s.makeUser('quality');
    w.head = await s.makeUser('head', { unit: w.da.code });
    w.staff = await s.makeUser('staff', { unit: w.da.code, employee_code: w.sa.employee_code });
    w.director = await s.makeUser('director');
    w.auditor = await s.makeUser('auditor');
    // the campaign of unit DA (with TA below it), used by several tests
    w.campA = await newCampaign({ segment: { unit: w.da.code } });
    w.invA = expectStatus(await admin.post(`/campaigns/${w.campA.id}/invitations`), 200);
  });

  // ---- creation
  test('POST /campaigns → 201 with the segment (defaults consent_only true, per encounter) and status open', async () => {
    const c = w.campA;
    assert.equal(c.survey_id, w.survey.id);
    assert.equal(c.survey_title, 'Sau khám');
    assert.equal(c.channel, 'link');
    assert.equal(c.status, 'open');
    assert.equal(c.closes_at, null);
    assert.deepEqual(c.segment, { category: null, unit: w.da.code, from: null, to: null, consent_only: true, per: 'encounter' });
    const g = expectStatus(await (await s.admin()).get(`/campaigns/${c.id}`), 200);
    assert.equal(g.id, c.id);
    assert.equal(g.invitations, 2);
  });

  test('a campaign opening in the future is scheduled; one whose closes_at has passed is closed', async () => {
    const sch = await newCampaign({ opens_at: '2099-01-01T00:00:00Z' });
    assert.equal(sch.status, 'scheduled');
    const cl = await newCampaign({ opens_at: '2025-01-01T00:00:00Z', closes_at: '2025-02-01T00:00:00Z' });
    assert.equal(cl.status, 'closed');
    const admin = await s.admin();
    const open = await listAll(admin, `/campaigns?status=open&survey=${w.survey.id}`);
    assert.ok(open.some((x) => x.id === w.campA.id) && !open.some((x) => x.id === sch.id || x.id === cl.id));
    const closed = await listAll(admin, '/campaigns?status=closed');
    assert.ok(closed.some((x) => x.id === cl.id));
  });

  test('campaign validation: unknown channel, closes_at before opens_at, unknown survey → 4xx and nothing stored', async () => {
    const admin = await s.admin();
    const before = expectStatus(await admin.get('/campaigns?page_size=1'), 200).total;
    expectProblem(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'x', channel: 'pigeon' }), 422);
    expectProblem(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'x', channel: 'link', opens_at: '2026-03-01T00:00:00Z', closes_at: '2026-02-01T00:00:00Z' }), 422);
    const r = await admin.post('/campaigns', { survey_id: 987654, name: 'x', channel: 'link' });
    assert.ok([404, 422].includes(r.status), describeRes(r));
    assert.equal(expectStatus(await admin.get('/campaigns?page_size=1'), 200).total, before);
  });

  test('only admin and quality create campaigns (403 for head, staff, director, auditor); every role reads them', async () => {
    await newCampaign({}, w.quality.client);
    for (const role of ['head', 'staff', 'director', 'auditor']) {
      const c = w[role].client;
      expectProblem(await c.post('/campaigns', { survey_id: w.survey.id, name: 'x', channel: 'link' }), 403, 'auth.forbidden');
      expectProblem(await c.post(`/campaigns/${w.campA.id}/invitations`), 403, 'auth.forbidden');
      expectProblem(await c.patch(`/campaigns/${w.campA.id}`, { name: 'x' }), 403, 'auth.forbidden');
      expectStatus(await c.get(`/campaigns/${w.campA.id}`), 200);
      expectStatus(await c.get('/campaigns'), 200);
    }
  });

  // ---- invitations
  test('invitations of unit DA (with subtree) are made only for customers with survey consent', async () => {
    assert.equal(w.invA.created, 2, JSON.stringify(w.invA));
    assert.equal(skippedTotal(w.invA.skipped), 1, JSON.stringify(w.invA));
    const items = await listAll(await s.admin(), `/campaigns/${w.campA.id}/invitations`);
    assert.deepEqual(items.map((i) => [i.customer.id, i.unit, Date.parse(i.encounter_at)]).sort((a, b) => a[2] - b[2]),
      [[w.c1.id, w.da.code, Date.parse('2026-01-10T02:00:00Z')], [w.c1.id, w.ta.code, Date.parse('2026-01-20T02:00:00Z')]]);
    assert.ok(!items.some((i) => i.customer.id === w.c2.id), 'no link for a customer without consent');
  });

  test('POST invitations again adds 0', async () => {
    const admin = await s.admin();
    const again = expectStatus(await admin.post(`/campaigns/${w.campA.id}/invitations`), 200);
    assert.equal(again.created, 0, JSON.stringify(again));
    assert.equal(expectStatus(await admin.get(`/campaigns/${w.campA.id}/invitations`), 200).total, 2);
  });

  test('a new encounter in the segment gets its link when invitations are made again (only the missing one)', async () => {
    const admin = await s.admin();
    const camp = await newCampaign({ segment: { unit: w.db.code } });
    assert.equal(expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200).created, 2);
    const c5 = await makeCustomer(admin, { consent_survey: true, category: 'long_term' });
    await makeEncounter(admin, { customer: c5.id, unit: w.db.code, started_at: '2026-02-10T02:00:00Z' });
    assert.equal(expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200).created, 1);
    assert.equal(expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200).created, 0);
    const items = await listAll(admin, `/campaigns/${camp.id}/invitations`);
    assert.deepEqual(items.map((i) => i.customer.id).sort((a, b) => a - b), [w.c3.id, w.c4.id, c5.id].sort((a, b) => a - b));
  });

  test('segment by category picks long_term customers with consent (c3 only)', async () => {
    const admin = await s.admin();
    const camp = await newCampaign({ segment: { category: 'long_term', to: '2026-01-31' } });
    const r = expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200);
    assert.equal(r.created, 1, JSON.stringify(r));
    const items = await listAll(admin, `/campaigns/${camp.id}/invitations`);
    assert.deepEqual(items.map((i) => i.customer.id), [w.c3.id]);
    assert.equal(items[0].unit, w.db.code);
    assert.equal(items[0].staff, w.sb.employee_code);
  });

  test('segment by encounter dates (from/to inclusive) picks the February visit only', async () => {
    const admin = await s.admin();
    const camp = await newCampaign({ segment: { from: '2026-02-01', to: '2026-02-05' } });
    expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200);
    const items = await listAll(admin, `/campaigns/${camp.id}/invitations`);
    assert.deepEqual(items.map((i) => i.customer.id), [w.c4.id]);
  });

  test('per customer: one link per consenting customer of the segment', async () => {
    const admin = await s.admin();
    const camp = await newCampaign({ segment: { unit: w.root.code, to: '2026-01-31', per: 'customer' } });
    const r = expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200);
    assert.equal(r.created, 2, JSON.stringify(r)); // c1 (two visits) and c3; c2 has no consent; c4 visited in February
    const items = await listAll(admin, `/campaigns/${camp.id}/invitations`);
    assert.deepEqual(items.map((i) => i.customer.id).sort((a, b) => a - b), [w.c1.id, w.c3.id].sort((a, b) => a - b));
  });

  test('consent_only false invites customers without consent too', async () => {
    const admin = await s.admin();
    const camp = await newCampaign({ segment: { unit: w.da.code, consent_only: false } });
    assert.equal(expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200).created, 3);
  });

  test('tokens are unguessable: base32, ≥ 26 characters, distinct; url is /s/<token>', async () => {
    const admin = await s.admin();
    const camp = await newCampaign({ segment: { consent_only: false } });
    expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200);
    const items = [...await listAll(admin, `/campaigns/${camp.id}/invitations`), ...await listAll(admin, `/campaigns/${w.campA.id}/invitations`)];
    assert.ok(items.length >= 7);
    for (const i of items) {
      assert.match(i.token, TOKEN);
      assert.equal(i.url, `/s/${i.token}`);
    }
    assert.equal(new Set(items.map((i) => i.token)).size, items.length, 'distinct tokens');
    const ids = items.map((i) => i.token.toLowerCase());
    assert.ok(!ids.some((t) => /^(.)\1+$/.test(t)), 'not a constant string');
  });

  test('GET invitations: fields, customer name and phone, unit filter with subtree', async () => {
    const admin = await s.admin();
    const b = expectStatus(await admin.get(`/campaigns/${w.campA.id}/invitations`), 200);
    assert.equal(b.total, 2);
    const it = b.items.find((i) => i.unit === w.da.code);
    assert.ok(it, JSON.stringify(b.items));
    assert.equal(typeof it.id, 'number');
    assert.deepEqual(it.customer, { id: w.c1.id, name: w.c1.name, phone: w.c1.phone });
    assert.equal(it.staff, w.sa.employee_code);
    assert.equal(Date.parse(it.encounter_at), Date.parse('2026-01-10T02:00:00Z'));
    assert.equal(it.used_at, null);
    assert.equal(it.response_id, null);
    const ta = expectStatus(await admin.get(`/campaigns/${w.campA.id}/invitations?unit=${w.ta.code}`), 200);
    assert.deepEqual(ta.items.map((i) => i.unit), [w.ta.code]);
  });

  test('PATCH: the segment cannot change once invitations exist; the name can', async () => {
    const admin = await s.admin();
    const r = await admin.patch(`/campaigns/${w.campA.id}`, { segment: { unit: w.db.code } });
    assert.ok([409, 422].includes(r.status), `expected 409/422, got ${describeRes(r)}`);
    expectProblem(r, r.status);
    const g = expectStatus(await admin.get(`/campaigns/${w.campA.id}`), 200);
    assert.equal(g.segment.unit, w.da.code);
    const p = expectStatus(await admin.patch(`/campaigns/${w.campA.id}`, { name: 'Khoa Nội — tháng 1' }), 200);
    assert.equal(p.name, 'Khoa Nội — tháng 1');
    const camp = await newCampaign({});
    const p2 = expectStatus(await admin.patch(`/campaigns/${camp.id}`, { segment: { category: 'first_time' } }), 200);
    assert.equal(p2.segment.category, 'first_time');
  });

  // ---- export
  test(`CSV export: header ${EXPORT_HEADER}, one row per link`, async () => {
    const admin = await s.admin();
    const r = await admin.raw(`/campaigns/${w.campA.id}/invitations/export`);
    assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
    assert.match(r.headers.get('content-type') || '', /^text\/csv/);
    const rows = parseCsv(r.bytes.toString('utf8').replace(/^\ufeff/, '')).filter((x) => x.length > 1 || x[0] !== '');
    assert.equal(rows[0].join(','), EXPORT_HEADER);
    assert.equal(rows.length, 3);
    const items = await listAll(admin, `/campaigns/${w.campA.id}/invitations`);
    const got = rows.slice(1).map((x) => Object.fromEntries(rows[0].map((h, i) => [h, x[i]])));
    for (const i of items) {
      const row = got.find((x) => x.token === i.token);
      assert.ok(row, `token ${i.token} exported`);
      assert.equal(row.url, i.url);
      assert.equal(row.customer_name, w.c1.name);
      assert.equal(row.customer_phone, w.c1.phone);
      assert.equal(row.unit, i.unit);
      assert.equal(row.used_at, '');
    }
  });

  test('CSV export: auditors get 403; without a session 401', async () => {
    const r = await w.auditor.client.get(`/campaigns/${w.campA.id}/invitations/export`);
    expectProblem(r, 403, 'auth.forbidden');
    for (const i of await listAll(await s.admin(), `/campaigns/${w.campA.id}/invitations`)) {
      assert.ok(!r.text.includes(i.token), 'no token in the refusal');
    }
    expectProblem(await s.client().get(`/campaigns/${w.campA.id}/invitations/export`), 401, 'auth.required');
  });

  // ---- kiosks
  test('kiosk codes: one per unit (201 {code, url: /k/<code>, unit}); the same unit again → 409', async () => {
    const admin = await s.admin();
    const camp = await newCampaign({ channel: 'kiosk' });
    const k = expectStatus(await admin.post(`/campaigns/${camp.id}/kiosks`, { unit: w.da.code }), 201);
    assert.equal(k.unit, w.da.code);
    assert.equal(typeof k.code, 'string');
    assert.ok(k.code.length >= 8, k.code);
    assert.equal(k.url, `/k/${k.code}`);
    const kb = expectStatus(await admin.post(`/campaigns/${camp.id}/kiosks`, { unit: w.db.code }), 201);
    assert.notEqual(kb.code, k.code);
    const dup = await admin.post(`/campaigns/${camp.id}/kiosks`, { unit: w.da.code });
    expectProblem(dup, 409, /\.duplicate$/);
    const list = expectStatus(await admin.get(`/campaigns/${camp.id}/kiosks`), 200);
    assert.deepEqual(listOf(list).map((x) => [x.unit, x.code]).sort(), [[w.da.code, k.code], [w.db.code, kb.code]].sort());
    const pub = expectStatus(await s.client().get(`/public/surveys/kiosk/${k.code}`), 200);
    assert.equal(pub.survey_id, w.survey.id);
    assert.deepEqual(pub.unit, { name: w.da.name });
    assert.deepEqual(pub.campaign, { name: camp.name });
  });

  test('a kiosk for an unknown unit is refused and none is made', async () => {
    const admin = await s.admin();
    const camp = await newCampaign({ channel: 'kiosk' });
    const r = await admin.post(`/campaigns/${camp.id}/kiosks`, { unit: 'NO-SUCH-UNIT' });
    assert.ok([404, 422].includes(r.status), describeRes(r));
    assert.equal(listOf(expectStatus(await admin.get(`/campaigns/${camp.id}/kiosks`), 200)).length, 0);
  });

  // ---- rates
  test('rates by unit and by category, and the campaign\'s counts, follow the answers', async () => {
    const admin = await s.admin();
    const items = await listAll(admin, `/campaigns/${w.campA.id}/invitations`);
    const ta = items.find((i) => i.unit === w.ta.code);
    const r = await s.client().post('/public/responses', { token: ta.token, answers: { overall: 5, nps: 10 }, lang: 'vi' });
    const resp = expectStatus(r, 201);
    const byUnit = byKey(listOf(expectStatus(await admin.get(`/campaigns/${w.campA.id}/rates?by=unit`), 200)));
    assert.deepEqual(Object.keys(byUnit).sort(), [w.da.code, w.ta.code].sort());
    assert.deepEqual([byUnit[w.da.code].invitations, byUnit[w.da.code].responses, byUnit[w.da.code].rate], [1, 0, 0]);
    assert.deepEqual([byUnit[w.ta.code].invitations, byUnit[w.ta.code].responses, byUnit[w.ta.code].rate], [1, 1, 1]);
    const byCat = byKey(listOf(expectStatus(await admin.get(`/campaigns/${w.campA.id}/rates?by=category`), 200)));
    assert.deepEqual(Object.keys(byCat), ['first_time']);
    assert.deepEqual([byCat.first_time.invitations, byCat.first_time.responses, byCat.first_time.rate], [2, 1, 0.5]);
    const g = expectStatus(await admin.get(`/campaigns/${w.campA.id}`), 200);
    assert.deepEqual([g.invitations, g.responses, g.response_rate], [2, 1, 0.5]);
    const used = expectStatus(await admin.get(`/campaigns/${w.campA.id}/invitations?used=true`), 200);
    assert.deepEqual(used.items.map((i) => [i.token, i.response_id]), [[ta.token, resp.id]]);
    assert.ok(used.items[0].used_at, 'used_at is set');
    const unused = expectStatus(await admin.get(`/campaigns/${w.campA.id}/invitations?used=false`), 200);
    assert.deepEqual(unused.items.map((i) => i.unit), [w.da.code]);
    const csv = (await admin.raw(`/campaigns/${w.campA.id}/invitations/export`)).bytes.toString('utf8');
    const line = csv.split(/\r?\n/).find((l) => l.startsWith(ta.token));
    assert.ok(line && !line.endsWith(','), `used_at exported: ${line}`);
  });

  test('GET /campaigns/{id}/rates answers the documented {by, items: [{key, invitations, responses, rate}]}', async () => {
    const r = await (await s.admin()).get(`/campaigns/${w.campA.id}/rates?by=unit`);
    expectStatus(r, 200);
    assert.equal(r.body.by, 'unit');
    assert.ok(Array.isArray(r.body.items), `items is an array, got ${r.text.slice(0, 200)}`);
    for (const it of r.body.items) assert.deepEqual(Object.keys(it).sort(), ['invitations', 'key', 'rate', 'responses']);
  });

  // ---- QR
  test('GET /qr.svg?data=… returns an SVG; no session → 401; over 1000 bytes is refused', async () => {
    const admin = await s.admin();
    const data = `https://khaosat.example.vn/k/${uid('K').toLowerCase()}`;
    const r = await admin.raw(`/qr.svg?data=${encodeURIComponent(data)}`);
    assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 200));
    assert.match(r.headers.get('content-type') || '', /^image\/svg\+xml/);
    const svg = r.bytes.toString('utf8');
    assert.match(svg, /^(<\?xml[^>]*>\s*)?<svg[\s>]/);
    assert.match(svg, /<\/svg>\s*$/);
    const big = await admin.raw(`/qr.svg?data=${encodeURIComponent(data + '/'.repeat(200))}`);
    assert.equal(big.status, 200);
    assert.ok(big.bytes.length > r.bytes.length, 'more data, more modules');
    const tooLong = await admin.get(`/qr.svg?data=${'a'.repeat(1001)}`);
    assert.ok(tooLong.status >= 400 && tooLong.status < 500, describeRes(tooLong));
    expectProblem(await s.client().get(`/qr.svg?data=${encodeURIComponent(data)}`), 401, 'auth.required');
  });
});
