// Access scope by the unit tree and PII masking (docs/api.md "Roles and scope").
// World: ROOT → BR → {DA, DB}; DA has team TA below it. Customers: cA visited only DA (via TA),
// cB only DB, cAB both. headA heads DA; staffA is employee SA1 in DA.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, expectHidden, assert, uid,
  makeUnit, makeStaff, makeCustomer, makeEncounter, listAll, countOf, describeRes,
} from './harness.mjs';

suite('access scope', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn phòng khám' });
    w.br = await makeUnit(admin, { code: uid('BR'), name: 'Chi nhánh 1', parent: w.root.code });
    w.da = await makeUnit(admin, { code: uid('DA'), name: 'Khoa Nội', parent: w.br.code });
    w.ta = await makeUnit(admin, { code: uid('TA'), name: 'Tổ Nội 1', parent: w.da.code });
    w.db = await makeUnit(admin, { code: uid('DB'), name: 'Khoa Ngoại', parent: w.br.code });
    w.sa1 = await makeStaff(admin, { unit: w.da.code, name: 'Lê Văn An' });
    w.sa2 = await makeStaff(admin, { unit: w.ta.code, name: 'Phạm Thị Ánh' });
    w.sb1 = await makeStaff(admin, { unit: w.db.code, name: 'Võ Minh Bảo' });
    w.cA = await makeCustomer(admin, { name: 'Nguyễn Thị Alpha', phone: '0912000111', category: 'long_term' });
    w.cB = await makeCustomer(admin, { name: 'Trần Văn Beta', phone: '0912000222', category: 'first_time' });
    w.cAB = await makeCustomer(admin, { name: 'Hoàng Gamma', phone: '0912000333', category: 'first_time' });
    w.eA1 = await makeEncounter(admin, { customer: w.cA.id, unit: w.da.code, staff: w.sa1.employee_code });
    w.eA2 = await makeEncounter(admin, { customer: w.cA.id, unit: w.ta.code, staff: w.sa2.employee_code });
    w.eAB1 = await makeEncounter(admin, { customer: w.cAB.id, unit: w.da.code, staff: w.sa1.employee_code });
    w.eB1 = await makeEncounter(admin, { customer: w.cB.id, unit: w.db.code, staff: w.sb1.employee_code });
    w.eAB2 = await makeEncounter(admin, { customer: w.cAB.id, unit: w.db.code, staff: w.sb1.employee_code });
    w.head = await s.makeUser('head', { unit: w.da.code });
    w.staff = await s.makeUser('staff', { unit: w.da.code, employee_code: w.sa1.employee_code });
    w.auditor = await s.makeUser('auditor');
    w.director = await s.makeUser('director');
  });

  // ---- head of department A
  test('a head of A gets 404 (or 403) on staff of sibling department B', async () => {
    expectHidden(await w.head.client.get(`/staff/${w.sb1.id}`), 'staff');
  });

  test('a head of A sees staff of A and its sub-team, and none of B, in the staff list', async () => {
    const codes = (await listAll(w.head.client, '/staff')).map((x) => x.employee_code).sort();
    assert.deepEqual(codes, [w.sa1.employee_code, w.sa2.employee_code].sort());
  });

  test('a head of A reads a staff member of A', async () => {
    const body = expectStatus(await w.head.client.get(`/staff/${w.sa2.id}`), 200);
    assert.equal(body.employee_code, w.sa2.employee_code);
  });

  test('a head of A gets 404 (or 403) on an encounter in B', async () => {
    expectHidden(await w.head.client.get(`/encounters/${w.eB1.id}`), 'encounter');
  });

  test('a head of A lists exactly the encounters of A and its subtree', async () => {
    const ids = (await listAll(w.head.client, '/encounters')).map((x) => x.id).sort((a, b) => a - b);
    assert.deepEqual(ids, [w.eA1.id, w.eA2.id, w.eAB1.id].sort((a, b) => a - b));
  });

  test('a head of A filtering encounters by unit B gets nothing of B', async () => {
    const r = await w.head.client.get(`/encounters?unit=${w.db.code}`);
    if (r.status === 200) assert.deepEqual(r.body.items, [], describeRes(r));
    else expectProblem(r, r.status);
  });

  test('a head of A gets 404 (or 403) on a customer who only visited B', async () => {
    expectHidden(await w.head.client.get(`/customers/${w.cB.id}`), 'customer');
  });

  test('a head of A lists the customers who visited A (cA and cAB) and not cB', async () => {
    const ids = (await listAll(w.head.client, '/customers')).map((x) => x.id).sort((a, b) => a - b);
    assert.deepEqual(ids, [w.cA.id, w.cAB.id].sort((a, b) => a - b));
  });

  test('a head of A reads the full record of a customer who visited A', async () => {
    const body = expectStatus(await w.head.client.get(`/customers/${w.cA.id}`), 200);
    assert.equal(body.phone, '+84912000111');
    assert.equal(body.name, 'Nguyễn Thị Alpha');
    assert.equal(body.pii_masked, false);
  });

  test('a head of A cannot find a customer of B by searching their phone', async () => {
    const r = expectStatus(await w.head.client.get('/customers?q=0912000222'), 200);
    assert.equal(r.total, 0, JSON.stringify(r));
  });

  test('a head of A cannot create staff in B, and nothing is created', async () => {
    const code = uid('E');
    const r = await w.head.client.post('/staff', { employee_code: code, name: 'Intruder', unit: w.db.code, title: 'Nurse' });
    assert.ok([403, 404].includes(r.status), `expected 403 (or 404): ${describeRes(r)}`);
    expectProblem(r, r.status);
    const admin = await s.admin();
    const all = await listAll(admin, `/staff?unit=${w.db.code}`);
    assert.ok(!all.some((x) => x.employee_code === code), 'staff not created in B');
  });

  test('a head of A creates staff in A', async () => {
    const r = await w.head.client.post('/staff', { employee_code: uid('E'), name: 'Newcomer', unit: w.ta.code, title: 'Nurse' });
    expectStatus(r, 201);
  });

  test('a head of A cannot move a staff member of B (404 or 403) and B is unchanged', async () => {
    const r = await w.head.client.patch(`/staff/${w.sb1.id}`, { unit: w.da.code });
    expectHidden(r, 'staff');
    const admin = await s.admin();
    assert.equal(expectStatus(await admin.get(`/staff/${w.sb1.id}`), 200).unit, w.db.code);
  });

  test('a head of A cannot move own staff into B', async () => {
    const r = await w.head.client.patch(`/staff/${w.sa2.id}`, { unit: w.db.code });
    assert.ok([403, 404, 422].includes(r.status), `expected refusal: ${describeRes(r)}`);
    expectProblem(r, r.status);
    const admin = await s.admin();
    assert.equal(expectStatus(await admin.get(`/staff/${w.sa2.id}`), 200).unit, w.ta.code);
  });

  test('a head of A cannot record an encounter in B', async () => {
    const r = await w.head.client.post('/encounters', {
      external_id: uid('EN'), customer: w.cA.id, unit: w.db.code, staff: w.sb1.employee_code,
      service: 'x', started_at: '2026-02-01T01:00:00Z', amount: 1, converted: false,
    });
    assert.ok([403, 404, 422].includes(r.status), `expected refusal: ${describeRes(r)}`);
    expectProblem(r, r.status);
  });

  test("a head's overview counts only A's subtree", async () => {
    const o = expectStatus(await w.head.client.get('/overview'), 200);
    assert.equal(o.encounters, 3, JSON.stringify(o));
    assert.equal(o.customers, 2, JSON.stringify(o));
  });

  test('a head cannot read the audit log (403)', async () => {
    expectProblem(await w.head.client.get('/audit'), 403, 'auth.forbidden');
  });

  // ---- staff
  test('a staff member lists only own encounters', async () => {
    const items = await listAll(w.staff.client, '/encounters');
    assert.deepEqual(items.map((x) => x.id).sort((a, b) => a - b), [w.eA1.id, w.eAB1.id].sort((a, b) => a - b));
    assert.ok(items.every((x) => x.staff === w.sa1.employee_code));
  });

  test("a staff member gets 404 (or 403) on a colleague's encounter in the same department", async () => {
    expectHidden(await w.staff.client.get(`/encounters/${w.eA2.id}`), 'encounter');
  });

  test('a staff member reads a customer of an own encounter but not others', async () => {
    expectStatus(await w.staff.client.get(`/customers/${w.cAB.id}`), 200);
    expectHidden(await w.staff.client.get(`/customers/${w.cB.id}`), 'customer');
  });

  test('a staff member cannot create units (403)', async () => {
    expectProblem(await w.staff.client.post('/units', { code: uid('U'), name: 'x', parent: w.da.code }), 403, 'auth.forbidden');
  });

  // ---- auditor
  test('an auditor lists customers with name, phone, email, address null and pii_masked true', async () => {
    const items = await listAll(w.auditor.client, '/customers');
    assert.ok(items.length >= 3, `auditor sees the customers (masked): ${items.length}`);
    for (const c of items) {
      assert.equal(c.name, null, JSON.stringify(c));
      assert.equal(c.phone, null, JSON.stringify(c));
      assert.equal(c.email, null, JSON.stringify(c));
      assert.equal(c.address, null, JSON.stringify(c));
      assert.equal(c.pii_masked, true, JSON.stringify(c));
    }
  });

  test("no phone number appears anywhere in the auditor's raw customer list or detail", async () => {
    const list = await w.auditor.client.get('/customers?page_size=500');
    const one = await w.auditor.client.get(`/customers/${w.cA.id}`);
    expectStatus(list, 200);
    expectStatus(one, 200);
    for (const r of [list, one]) {
      assert.doesNotMatch(r.text, /\d{8,}/, `digit run in ${describeRes(r)}`);
      for (const p of ['0912000111', '0912000222', '0912000333', '912000']) assert.ok(!r.text.includes(p), `${p} in ${r.text}`);
      for (const n of ['Alpha', 'Beta', 'Gamma', '@example.com', 'Lê Lợi']) assert.ok(!r.text.includes(n), `${n} in ${r.text}`);
    }
  });

  test('an auditor searching customers by phone learns nothing identifying', async () => {
    const r = await w.auditor.client.get('/customers?q=0912000111');
    if (r.status === 200) assert.ok(!/\d{8,}/.test(r.text) && !r.text.includes('Alpha'), describeRes(r));
    else expectProblem(r, r.status);
  });

  test('an auditor never receives customer names through encounters', async () => {
    const r = await w.auditor.client.get('/encounters?page_size=500');
    if (r.status === 200) {
      for (const n of ['Alpha', 'Beta', 'Gamma']) assert.ok(!r.text.includes(n), `${n} in ${describeRes(r)}`);
      assert.doesNotMatch(r.text, /09120003|09120001|09120002/);
    } else {
      expectProblem(r, 403, 'auth.forbidden');
    }
  });

  test('an auditor reads units and staff', async () => {
    expectStatus(await w.auditor.client.get('/units'), 200);
    expectStatus(await w.auditor.client.get(`/staff/${w.sb1.id}`), 200);
  });

  test('an auditor reads the overview (aggregates)', async () => {
    const o = expectStatus(await w.auditor.client.get('/overview'), 200);
    assert.equal(typeof o.customers, 'number');
    assert.doesNotMatch(JSON.stringify(o), /Alpha|Beta|Gamma|0912000/);
  });

  test('an auditor cannot create customers (403)', async () => {
    expectProblem(await w.auditor.client.post('/customers', { external_id: uid('C'), name: 'x', phone: '0912999888', category: 'first_time' }), 403, 'auth.forbidden');
  });

  // ---- director
  test('a director reads everything, including B, unmasked', async () => {
    const c = expectStatus(await w.director.client.get(`/customers/${w.cB.id}`), 200);
    assert.equal(c.phone, '+84912000222');
    assert.equal(c.pii_masked, false);
    expectStatus(await w.director.client.get(`/encounters/${w.eB1.id}`), 200);
    assert.equal(await countOf(w.director.client, '/encounters'), 5);
  });

  test('a director cannot write (403)', async () => {
    expectProblem(await w.director.client.patch(`/units/${w.da.id}`, { name: 'Renamed' }), 403, 'auth.forbidden');
  });
  // Last, so that a customer wrongly created here cannot change the counts asserted above.
  test('a head cannot change a customer, even one who visited A (403)', async () => {
    expectProblem(await w.head.client.patch(`/customers/${w.cA.id}`, { name: 'Changed' }), 403, 'auth.forbidden');
    const admin = await s.admin();
    assert.equal(expectStatus(await admin.get(`/customers/${w.cA.id}`), 200).name, 'Nguyễn Thị Alpha');
  });

  test('a head cannot create customers (403)', async () => {
    expectProblem(await w.head.client.post('/customers', { external_id: uid('C'), name: 'x', phone: '0912999777', category: 'first_time' }), 403, 'auth.forbidden');
  });

  // Read-only roles (docs/api.md: director reads everything; staff reads own encounters and
  // their customers; auditor reads units, staff and aggregates) — every write is 403.
  const writes = [
    ['POST /customers', (c) => c.post('/customers', { external_id: uid('C'), name: 'x', phone: '0913888777', category: 'first_time' })],
    ['POST /encounters', (c) => c.post('/encounters', { external_id: uid('EN'), customer: w.cA.id, unit: w.da.code, staff: w.sa1.employee_code, service: 'x', started_at: '2026-02-01T01:00:00Z', amount: 1, converted: false })],
    ['POST /staff', (c) => c.post('/staff', { employee_code: uid('E'), name: 'x', unit: w.da.code, title: 'x' })],
    ['PATCH /staff/{id}', (c) => c.patch(`/staff/${w.sa1.id}`, { title: 'Changed' })],
    ['POST /units', (c) => c.post('/units', { code: uid('U'), name: 'x', parent: w.da.code })],
    ['POST /imports/customers', (c) => c.post('/imports/customers', 'external_id,name,phone,category\nRO-1,x,0913888666,first_time\n', { contentType: 'text/csv' })],
  ];
  for (const role of ['director', 'staff', 'auditor']) {
    for (const [what, call] of writes) {
      test(`a ${role} is refused ${what} with 403 auth.forbidden`, async () => {
        expectProblem(await call(w[role].client), 403, 'auth.forbidden');
      });
    }
  }
});
