// Paper forms and their CSV import (docs/api.md "Surveys" → "Responses"): typed in by any role
// but director and auditor for a unit in their scope (422 response.unit_out_of_scope outside
// it); the CSV import is all or nothing, names the bad line and column, and adds nothing when
// the same rows come again (API and CLI).
// World: ROOT → {DA → TA, DB}; staff SA in DA, SB in DB; staffA is the user of SA.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  makeCustomer, listAll, countOf, toCsv, runCli, writeTemp, describeRes,
} from './harness.mjs';

const QUESTIONNAIRE = {
  title: 'Phiếu giấy',
  elements: [
    { type: 'rating', name: 'overall', role: 'overall' },
    { type: 'rating', name: 'nps', role: 'nps', rateMin: 0, rateMax: 10 },
    { type: 'matrix', name: 'env', columns: [1, 2, 3, 4, 5], rows: [{ value: 'clean', dimension: 'env' }, { value: 'quiet', dimension: 'env' }] },
    { type: 'checkbox', name: 'services', choices: ['lab', 'xray', 'pharmacy'] },
    { type: 'comment', name: 'comment' },
  ],
};
const HEADER = ['external_id', 'submitted_at', 'unit', 'staff', 'customer_phone', 'overall', 'nps', 'env.clean', 'env.quiet', 'services', 'comment'];
const csv = { contentType: 'text/csv' };

