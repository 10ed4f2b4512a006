// Public respondent API (docs/api.md "Surveys" → "Public respondent API") and follow-up cases
// (F5): personal links work without login and only once; a retry with the same submission_id is
// idempotent; unknown / used / closed links; answers validated against the questionnaire;
// concurrent submissions; kiosk rate limit per address; an unhappy answer opens a complaint for
// the link's unit that its head sees as "mine".
// World: ROOT → DA (head headA, staff SA) and DB; 14 customers with consent, one visit each to DA
// (the personal links of campaign `camp`), 200 more links from `servq generate links`.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  makeCustomer, makeEncounter, listAll, countOf, runCli, describeRes, eventually,
} from './harness.mjs';

const QUESTIONNAIRE = {
  title: { default: 'Ý kiến sau khám', en: 'After your visit' },
  pages: [{
    name: 'p1',
    elements: [
      { type: 'rating', name: 'overall', role: 'overall' },
      { type: 'rating', name: 'nps', role: 'nps', rateMin: 0, rateMax: 10 },
      { type: 'rating', name: 'attitude', dimension: 'attitude' },
      { type: 'matrix', name: 'env', columns: [1, 2, 3, 4, 5], rows: [{ value: 'clean', dimension: 'env' }, { value: 'quiet', dimension: 'env' }] },
      { type: 'checkbox', name: 'services', choices: ['lab', 'xray', 'pharmacy'] },
      { type: 'radiogroup', name: 'visit', choices: ['first', 'again'] },
      { type: 'boolean', name: 'return' },
      { type: 'comment', name: 'comment' },
    ],
  }],
};
const happy = { overall: 5, nps: 10, attitude: 5, env: { clean: 5, quiet: 4 }, services: ['lab', 'pharmacy'], visit: 'again', return: true, comment: 'Rất tốt' };
const uuid = () => crypto.randomUUID();

