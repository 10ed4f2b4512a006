// Who sees which survey data (docs/api.md "Surveys" → roles): heads and staff read analysis,
// rankings and comments of their unit subtree only (another unit → 404 unit.not_found);
// director and auditor organisation-wide; auditors never see tokens, customer names or phones
// and cannot export the links; every survey endpoint but the public ones needs a session.
// World: ROOT → BR → {DA → TA, DB}; paper forms: DA 4, TA 3 (A's subtree: 7), DB 6.
// headA heads DA, headB heads DB; staffA is employee SA of DA.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  makeCustomer, makeEncounter, listAll, describeRes,
} from './harness.mjs';

const QUESTIONNAIRE = {
  title: 'Quyền xem',
  elements: [
    { type: 'rating', name: 'overall', role: 'overall' },
    { type: 'rating', name: 'nps', role: 'nps', rateMin: 0, rateMax: 10 },
    { type: 'comment', name: 'comment' },
  ],
};
// [unit key, overall, nps, comment]
const FORMS = [
  ['da', 5, 10, 'Alphabác sĩ khám kỹ'], ['da', 4, 9, 'Alphatốt'], ['da', 3, 7, 'Alphachờ hơi lâu'], ['da', 5, 8, 'Alphaổn'],
  ['ta', 2, 4, 'Alphaphòng nóng'], ['ta', 4, 9, 'Alphathân thiện'], ['ta', 5, 10, 'Alpharất hài lòng'],
  ['db', 1, 2, 'Bravothái độ kém'], ['db', 2, 5, 'Bravochờ ba tiếng'], ['db', 4, 8, 'Bravobình thường'],
  ['db', 3, 6, 'Bravoồn ào'], ['db', 5, 9, 'Bravocảm ơn'], ['db', 4, 10, 'Bravosạch sẽ'],
];
const csatOf = (fs) => fs.filter((f) => f[1] >= 4).length / fs.length;
const npsOf = (fs) => 100 * (fs.filter((f) => f[2] >= 9).length - fs.filter((f) => f[2] <= 6).length) / fs.length;
const meanOf = (fs) => fs.reduce((a, f) => a + f[1], 0) / fs.length;
const near = (a, e, what) => assert.ok(typeof a === 'number' && Math.abs(a - e) <= 1e-9, `${what}: got ${a}, expected ${e}`);
const listOf = (b) => (Array.isArray(b) ? b : b && b.items);

