// Who sees which feedback (docs/api.md "Roles and scope", "Feedback"): unit heads see their
// subtree, staff what they received or what is about them, auditors never the customer's
// identity, directors read everything but act on nothing.
// World: ROOT → BR → {DA, DB}; staff SA, SA2 in DA, SB in DB; staffA is the user of SA.
// Cases: fA1 (DA, about SA), fA2 (DA, about SA2, escalated), fS (DA, received by staffA), fB1 (DB, about SB).
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  listAll, describeRes, unzipEntries, e164
} from './harness.mjs';

const PHONES = { fA1: '0987123401', fA2: '0987123402', fS: '0987123403', fB1: '0987123404' };
const NAMES = { fA1: 'Khách Alpha Một', fA2: 'Khách Alpha Hai', fS: 'Khách Sigma', fB1: 'Khách Beta' };
const ADDRESS = '77 Nguyễn Trãi, Quận 5';
const ids = (items) => items.map((x) => x.id).sort((a, b) => a - b);
const sum = (items) => items.reduce((n, x) => n + x.count, 0);

suite('feedback access', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
    w.br = await makeUnit(admin, { code: uid('BR'), name: 'Chi nhánh', parent: w.root.code });
    w.da = await makeUnit(admin, { code: uid('DA'), name: 'Khoa Nội', parent: w.br.code });
    w.db = await makeUnit(admin, { code: uid('DB'), name: 'Khoa Ngoại', parent: w.br.code });
    w.sA = await makeStaff(admin, { unit: w.da.code, name: 'Lê Văn An' });
    w.sA2 = await makeStaff(admin, { unit: w.da.code, name: 'Phạm Thị Ánh' });
    w.sB = await makeStaff(admin, { unit: w.db.code, name: 'Võ Minh Bảo' });
    w.headA = await s.makeUser('head', { unit: w.da.code });
    w.headB = await s.makeUser('head', { unit: w.db.code });
    w.staffA = await s.makeUser('staff', { unit: w.da.code, employee_code: w.sA.employee_code });
    w.auditor = await s.makeUser('auditor');
    w.director = await s.makeUser('director');
    const log = async (client, key, unit, staff) => expectStatus(await client.post('/feedback', {
      channel: 'hotline', kind: 'complaint', category: 'attitude', severity: 'high', unit, staff,
      customer: { name: NAMES[key], phone: PHONES[key], address: ADDRESS },
      content: `Phản ánh ${key} ${uid('K')}`,
    }), 201);
    w.fA1 = await log(admin, 'fA1', w.da.code, w.sA.employee_code);
    w.fA2 = await log(admin, 'fA2', w.da.code, w.sA2.employee_code);
    w.fS = await log(w.staffA.client, 'fS', w.da.code, undefined);
    w.fB1 = await log(admin, 'fB1', w.db.code, w.sB.employee_code);
    for (const a of ['verify', 'accept', 'escalate']) {
      expectStatus(await admin.post(`/feedback/${w.fA2.id}/transitions`, { action: a }), 200);
    }
  });

  // ---- head of A
  test("a head of A gets 404 feedback.not_found on B's case", async () => {
    expectProblem(await w.headA.client.get(`/feedback/${w.fB1.id}`), 404, 'feedback.not_found');
  });

  test("a head of A gets 404 feedback.not_found on a transition of B's case, which is unchanged", async () => {
    expectProblem(await w.headA.client.post(`/feedback/${w.fB1.id}/transitions`, { action: 'verify' }), 404, 'feedback.not_found');
    const admin = await s.admin();
    const g = expectStatus(await admin.get(`/feedback/${w.fB1.id}`), 200);
    assert.equal(g.status, 'received');
    assert.equal(g.timeline.length, 1);
  });

  test("a head of A gets 404 on adding a notification to B's case", async () => {
    expectProblem(await w.headA.client.post(`/feedback/${w.fB1.id}/notifications`, { channel: 'sms', kind: 'other', content: 'x' }), 404, 'feedback.not_found');
  });

  test('a head of A lists exactly the cases of A', async () => {
    assert.deepEqual(ids(await listAll(w.headA.client, '/feedback')), ids([w.fA1, w.fA2, w.fS]));
  });

  test("a head of A's counts cover only A (by unit and by channel add up to 3)", async () => {
    const byUnit = expectStatus(await w.headA.client.get('/feedback/counts?by=unit'), 200);
    assert.deepEqual(byUnit.items.map((x) => [x.key, x.count]), [[w.da.code, 3]]);
    const byChannel = expectStatus(await w.headA.client.get('/feedback/counts?by=channel'), 200);
    assert.equal(sum(byChannel.items), 3, JSON.stringify(byChannel));
  });

  test('a head of A filtering by unit B, or searching B\'s content, finds nothing', async () => {
    const r = await w.headA.client.get(`/feedback?unit=${w.db.code}`);
    if (r.status === 200) assert.equal(r.body.total, 0, describeRes(r));
    else expectProblem(r, r.status);
    const q = expectStatus(await w.headA.client.get(`/feedback?q=${encodeURIComponent(w.fB1.content)}`), 200);
    assert.equal(q.total, 0, JSON.stringify(q));
    const counts = await w.headA.client.get(`/feedback/counts?by=unit&unit=${w.db.code}`);
    if (counts.status === 200) assert.equal(sum(counts.body.items), 0, describeRes(counts));
  });

  test("a head of A's export does not contain B's case", async () => {
    const r = await w.headA.client.raw('/feedback/export?format=csv');
    assert.equal(r.status, 200);
    const text = r.bytes.toString('utf8');
    assert.ok(text.includes(w.fA1.reference), 'own case exported');
    assert.ok(!text.includes(w.fB1.reference) && !text.includes(e164(PHONES.fB1)), 'B not exported');
  });

  test('mine=true for the head of A is the case escalated to them', async () => {
    assert.deepEqual(ids(await listAll(w.headA.client, '/feedback?mine=true')), [w.fA2.id]);
  });

  test('a head of B lists only the case of B', async () => {
    assert.deepEqual(ids(await listAll(w.headB.client, '/feedback')), [w.fB1.id]);
  });

  // ---- staff
  test('a staff user lists only the cases they received or that are about them', async () => {
    assert.deepEqual(ids(await listAll(w.staffA.client, '/feedback')), ids([w.fA1, w.fS]));
    const byKind = expectStatus(await w.staffA.client.get('/feedback/counts?by=kind'), 200);
    assert.equal(sum(byKind.items), 2, JSON.stringify(byKind));
  });

  test("a staff user gets 404 on a colleague's case in the same unit", async () => {
    expectProblem(await w.staffA.client.get(`/feedback/${w.fA2.id}`), 404, 'feedback.not_found');
    expectProblem(await w.staffA.client.post(`/feedback/${w.fA2.id}/transitions`, { action: 'resolve', resolution: 'x' }), 404, 'feedback.not_found');
  });

  test('a staff user reads a case about themselves', async () => {
    const g = expectStatus(await w.staffA.client.get(`/feedback/${w.fA1.id}`), 200);
    assert.equal(g.staff, w.sA.employee_code);
  });

  test('mine=true for a staff user is the case they received and handle', async () => {
    assert.deepEqual(ids(await listAll(w.staffA.client, '/feedback?mine=true')), [w.fS.id]);
  });

  // ---- auditor
  const noPii = (text, where) => {
    for (const p of Object.values(PHONES)) {
      assert.ok(!text.includes(p) && !text.includes(p.slice(1)) && !text.includes(p.slice(3)), `phone ${p} in ${where}`);
    }
    for (const n of Object.values(NAMES)) assert.ok(!text.includes(n), `name ${n} in ${where}`);
    assert.ok(!text.includes('Nguyễn Trãi'), `address in ${where}`);
  };

  test("an auditor's list has customer name, phone and address null and no phone digits in the raw body", async () => {
    const r = await w.auditor.client.get('/feedback?page_size=500');
    const b = expectStatus(r, 200);
    assert.equal(b.total, 4);
    for (const f of b.items) {
      assert.equal(f.customer.name, null, JSON.stringify(f.customer));
      assert.equal(f.customer.phone, null, JSON.stringify(f.customer));
      assert.equal(f.customer.address, null, JSON.stringify(f.customer));
    }
    noPii(r.text, describeRes(r));
  });

  test("an auditor's case page has no customer identity", async () => {
    const r = await w.auditor.client.get(`/feedback/${w.fB1.id}`);
    const f = expectStatus(r, 200);
    assert.deepEqual([f.customer.name, f.customer.phone, f.customer.address], [null, null, null]);
    noPii(r.text, describeRes(r));
  });

  test("an auditor's searches by phone find nothing identifying", async () => {
    const r = await w.auditor.client.get(`/feedback?q=${PHONES.fA1}`);
    if (r.status === 200) noPii(r.text, describeRes(r));
    else expectProblem(r, r.status);
  });

  test("an auditor's CSV export contains no customer identity", async () => {
    const r = await w.auditor.client.raw('/feedback/export?format=csv');
    assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
    const text = r.bytes.toString('utf8');
    assert.ok(text.includes(w.fA1.reference), 'the cases are exported');
    noPii(text, 'auditor CSV export');
  });

  test("an auditor's XLSX export contains no customer identity", async () => {
    const r = await w.auditor.client.raw('/feedback/export?format=xlsx');
    assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
    const text = Object.values(unzipEntries(r.bytes)).map((b) => b.toString('utf8')).join('\n');
    assert.ok(text.includes(w.fA1.reference), 'the cases are exported');
    noPii(text, 'auditor XLSX export');
  });

  test('an auditor may not log feedback (403 auth.forbidden)', async () => {
    expectProblem(await w.auditor.client.post('/feedback', { channel: 'phone', kind: 'praise', content: 'x' }), 403, 'auth.forbidden');
  });

  // ---- director
  test('a director reads every case, with the customer', async () => {
    assert.deepEqual(ids(await listAll(w.director.client, '/feedback')), ids([w.fA1, w.fA2, w.fS, w.fB1]));
    const g = expectStatus(await w.director.client.get(`/feedback/${w.fB1.id}`), 200);
    assert.equal(g.customer.phone, e164(PHONES.fB1));
    assert.equal(g.customer.name, NAMES.fB1);
  });

  test('a director may not take a transition (403) and the case is unchanged', async () => {
    const r = await w.director.client.post(`/feedback/${w.fB1.id}/transitions`, { action: 'verify' });
    expectProblem(r, 403);
    assert.ok(['feedback.actor_not_allowed', 'auth.forbidden'].includes(r.body.code), describeRes(r));
    const admin = await s.admin();
    assert.equal(expectStatus(await admin.get(`/feedback/${w.fB1.id}`), 200).status, 'received');
  });

  test('a director may not log feedback (403 auth.forbidden)', async () => {
    expectProblem(await w.director.client.post('/feedback', { channel: 'phone', kind: 'praise', content: 'x' }), 403, 'auth.forbidden');
  });
});