suite('survey public intake and follow-up', () => {
  const s = useServer();
  const w = {};
  let nextToken = 0;
  /** A fresh, unused personal link of the DA campaign. */
  const token = () => {
    assert.ok(nextToken < w.tokens.length, 'test world has run out of links');
    return w.tokens[nextToken++];
  };
  const responses = async () => countOf(await s.admin(), `/surveys/${w.survey.id}/responses`);
  const responseById = async (id) => {
    const items = await listAll(await s.admin(), `/surveys/${w.survey.id}/responses`);
    return items.find((x) => x.id === id);
  };

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
    w.da = await makeUnit(admin, { code: uid('DA'), name: 'Khoa Nội', parent: w.root.code });
    w.db = await makeUnit(admin, { code: uid('DB'), name: 'Khoa Ngoại', parent: w.root.code });
    w.sa = await makeStaff(admin, { unit: w.da.code, name: 'Lê Văn An' });
    w.headA = await s.makeUser('head', { unit: w.da.code });
    w.headB = await s.makeUser('head', { unit: w.db.code });
    w.customers = [];
    for (let i = 0; i < 14; i++) {
      const c = await makeCustomer(admin, { name: `Khách Công Khai ${i}`, consent_survey: true });
      await makeEncounter(admin, { customer: c.id, unit: w.da.code, staff: w.sa.employee_code, started_at: `2026-01-${String(10 + i).padStart(2, '0')}T02:00:00Z` });
      w.customers.push(c);
    }
    w.survey = expectStatus(await admin.post('/surveys', { definition: QUESTIONNAIRE }), 201);
    w.camp = expectStatus(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'Sau khám tháng 1', channel: 'link', segment: { unit: w.da.code } }), 201);
    assert.equal(expectStatus(await admin.post(`/campaigns/${w.camp.id}/invitations`), 200).created, 14);
    w.invitations = await listAll(admin, `/campaigns/${w.camp.id}/invitations`);
    w.tokens = w.invitations.map((i) => i.token);
    w.kcamp = expectStatus(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'Kiosk sảnh', channel: 'kiosk' }), 201);
    w.kiosk = expectStatus(await admin.post(`/campaigns/${w.kcamp.id}/kiosks`, { unit: w.db.code }), 201);
  });

  // ---- reading a link
  test('GET /public/surveys/token/{t} works without login and names survey, campaign and unit (no customer identity)', async () => {
    const t = w.tokens[0];
    const r = await s.client().get(`/public/surveys/token/${t}`);
    const b = expectStatus(r, 200);
    assert.equal(b.survey_id, w.survey.id);
    assert.deepEqual(b.definition, QUESTIONNAIRE);
    assert.ok(b.title, 'title');
    assert.deepEqual(b.campaign, { name: 'Sau khám tháng 1' });
    assert.deepEqual(b.unit, { name: 'Khoa Nội' });
    assert.equal(b.default_lang, 'vi');
    const inv = w.invitations.find((i) => i.token === t);
    assert.ok(!r.text.includes(inv.customer.phone) && !r.text.includes(inv.customer.name), 'no customer identity');
  });

  test('GET /public/surveys/kiosk/{code} works without login', async () => {
    const b = expectStatus(await s.client().get(`/public/surveys/kiosk/${w.kiosk.code}`), 200);
    assert.equal(b.survey_id, w.survey.id);
    assert.deepEqual(b.unit, { name: 'Khoa Ngoại' });
  });

  test('unknown token or kiosk → 404 survey.link_unknown (GET and POST)', async () => {
    const pub = s.client();
    const fake = 'a'.repeat(26);
    expectProblem(await pub.get(`/public/surveys/token/${fake}`), 404, 'survey.link_unknown');
    expectProblem(await pub.get(`/public/surveys/kiosk/nosuchkiosk`), 404, 'survey.link_unknown');
    expectProblem(await pub.post('/public/responses', { token: fake, answers: { overall: 4 }, lang: 'vi' }), 404, 'survey.link_unknown');
  });

  // ---- answering
  test('POST /public/responses with a token → 201 {id}; the response is stored with the link\'s unit, campaign and lang', async () => {
    const before = await responses();
    const t = token();
    const r = await s.client().post('/public/responses', { token: t, answers: happy, lang: 'zh-cn' });
    const b = expectStatus(r, 201);
    assert.deepEqual(Object.keys(b), ['id']);
    assert.equal(typeof b.id, 'number');
    assert.equal(await responses(), before + 1);
    const x = await responseById(b.id);
    assert.ok(x, 'listed');
    assert.equal(x.channel, 'link');
    assert.equal(x.unit, w.da.code);
    assert.equal(x.staff, w.sa.employee_code);
    assert.equal(x.campaign, w.camp.id);
    assert.equal(x.lang, 'zh-cn');
    assert.deepEqual(x.answers, happy);
    assert.equal(x.feedback_id, null, 'a happy response opens no case');
    w.usedToken = t;
    w.usedId = b.id;
  });

  test('the same token again → 409 survey.link_used, and GET of the link → 409; nothing stored', async () => {
    const before = await responses();
    const pub = s.client();
    expectProblem(await pub.post('/public/responses', { token: w.usedToken, answers: { overall: 3 }, lang: 'vi' }), 409, 'survey.link_used');
    expectProblem(await pub.post('/public/responses', { token: w.usedToken, answers: { overall: 3 }, lang: 'vi', submission_id: uuid() }), 409, 'survey.link_used');
    expectProblem(await pub.get(`/public/surveys/token/${w.usedToken}`), 409, 'survey.link_used');
    assert.equal(await responses(), before);
  });

  test('the same submission_id again → 200 with the same id (idempotent retry), stored once', async () => {
    const before = await responses();
    const t = token();
    const sid = uuid();
    const body = { token: t, answers: { overall: 4, nps: 9 }, lang: 'vi', submission_id: sid };
    const first = expectStatus(await s.client().post('/public/responses', body), 201);
    const again = await s.client().post('/public/responses', body);
    assert.equal(again.status, 200, describeRes(again));
    assert.deepEqual(again.body, { id: first.id });
    const third = expectStatus(await s.client().post('/public/responses', body), 200);
    assert.equal(third.id, first.id);
    assert.equal(await responses(), before + 1);
  });

  // Regression (issue 11): the key was looked up alone, so another link replaying it was told the
  // first response's id (200) — the idempotency key belongs to its link.
  test('a submission_id replayed on another link → 409 survey.submission_id_taken, not the other response', async () => {
    const before = await responses();
    const sid = uuid();
    const first = expectStatus(await s.client().post('/public/responses', { token: token(), answers: { overall: 5 }, lang: 'vi', submission_id: sid }), 201);
    const other = token();
    const replay = await s.client().post('/public/responses', { token: other, answers: { overall: 1 }, lang: 'vi', submission_id: sid });
    expectProblem(replay, 409, 'survey.submission_id_taken', 'submission_id');
    assert.equal(replay.body.id, undefined, `the other response's id (${first.id}) is not told`);
    const kiosk = await s.client().post('/public/responses', { kiosk: w.kiosk.code, answers: { overall: 1 }, lang: 'vi', submission_id: sid });
    expectProblem(kiosk, 409, 'survey.submission_id_taken');
    // the other link is still usable with a fresh key
    expectStatus(await s.client().post('/public/responses', { token: other, answers: { overall: 2 }, lang: 'vi', submission_id: uuid() }), 201);
    assert.equal(await responses(), before + 2);
  });

  test('answers are validated against the questionnaire: 422 naming the question; the link stays usable', async () => {
    const pub = s.client();
    const t = token();
    const before = await responses();
    const cases = [
      [{ overall: 6 }, 'survey.answer_invalid', 'overall'], // off the 1..5 scale
      [{ overall: 0 }, 'survey.answer_invalid', 'overall'],
      [{ overall: 3.5 }, 'survey.answer_invalid', 'overall'],
      [{ overall: 4, nps: 11 }, 'survey.answer_invalid', 'nps'],
      [{ overall: 4, nps: -1 }, 'survey.answer_invalid', 'nps'],
      [{ overall: 4, env: { clean: 9 } }, 'survey.answer_invalid', 'env'],
      [{ overall: 4, comment: 5 }, 'survey.answer_invalid', 'comment'], // wrong type
      [{ overall: 4, services: 'lab' }, 'survey.answer_invalid', 'services'],
      [{ overall: 4, services: ['lab', 'mri'] }, 'survey.answer_invalid', 'services'],
      [{ overall: 4, visit: 'never' }, 'survey.answer_invalid', 'visit'],
      [{ overall: 'tốt' }, 'survey.answer_invalid', 'overall'],
      [{ overall: 4, waiting: 3 }, 'survey.answer_unknown', 'waiting'], // no such question
    ];
    for (const [answers, code, field] of cases) {
      const r = await pub.post('/public/responses', { token: t, answers, lang: 'vi' });
      expectProblem(r, 422, code, field);
    }
    assert.equal(await responses(), before);
    expectStatus(await pub.get(`/public/surveys/token/${t}`), 200);
    expectStatus(await pub.post('/public/responses', { token: t, answers: { overall: 4, nps: 8 }, lang: 'vi' }), 201);
  });

  test('a closed campaign (closes_at in the past) → 410 survey.campaign_closed on GET and POST', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { consent_survey: true });
    await makeEncounter(admin, { customer: c.id, unit: w.db.code, started_at: '2026-01-05T02:00:00Z' });
    const camp = expectStatus(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'Đã đóng', channel: 'link', segment: { unit: w.db.code } }), 201);
    expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200);
    const [inv] = await listAll(admin, `/campaigns/${camp.id}/invitations`);
    expectStatus(await admin.patch(`/campaigns/${camp.id}`, { opens_at: '2025-01-01T00:00:00Z', closes_at: '2025-02-01T00:00:00Z' }), 200);
    const before = await responses();
    const pub = s.client();
    expectProblem(await pub.get(`/public/surveys/token/${inv.token}`), 410, 'survey.campaign_closed');
    expectProblem(await pub.post('/public/responses', { token: inv.token, answers: { overall: 4 }, lang: 'vi' }), 410, 'survey.campaign_closed');
    assert.equal(await responses(), before);
  });

  test('a campaign that has not opened yet → 410 (campaign_not_open or campaign_closed)', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { consent_survey: true });
    await makeEncounter(admin, { customer: c.id, unit: w.db.code, started_at: '2026-01-06T02:00:00Z' });
    const camp = expectStatus(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'Sắp mở', channel: 'link', opens_at: '2099-01-01T00:00:00Z', segment: { unit: w.db.code } }), 201);
    expectStatus(await admin.post(`/campaigns/${camp.id}/invitations`), 200);
    const [inv] = await listAll(admin, `/campaigns/${camp.id}/invitations`);
    const pub = s.client();
    expectProblem(await pub.get(`/public/surveys/token/${inv.token}`), 410, /^survey\.campaign_(not_open|closed)$/);
    expectProblem(await pub.post('/public/responses', { token: inv.token, answers: { overall: 4 }, lang: 'vi' }), 410, /^survey\.campaign_(not_open|closed)$/);
  });

  // ---- concurrency
  test('40 parallel POSTs with the same token → exactly one 201, the others 409 survey.link_used', async () => {
    const before = await responses();
    const t = token();
    const rs = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      s.client().post('/public/responses', { token: t, answers: { overall: 1 + (i % 5), nps: i % 11 }, lang: 'vi', submission_id: uuid() })));
    const statuses = rs.map((r) => r.status);
    assert.equal(statuses.filter((x) => x === 201).length, 1, JSON.stringify(statuses));
    for (const r of rs.filter((x) => x.status !== 201)) expectProblem(r, 409, 'survey.link_used');
    assert.equal(await responses(), before + 1);
  });

  test('200 parallel POSTs with distinct tokens → all 201 with distinct ids, all present afterwards', { timeout: 60_000 }, async () => {
    const gen = await runCli(['generate', 'links', '--db', s.db, '--survey', String(w.survey.id), '--count', '200']);
    assert.equal(gen.code, 0, gen.stderr);
    const tokens = gen.stdout.split('\n').filter(Boolean);
    assert.equal(tokens.length, 200, gen.stdout.slice(0, 300));
    for (const t of tokens) assert.match(t, /^[a-z2-7]{26,}$/i);
    const before = await responses();
    const rs = await Promise.all(tokens.map((t, i) =>
      s.client().post('/public/responses', { token: t, answers: { overall: 3 + (i % 3), nps: 7 + (i % 4), comment: `song song ${i}` }, lang: 'vi' })));
    const bad = rs.filter((r) => r.status !== 201);
    assert.equal(bad.length, 0, bad.slice(0, 3).map(describeRes).join('\n'));
    const ids = rs.map((r) => r.body.id);
    assert.equal(new Set(ids).size, 200, 'distinct ids');
    assert.equal(await responses(), before + 200);
    const listed = new Set((await listAll(await s.admin(), `/surveys/${w.survey.id}/responses`)).map((x) => x.id));
    for (const id of ids) assert.ok(listed.has(id), `response ${id} listed`);
  });

  test('10 parallel retries with the same token and submission_id → one 201, the others 200 with the same id', async () => {
    const before = await responses();
    const body = { token: token(), answers: { overall: 4, nps: 8 }, lang: 'vi', submission_id: uuid() };
    const rs = await Promise.all(Array.from({ length: 10 }, () => s.client().post('/public/responses', body)));
    const statuses = rs.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 201], rs.map((r) => `${r.status} ${r.text}`).join('\n'));
    assert.equal(new Set(rs.map((r) => r.body.id)).size, 1, 'one id');
    assert.equal(await responses(), before + 1);
  });

  test('a kiosk answer retried with the same submission_id is stored once', async () => {
    const before = await responses();
    const body = { kiosk: w.kiosk.code, answers: { overall: 5 }, lang: 'vi', submission_id: uuid() };
    const a = expectStatus(await s.client().post('/public/responses', body), 201);
    const b = expectStatus(await s.client().post('/public/responses', body), 200);
    assert.equal(b.id, a.id);
    expectStatus(await s.client().post('/public/responses', { ...body, submission_id: uuid() }), 201);
    assert.equal(await responses(), before + 2);
  });

  test('analysis ?campaign= and ?channel= count exactly the responses of that campaign / channel', async () => {
    const admin = await s.admin();
    const all = await listAll(admin, `/surveys/${w.survey.id}/responses`);
    const ofCamp = all.filter((x) => x.campaign === w.camp.id).length;
    const ofKiosk = all.filter((x) => x.channel === 'kiosk').length;
    assert.ok(ofCamp >= 5 && ofKiosk >= 2, `${ofCamp} ${ofKiosk}`);
    assert.equal(expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis?campaign=${w.camp.id}`), 200).n, ofCamp);
    assert.equal(expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis?channel=link`), 200).n, all.filter((x) => x.channel === 'link').length);
    const k = expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis?channel=kiosk&min_group=5`), 200);
    if (ofKiosk >= 5) assert.equal(k.n, ofKiosk);
    else assert.equal(k.suppressed, true);
  });

  // ---- F5: follow-up cases (opened just after the response is stored: the tests wait for them)
  const surveyCases = async () => listAll(await s.admin(), '/feedback?channel=survey');
  const withCase = async (id) => eventually(async () => {
    const x = await responseById(id);
    return typeof x.feedback_id === 'number' ? x : null;
  });

  test('F5: nps 3 opens a complaint (channel survey) for the link\'s unit; the response carries its feedback_id', async () => {
    const before = await surveyCases();
    const t = token();
    const { id } = expectStatus(await s.client().post('/public/responses', { token: t, answers: { overall: 4, nps: 3, comment: 'Chờ quá lâu ở quầy thuốc' }, lang: 'vi' }), 201);
    const x = await withCase(id);
    assert.ok(x, `response ${id} got no feedback case within 5 s`);
    const after = await surveyCases();
    assert.equal(after.length, before.length + 1, JSON.stringify(after.map((f) => f.id)));
    const f = expectStatus(await (await s.admin()).get(`/feedback/${x.feedback_id}`), 200);
    assert.equal(f.kind, 'complaint');
    assert.equal(f.channel, 'survey');
    assert.equal(f.unit, w.da.code);
    assert.ok(after.some((c) => c.id === f.id));
    w.caseNps = f.id;
  });

  test('F5: overall 1 (with nps 9) opens a complaint too', async () => {
    const before = (await surveyCases()).length;
    const { id } = expectStatus(await s.client().post('/public/responses', { token: token(), answers: { overall: 1, nps: 9 }, lang: 'vi' }), 201);
    const x = await withCase(id);
    assert.ok(x, `response ${id} got no feedback case within 5 s`);
    assert.equal((await surveyCases()).length, before + 1);
    const f = expectStatus(await (await s.admin()).get(`/feedback/${x.feedback_id}`), 200);
    assert.deepEqual([f.kind, f.channel, f.unit], ['complaint', 'survey', w.da.code]);
    w.caseOverall = f.id;
  });

  test('F5: happy and middling responses open no case', async () => {
    const before = (await surveyCases()).length;
    const ids = [];
    for (const answers of [happy, { overall: 4, nps: 8 }, { overall: 3, nps: 7 }, { comment: 'Không có gì' }]) {
      ids.push(expectStatus(await s.client().post('/public/responses', { token: token(), answers, lang: 'vi' }), 201).id);
    }
    // A detractor after them: once its case is open, any case of the four would be open too
    // (cases open oldest first).
    const { id: last } = expectStatus(await s.client().post('/public/responses', { token: token(), answers: { overall: 4, nps: 2 }, lang: 'vi' }), 201);
    assert.ok(await withCase(last), 'the detractor after them got its case');
    for (const id of ids) assert.equal((await responseById(id)).feedback_id, null, String(id));
    assert.equal((await surveyCases()).length, before + 1);
  });

  test('F5: a kiosk answer with nps 0 opens a complaint for the kiosk\'s unit', async () => {
    const { id } = expectStatus(await s.client().post('/public/responses', { kiosk: w.kiosk.code, answers: { overall: 2, nps: 0 }, lang: 'en' }), 201);
    const x = await withCase(id);
    assert.ok(x, `response ${id} got no feedback case within 5 s`);
    assert.equal(x.channel, 'kiosk');
    assert.equal(x.unit, w.db.code);
    const f = expectStatus(await (await s.admin()).get(`/feedback/${x.feedback_id}`), 200);
    assert.deepEqual([f.kind, f.channel, f.unit], ['complaint', 'survey', w.db.code]);
    w.caseKiosk = f.id;
  });

  test("F5: the unit's head finds the cases in GET /feedback?mine=true; the other head does not", async () => {
    const mineA = (await listAll(w.headA.client, '/feedback?mine=true')).map((f) => f.id);
    assert.ok(mineA.includes(w.caseNps) && mineA.includes(w.caseOverall), JSON.stringify(mineA));
    assert.ok(!mineA.includes(w.caseKiosk));
    const mineB = (await listAll(w.headB.client, '/feedback?mine=true')).map((f) => f.id);
    assert.ok(mineB.includes(w.caseKiosk) && !mineB.includes(w.caseNps), JSON.stringify(mineB));
    const surveyA = (await listAll(w.headA.client, '/feedback?channel=survey')).map((f) => f.id);
    assert.ok(!surveyA.includes(w.caseKiosk), 'B\'s case is not visible to A\'s head');
  });
});

suite('survey kiosk rate limit', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.unit = await makeUnit(admin, { code: uid('KS'), name: 'Sảnh chờ' });
    w.survey = expectStatus(await admin.post('/surveys', { definition: QUESTIONNAIRE }), 201);
    w.kcamp = expectStatus(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'Kiosk', channel: 'kiosk' }), 201);
    w.kiosk = expectStatus(await admin.post(`/campaigns/${w.kcamp.id}/kiosks`, { unit: w.unit.code }), 201);
    const gen = await runCli(['generate', 'links', '--db', s.db, '--survey', String(w.survey.id), '--count', '2']);
    assert.equal(gen.code, 0, gen.stderr);
    w.tokens = gen.stdout.split('\n').filter(Boolean);
  });

  test('kiosk POSTs from one address: the first 20 are 201, then 429 survey.rate_limited with Retry-After; none of those is stored', async () => {
    const admin = await s.admin();
    const pub = s.client();
    const statuses = [];
    let limited = null;
    for (let i = 0; i < 25; i++) {
      const r = await pub.post('/public/responses', { kiosk: w.kiosk.code, answers: { overall: 1 + (i % 5) }, lang: 'vi' });
      statuses.push(r.status);
      if (r.status === 429 && !limited) limited = r;
    }
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(201), JSON.stringify(statuses));
    assert.deepEqual(statuses.slice(20), Array(5).fill(429), JSON.stringify(statuses));
    expectProblem(limited, 429, 'survey.rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0, 'Retry-After');
    assert.equal(await countOf(admin, `/surveys/${w.survey.id}/responses`), 20);
  });

  test('personal links from the same address are not limited by the kiosk limit', async () => {
    for (const t of w.tokens) {
      expectStatus(await s.client().post('/public/responses', { token: t, answers: { overall: 5 }, lang: 'vi' }), 201);
    }
  });
});