suite('survey access', () => {
  const s = useServer();
  const w = {};
  const A = (q = '') => `/surveys/${w.survey.id}/analysis${q}`;
  const formsOf = (...units) => FORMS.filter((f) => units.includes(f[0]));

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
    w.br = await makeUnit(admin, { code: uid('BR'), name: 'Chi nhánh', parent: w.root.code });
    w.da = await makeUnit(admin, { code: uid('DA'), name: 'Khoa Nội', parent: w.br.code });
    w.ta = await makeUnit(admin, { code: uid('TA'), name: 'Tổ Nội 1', parent: w.da.code });
    w.db = await makeUnit(admin, { code: uid('DB'), name: 'Khoa Ngoại', parent: w.br.code });
    w.sa = await makeStaff(admin, { unit: w.da.code, name: 'Lê Văn An' });
    w.headA = await s.makeUser('head', { unit: w.da.code });
    w.headB = await s.makeUser('head', { unit: w.db.code });
    w.staffA = await s.makeUser('staff', { unit: w.da.code, employee_code: w.sa.employee_code });
    w.director = await s.makeUser('director');
    w.auditor = await s.makeUser('auditor');
    w.survey = expectStatus(await admin.post('/surveys', { definition: QUESTIONNAIRE }), 201);
    w.ids = {};
    for (const [i, [u, overall, nps, comment]] of FORMS.entries()) {
      const r = await admin.post(`/surveys/${w.survey.id}/responses`,
        { unit: w[u].code, answers: { overall, nps, comment }, submitted_at: `2026-01-${String(i + 1).padStart(2, '0')}T03:00:00Z` });
      w.ids[comment] = expectStatus(r, 201).id;
    }
    // personal links for the auditor's view
    w.cust = await makeCustomer(admin, { name: 'Ngô Thị Riêng Tư', phone: '0987650001', consent_survey: true });
    await makeEncounter(admin, { customer: w.cust.id, unit: w.da.code, staff: w.sa.employee_code });
    w.camp = expectStatus(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'Quyền', channel: 'link', segment: { unit: w.da.code } }), 201);
    assert.equal(expectStatus(await admin.post(`/campaigns/${w.camp.id}/invitations`), 200).created, 1);
    w.kiosk = expectStatus(await admin.post(`/campaigns/${w.camp.id}/kiosks`, { unit: w.da.code }), 201);
    // an organisation-wide campaign: links for cust (DA, staff SA), cust2 (TA, no staff), cust3 (DB)
    w.cust2 = await makeCustomer(admin, { name: 'Đinh Văn Tổ', phone: '0987650002', consent_survey: true });
    await makeEncounter(admin, { customer: w.cust2.id, unit: w.ta.code });
    w.cust3 = await makeCustomer(admin, { name: 'Cao Thị Ngoại', phone: '0987650003', consent_survey: true });
    await makeEncounter(admin, { customer: w.cust3.id, unit: w.db.code });
    w.campAll = expectStatus(await admin.post('/campaigns', { survey_id: w.survey.id, name: 'Toàn viện', channel: 'link' }), 201);
    assert.equal(expectStatus(await admin.post(`/campaigns/${w.campAll.id}/invitations`), 200).created, 3);
  });

  // ---- personal links by scope
  const invitedIds = async (client) => (await listAll(client, `/campaigns/${w.campAll.id}/invitations`)).map((i) => i.customer.id).sort((a, b) => a - b);
  const ascending = (...xs) => xs.sort((a, b) => a - b);

  test("a head of A lists and exports only the links of A's subtree", async () => {
    assert.deepEqual(await invitedIds(w.headA.client), ascending(w.cust.id, w.cust2.id));
    const r = await w.headA.client.get(`/campaigns/${w.campAll.id}/invitations/export`);
    if (r.status !== 200) return expectProblem(r, 403, 'auth.forbidden');
    assert.ok(r.text.includes('+84987650001') && r.text.includes('+84987650002'), r.text);
    assert.ok(!r.text.includes('+84987650003') && !r.text.includes('Cao Thị Ngoại'), 'no customer of B');
  });

  test('a head of B lists only the link of B', async () => {
    assert.deepEqual(await invitedIds(w.headB.client), [w.cust3.id]);
  });

  test('a staff member lists only the links of their own encounters (staff read own encounters and those customers)', async () => {
    expectProblem(await w.staffA.client.get(`/customers/${w.cust2.id}`), 404, 'customer.not_found'); // outside their scope
    const r = await w.staffA.client.get(`/campaigns/${w.campAll.id}/invitations?page_size=500`);
    if (r.status !== 200) return expectProblem(r, 403, 'auth.forbidden');
    assert.deepEqual(r.body.items.map((i) => i.customer.id), [w.cust.id], r.text.slice(0, 400));
    assert.ok(!r.text.includes('987650002'), 'no customer of an encounter that is not theirs');
  });

  // ---- head of A
  test("a head of A: analysis without unit covers A's subtree (n = 7) with its figures", async () => {
    const b = expectStatus(await w.headA.client.get(A()), 200);
    const fs = formsOf('da', 'ta');
    assert.equal(b.n, fs.length);
    assert.equal(b.suppressed, false);
    near(b.csat.value, csatOf(fs), 'csat');
    near(b.nps.value, npsOf(fs), 'nps');
    near(b.questions.find((q) => q.name === 'overall').mean, meanOf(fs), 'overall mean');
  });

  test('a head of A: ?unit=DA equals the default; ?unit=TA (3 forms) is suppressed', async () => {
    const def = expectStatus(await w.headA.client.get(A()), 200);
    const da = expectStatus(await w.headA.client.get(A(`?unit=${w.da.code}`)), 200);
    assert.equal(da.n, def.n);
    near(da.csat.value, def.csat.value, 'csat');
    const ta = expectStatus(await w.headA.client.get(A(`?unit=${w.ta.code}`)), 200);
    assert.equal(ta.suppressed, true);
    assert.equal(ta.n, undefined);
  });

  test('a head of A asking for unit DB (or the parent branch) → 404 unit.not_found', async () => {
    expectProblem(await w.headA.client.get(A(`?unit=${w.db.code}`)), 404, 'unit.not_found');
    expectProblem(await w.headA.client.get(A(`?unit=${w.br.code}`)), 404, 'unit.not_found');
    expectProblem(await w.headA.client.get(`/surveys/${w.survey.id}/ranking?by=unit&unit=${w.db.code}`), 404, 'unit.not_found');
    expectProblem(await w.headA.client.get(`/surveys/${w.survey.id}/comments?unit=${w.db.code}`), 404, 'unit.not_found');
  });

  test("a head of A: ranking by unit lists only A's subtree", async () => {
    const items = listOf(expectStatus(await w.headA.client.get(`/surveys/${w.survey.id}/ranking?by=unit`), 200));
    assert.ok(items.length >= 1, JSON.stringify(items));
    for (const x of items) assert.ok([w.da.code, w.ta.code].includes(x.key), `ranking shows ${x.key}`);
  });

  test("a head of A: comments list only A's verbatims; B's are not found, not even by search", async () => {
    const items = await listAll(w.headA.client, `/surveys/${w.survey.id}/comments`);
    const texts = items.map((c) => c.text).sort();
    assert.deepEqual(texts, formsOf('da', 'ta').map((f) => f[3]).sort());
    for (const c of items) {
      assert.ok([w.da.code, w.ta.code].includes(c.unit));
      assert.equal(c.question, 'comment');
      assert.equal(typeof c.response_id, 'number');
    }
    const q = await w.headA.client.get(`/surveys/${w.survey.id}/comments?q=${encodeURIComponent('Bravothái độ')}`);
    assert.equal(expectStatus(q, 200).total, 0, describeRes(q));
    assert.ok(!q.text.includes('Bravo'), 'no B text in the body');
  });

  test('comments search folds diacritics (q=cho hoi lau finds "chờ hơi lâu")', async () => {
    const admin = await s.admin();
    const b = expectStatus(await admin.get(`/surveys/${w.survey.id}/comments?q=${encodeURIComponent('cho hoi lau')}`), 200);
    assert.deepEqual(b.items.map((c) => c.text), ['Alphachờ hơi lâu']);
  });

  test("a head of A: the responses list holds nothing of B", async () => {
    const r = await w.headA.client.get(`/surveys/${w.survey.id}/responses?page_size=500`);
    if (r.status !== 200) return expectProblem(r, 403, 'auth.forbidden');
    assert.ok(!r.text.includes('Bravo'), 'no B answers');
    for (const x of r.body.items) assert.ok([w.da.code, w.ta.code].includes(x.unit), x.unit);
  });

  // ---- staff and head of B
  test("a staff member of DA reads the analysis of DA's subtree (n = 7)", async () => {
    const r = await w.staffA.client.get(A());
    const b = expectStatus(r, 200);
    assert.equal(b.n, formsOf('da', 'ta').length, describeRes(r));
  });

  test('a staff member of DA asking for unit DB → 404 unit.not_found', async () => {
    expectProblem(await w.staffA.client.get(A(`?unit=${w.db.code}`)), 404, 'unit.not_found');
  });

  test("a staff member of DA never gets B's comments", async () => {
    const r = await w.staffA.client.get(`/surveys/${w.survey.id}/comments?page_size=500`);
    if (r.status !== 200) return expectProblem(r, r.status);
    assert.ok(!r.text.includes('Bravo'), r.text.slice(0, 300));
  });

  test('a head of B sees B only (n = 6); DA → 404', async () => {
    const b = expectStatus(await w.headB.client.get(A()), 200);
    const fs = formsOf('db');
    assert.equal(b.n, fs.length);
    near(b.csat.value, csatOf(fs), 'csat');
    expectProblem(await w.headB.client.get(A(`?unit=${w.da.code}`)), 404, 'unit.not_found');
  });

  // ---- organisation-wide readers
  for (const role of ['director', 'auditor']) {
    test(`${role === 'auditor' ? 'an' : 'a'} ${role} reads the organisation-wide analysis (n = 13), any unit, rankings and comments`, async () => {
      const c = w[role].client;
      const b = expectStatus(await c.get(A()), 200);
      assert.equal(b.n, FORMS.length);
      near(b.nps.value, npsOf(FORMS), 'nps');
      assert.equal(expectStatus(await c.get(A(`?unit=${w.db.code}`)), 200).n, 6);
      const items = listOf(expectStatus(await c.get(`/surveys/${w.survey.id}/ranking?by=unit`), 200));
      assert.ok(items.some((x) => x.key === w.db.code) && items.some((x) => x.key === w.da.code), JSON.stringify(items));
      assert.equal((await listAll(c, `/surveys/${w.survey.id}/comments`)).length, FORMS.length);
    });
  }

  // ---- auditor and personal data
  test('an auditor listing invitations gets token, customer name and phone null', async () => {
    const r = await w.auditor.client.get(`/campaigns/${w.camp.id}/invitations`);
    const b = expectStatus(r, 200);
    assert.equal(b.total, 1);
    const [inv] = b.items;
    assert.equal(inv.token, null, JSON.stringify(inv));
    assert.equal(inv.customer.name, null, JSON.stringify(inv));
    assert.equal(inv.customer.phone, null, JSON.stringify(inv));
    const [real] = await listAll(await s.admin(), `/campaigns/${w.camp.id}/invitations`);
    assert.ok(!r.text.includes(real.token), 'no token in the body');
    assert.ok(!r.text.includes('987650001') && !r.text.includes('Riêng Tư'), 'no customer identity in the body');
  });

  test('an auditor gets 403 on the invitations CSV export', async () => {
    expectProblem(await w.auditor.client.get(`/campaigns/${w.camp.id}/invitations/export`), 403, 'auth.forbidden');
  });

  test("an auditor's view of a follow-up case from a survey has no customer identity", async () => {
    const [real] = await listAll(await s.admin(), `/campaigns/${w.camp.id}/invitations`);
    expectStatus(await s.client().post('/public/responses', { token: real.token, answers: { overall: 1, nps: 0, comment: 'Rất tệ' }, lang: 'vi' }), 201);
    const r = await w.auditor.client.get('/feedback?channel=survey&page_size=500');
    expectStatus(r, 200);
    assert.ok(r.body.total >= 1);
    assert.ok(!r.text.includes('987650001') && !r.text.includes('Riêng Tư'), 'no customer identity');
  });

  // ---- no session
  test('every survey endpoint but the public ones answers 401 auth.required without a session', async () => {
    const anon = s.client();
    const sid = w.survey.id, cid = w.camp.id;
    const endpoints = [
      ['GET', '/survey-templates'], ['GET', '/surveys'], ['POST', '/surveys', { definition: QUESTIONNAIRE }],
      ['GET', `/surveys/${sid}`], ['PUT', `/surveys/${sid}`, { definition: QUESTIONNAIRE }],
      ['GET', `/surveys/${sid}/analysis`], ['GET', `/surveys/${sid}/ranking?by=unit`],
      ['GET', `/surveys/${sid}/responses`], ['POST', `/surveys/${sid}/responses`, { unit: w.da.code, answers: { overall: 5 } }],
      ['GET', `/surveys/${sid}/comments`],
      ['GET', '/campaigns'], ['POST', '/campaigns', { survey_id: sid, name: 'x', channel: 'link' }],
      ['GET', `/campaigns/${cid}`], ['PATCH', `/campaigns/${cid}`, { name: 'x' }],
      ['POST', `/campaigns/${cid}/invitations`], ['GET', `/campaigns/${cid}/invitations`],
      ['GET', `/campaigns/${cid}/invitations/export`], ['GET', `/campaigns/${cid}/kiosks`],
      ['POST', `/campaigns/${cid}/kiosks`, { unit: w.db.code }], ['GET', `/campaigns/${cid}/rates?by=unit`],
      ['GET', '/qr.svg?data=abc'], ['POST', `/imports/responses?survey=${sid}`, 'external_id,overall\nX1,5\n'],
    ];
    const wrong = [];
    for (const [method, path, body] of endpoints) {
      const r = await anon.request(method, path, body, typeof body === 'string' ? { contentType: 'text/csv' } : {});
      if (r.status !== 401 || r.body?.code !== 'auth.required') wrong.push(`${method} ${path} → ${r.status} ${r.text.slice(0, 120)}`);
    }
    assert.deepEqual(wrong, []);
    const admin = await s.admin();
    assert.equal(expectStatus(await admin.get(`/surveys/${sid}/responses?page_size=1`), 200).total, FORMS.length + 1, 'nothing was stored');
    assert.equal(expectStatus(await admin.get(`/campaigns/${cid}`), 200).name, 'Quyền');
  });

  test('the public endpoints need no session', async () => {
    const anon = s.client();
    expectProblem(await anon.get(`/public/surveys/token/${'b'.repeat(26)}`), 404, 'survey.link_unknown');
    expectStatus(await anon.get(`/public/surveys/kiosk/${w.kiosk.code}`), 200);
    expectStatus(await anon.post('/public/responses', { kiosk: w.kiosk.code, answers: { overall: 4 }, lang: 'vi' }), 201);
  });
});