suite('survey paper forms and CSV import', () => {
  const s = useServer();
  const w = {};
  const total = async () => countOf(await s.admin(), `/surveys/${w.survey.id}/responses`);
  const byId = async (id) => (await listAll(await s.admin(), `/surveys/${w.survey.id}/responses`)).find((x) => x.id === id);

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
    w.da = await makeUnit(admin, { code: uid('DA'), name: 'Khoa Nội', parent: w.root.code });
    w.ta = await makeUnit(admin, { code: uid('TA'), name: 'Tổ Nội 1', parent: w.da.code });
    w.db = await makeUnit(admin, { code: uid('DB'), name: 'Khoa Ngoại', parent: w.root.code });
    w.sa = await makeStaff(admin, { unit: w.da.code, name: 'Lê Văn An' });
    w.sb = await makeStaff(admin, { unit: w.db.code, name: 'Võ Minh Bảo' });
    w.cust = await makeCustomer(admin, { name: 'Đỗ Thị Giấy', category: 'long_term' });
    w.staffA = await s.makeUser('staff', { unit: w.da.code, employee_code: w.sa.employee_code });
    w.headA = await s.makeUser('head', { unit: w.da.code });
    w.quality = await s.makeUser('quality');
    w.director = await s.makeUser('director');
    w.auditor = await s.makeUser('auditor');
    w.survey = expectStatus(await admin.post('/surveys', { definition: QUESTIONNAIRE }), 201);
    w.rows = [
      { external_id: 'PG-1', submitted_at: '2026-03-02T02:00:00Z', unit: w.da.code, staff: w.sa.employee_code, customer_phone: '', overall: 5, nps: 10, 'env.clean': 5, 'env.quiet': 4, services: 'lab;xray', comment: 'Bác sĩ tận tình' },
      { external_id: 'PG-2', submitted_at: '2026-03-03T02:00:00Z', unit: w.da.code, staff: '', customer_phone: '', overall: 4, nps: '', 'env.clean': 4, 'env.quiet': '', services: '', comment: '' },
      { external_id: 'PG-3', submitted_at: '2026-03-04T02:00:00Z', unit: w.ta.code, staff: '', customer_phone: '', overall: 3, nps: 7, 'env.clean': 3, 'env.quiet': 3, services: 'pharmacy', comment: 'Phòng chờ, hơi nóng' },
      { external_id: 'PG-4', submitted_at: '2026-03-05T02:00:00Z', unit: w.db.code, staff: w.sb.employee_code, customer_phone: '', overall: 5, nps: 9, 'env.clean': 5, 'env.quiet': 5, services: '', comment: '' },
      { external_id: 'PG-5', submitted_at: '2026-03-06T02:00:00Z', unit: w.db.code, staff: '', customer_phone: '', overall: 4, nps: 8, 'env.clean': 4, 'env.quiet': 4, services: 'lab', comment: '' },
    ];
    w.text = toCsv(HEADER, w.rows);
  });

  // ---- paper forms
  test('a staff member types in a paper form for their unit → 201; it is listed with channel paper', async () => {
    const before = await total();
    const answers = { overall: 4, nps: 9, env: { clean: 5, quiet: 3 }, services: ['lab'], comment: 'Phiếu giấy số 1' };
    const r = await w.staffA.client.post(`/surveys/${w.survey.id}/responses`,
      { answers, unit: w.da.code, staff: w.sa.employee_code, submitted_at: '2026-02-14T03:00:00Z' });
    const b = expectStatus(r, 201);
    assert.equal(typeof b.id, 'number');
    assert.equal(await total(), before + 1);
    const x = await byId(b.id);
    assert.equal(x.channel, 'paper');
    assert.equal(x.unit, w.da.code);
    assert.equal(x.staff, w.sa.employee_code);
    assert.equal(Date.parse(x.submitted_at), Date.parse('2026-02-14T03:00:00Z'));
    assert.deepEqual(x.answers, answers);
    assert.equal(x.feedback_id, null);
  });

  test('a staff member typing in a form for another unit → 422 response.unit_out_of_scope; nothing stored', async () => {
    const before = await total();
    const r = await w.staffA.client.post(`/surveys/${w.survey.id}/responses`, { answers: { overall: 5 }, unit: w.db.code });
    expectProblem(r, 422, 'response.unit_out_of_scope');
    assert.equal(await total(), before);
  });

  test('a head types in forms for their subtree (DA, TA) but not for DB', async () => {
    const before = await total();
    expectStatus(await w.headA.client.post(`/surveys/${w.survey.id}/responses`, { answers: { overall: 5 }, unit: w.da.code }), 201);
    expectStatus(await w.headA.client.post(`/surveys/${w.survey.id}/responses`, { answers: { overall: 4 }, unit: w.ta.code }), 201);
    expectProblem(await w.headA.client.post(`/surveys/${w.survey.id}/responses`, { answers: { overall: 4 }, unit: w.db.code }), 422, 'response.unit_out_of_scope');
    assert.equal(await total(), before + 2);
  });

  test('quality and admin type in forms for any unit; directors and auditors may not (403)', async () => {
    const before = await total();
    expectStatus(await w.quality.client.post(`/surveys/${w.survey.id}/responses`, { answers: { overall: 3 }, unit: w.db.code }), 201);
    expectStatus(await (await s.admin()).post(`/surveys/${w.survey.id}/responses`, { answers: { overall: 3 }, unit: w.ta.code, customer_phone: w.cust.phone }), 201);
    for (const role of ['director', 'auditor']) {
      expectProblem(await w[role].client.post(`/surveys/${w.survey.id}/responses`, { answers: { overall: 3 }, unit: w.db.code }), 403, 'auth.forbidden');
    }
    assert.equal(await total(), before + 2);
  });

  test('paper form validation: off-scale answer, unknown question, missing or unknown unit → 422; nothing stored', async () => {
    const admin = await s.admin();
    const before = await total();
    const post = (b) => admin.post(`/surveys/${w.survey.id}/responses`, b);
    expectProblem(await post({ answers: { overall: 9 }, unit: w.da.code }), 422, 'survey.answer_invalid', 'overall');
    expectProblem(await post({ answers: { overall: 4, env: { clean: 0 } }, unit: w.da.code }), 422, 'survey.answer_invalid', 'env');
    expectProblem(await post({ answers: { overall: 4, mood: 2 }, unit: w.da.code }), 422, 'survey.answer_unknown', 'mood');
    expectProblem(await post({ answers: { overall: 4 } }), 422);
    const r = await post({ answers: { overall: 4 }, unit: 'NO-SUCH-UNIT' });
    assert.ok([404, 422].includes(r.status), describeRes(r));
    assert.equal(await total(), before);
  });

  test('F5: a paper form with nps 2 opens a complaint for the form\'s unit', async () => {
    const admin = await s.admin();
    const { id } = expectStatus(await w.staffA.client.post(`/surveys/${w.survey.id}/responses`, { answers: { overall: 3, nps: 2, comment: 'Nhân viên thiếu nhiệt tình' }, unit: w.da.code }), 201);
    const x = await byId(id);
    assert.equal(typeof x.feedback_id, 'number', JSON.stringify(x));
    const f = expectStatus(await admin.get(`/feedback/${x.feedback_id}`), 200);
    assert.deepEqual([f.kind, f.channel, f.unit], ['complaint', 'survey', w.da.code]);
    const mine = (await listAll(w.headA.client, '/feedback?mine=true')).map((c) => c.id);
    assert.ok(mine.includes(f.id), JSON.stringify(mine));
  });

  // ---- CSV import
  test('a file with an off-scale nps on line 4 → 422 import.invalid naming line 4 and column nps; nothing imported', async () => {
    const admin = await s.admin();
    const before = await total();
    const rows = w.rows.map((r) => ({ ...r, external_id: `BAD-${r.external_id}` }));
    rows[2].nps = 11; // line 4 (header is line 1)
    const p = expectProblem(await admin.post(`/imports/responses?survey=${w.survey.id}`, toCsv(HEADER, rows), csv), 422, 'import.invalid');
    assert.deepEqual(p.errors.map((e) => [e.line, e.field]), [[4, 'nps']], JSON.stringify(p.errors));
    assert.equal(await total(), before);
  });

  test('every bad line is named: unknown unit (line 2), matrix value (line 3), unknown checkbox value (line 6); nothing imported', async () => {
    const admin = await s.admin();
    const before = await total();
    const rows = w.rows.map((r) => ({ ...r, external_id: `BAD2-${r.external_id}` }));
    rows[0].unit = 'NO-SUCH-UNIT';
    rows[1]['env.clean'] = 7;
    rows[4].services = 'lab;mri';
    const p = expectProblem(await admin.post(`/imports/responses?survey=${w.survey.id}`, toCsv(HEADER, rows), csv), 422, 'import.invalid');
    assert.deepEqual(p.errors.map((e) => [e.line, e.field]).sort((a, b) => a[0] - b[0]), [[2, 'unit'], [3, 'env.clean'], [6, 'services']], JSON.stringify(p.errors));
    assert.equal(await total(), before);
  });

  test('a column that is not a question → 422 import.invalid naming it; nothing imported', async () => {
    const admin = await s.admin();
    const before = await total();
    const h = HEADER.map((x) => (x === 'nps' ? 'npz' : x));
    const rows = w.rows.map((r) => ({ ...r, external_id: `BAD3-${r.external_id}`, npz: r.nps }));
    const p = expectProblem(await admin.post(`/imports/responses?survey=${w.survey.id}`, toCsv(h, rows), csv), 422, 'import.invalid');
    assert.ok(p.errors.some((e) => e.field === 'npz'), JSON.stringify(p.errors));
    assert.equal(await total(), before);
  });

  test('the good file imports 5 responses (matrix columns, checkbox lists, empty = not answered)', async () => {
    const admin = await s.admin();
    const before = await total();
    const r = await admin.post(`/imports/responses?survey=${w.survey.id}`, '\ufeff' + w.text, csv);
    const b = expectStatus(r, 200);
    assert.equal(b.total, 5, describeRes(r));
    assert.equal(b.created, 5, describeRes(r));
    assert.equal(await total(), before + 5);
    const items = await listAll(admin, `/surveys/${w.survey.id}/responses?from=2026-03-01&to=2026-03-31`);
    assert.equal(items.length, 5);
    const at = (d) => items.find((x) => Date.parse(x.submitted_at) === Date.parse(d));
    const one = at('2026-03-02T02:00:00Z');
    assert.deepEqual(one.answers, { overall: 5, nps: 10, env: { clean: 5, quiet: 4 }, services: ['lab', 'xray'], comment: 'Bác sĩ tận tình' });
    assert.equal(one.unit, w.da.code);
    assert.equal(one.staff, w.sa.employee_code);
    const two = at('2026-03-03T02:00:00Z');
    assert.deepEqual(two.answers, { overall: 4, env: { clean: 4 } });
    assert.equal(at('2026-03-04T02:00:00Z').unit, w.ta.code);
    assert.equal(at('2026-03-04T02:00:00Z').answers.comment, 'Phòng chờ, hơi nóng');
  });

  test('the same file again → created 0 (unchanged 5); nothing added', async () => {
    const admin = await s.admin();
    const before = await total();
    const b = expectStatus(await admin.post(`/imports/responses?survey=${w.survey.id}`, w.text, csv), 200);
    assert.equal(b.created, 0, JSON.stringify(b));
    assert.equal(b.unchanged, 5, JSON.stringify(b));
    assert.equal(await total(), before);
  });

  test('servq import responses (CLI) imports a file once; importing it again adds nothing', async () => {
    const admin = await s.admin();
    const before = await total();
    const rows = w.rows.map((r) => ({ ...r, external_id: `CLI-${r.external_id}` }));
    const file = writeTemp(s.dir, 'paper.csv', toCsv(HEADER, rows));
    const r = await runCli(['import', 'responses', '--db', s.db, '--survey', String(w.survey.id), file]);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.equal(await total(), before + 5);
    const r2 = await runCli(['import', 'responses', '--db', s.db, '--survey', String(w.survey.id), file]);
    assert.equal(r2.code, 0, `${r2.stdout}${r2.stderr}`);
    assert.equal(await total(), before + 5);
    const bad = writeTemp(s.dir, 'paper-bad.csv', toCsv(HEADER, rows.map((x, i) => ({ ...x, external_id: `CLIBAD-${i}`, overall: i === 3 ? 6 : x.overall }))));
    const r3 = await runCli(['import', 'responses', '--db', s.db, '--survey', String(w.survey.id), bad]);
    assert.notEqual(r3.code, 0);
    assert.match(`${r3.stdout}${r3.stderr}`, /5/, 'names line 5');
    assert.equal(await total(), before + 5);
  });

  test('importing without ?survey → 422; auditors and directors may not import (403)', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/imports/responses', w.text, csv), 422);
    for (const role of ['auditor', 'director']) {
      expectProblem(await w[role].client.post(`/imports/responses?survey=${w.survey.id}`, w.text.replace(/PG-/g, `${role}-`), csv), 403, 'auth.forbidden');
    }
  });

  test('GET responses filters by unit with subtree', async () => {
    const admin = await s.admin();
    const all = await listAll(admin, `/surveys/${w.survey.id}/responses`);
    const da = await listAll(admin, `/surveys/${w.survey.id}/responses?unit=${w.da.code}`);
    assert.deepEqual(da.map((x) => x.id).sort((a, b) => a - b),
      all.filter((x) => [w.da.code, w.ta.code].includes(x.unit)).map((x) => x.id).sort((a, b) => a - b));
    assert.ok(da.some((x) => x.unit === w.ta.code));
  });
});
