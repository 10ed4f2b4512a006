// Encounters: creation by customer id or phone, validation and filters (docs/api.md "encounters").
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  makeCustomer, makeEncounter, listAll,
} from './harness.mjs';

suite('encounters', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.a = await makeUnit(admin, { code: uid('A') });
    w.a1 = await makeUnit(admin, { code: uid('A1'), parent: w.a.code });
    w.b = await makeUnit(admin, { code: uid('B') });
    w.st = await makeStaff(admin, { unit: w.a1.code });
    w.c = await makeCustomer(admin, { name: 'Lý Thị Mai', phone: '0933111222' });
  });

  test('POST /encounters by customer_phone in any format resolves the customer', async () => {
    const admin = await s.admin();
    const ext = uid('EN');
    const r = await admin.post('/encounters', {
      external_id: ext, customer_phone: '+84 933 111 222', unit: w.a1.code, staff: w.st.employee_code,
      service: 'Nội soi dạ dày', started_at: '2026-02-03T08:15:00Z', amount: 1250000, converted: true,
    });
    const e = expectStatus(r, 201);
    assert.equal(e.external_id, ext);
    assert.equal(e.customer, w.c.id);
    assert.equal(e.customer_name, 'Lý Thị Mai');
    assert.equal(e.unit, w.a1.code);
    assert.equal(e.staff, w.st.employee_code);
    assert.equal(e.service, 'Nội soi dạ dày');
    assert.equal(Date.parse(e.started_at), Date.parse('2026-02-03T08:15:00Z'));
    assert.equal(e.amount, 1250000);
    assert.equal(e.converted, true);
    assert.deepEqual(expectStatus(await admin.get(`/encounters/${e.id}`), 200), e);
  });

  test('POST /encounters by customer id works and staff may be null', async () => {
    const admin = await s.admin();
    const e = await makeEncounter(admin, { customer: w.c.id, unit: w.a.code, staff: null });
    assert.equal(e.customer, w.c.id);
    assert.equal(e.staff, null);
  });

  test('started_at with a +07:00 offset is answered as the same instant in UTC (Z)', async () => {
    const admin = await s.admin();
    const e = await makeEncounter(admin, { customer: w.c.id, unit: w.a.code, started_at: '2026-02-03T09:30:00+07:00' });
    assert.equal(Date.parse(e.started_at), Date.parse('2026-02-03T02:30:00Z'));
    assert.match(e.started_at, /(Z|\+00:00)$/);
  });

  test('an unknown customer_phone answers 422 naming customer_phone', async () => {
    const admin = await s.admin();
    const r = await admin.post('/encounters', {
      external_id: uid('EN'), customer_phone: '0999000111', unit: w.a.code, service: 'x',
      started_at: '2026-02-03T08:15:00Z', amount: 1, converted: false,
    });
    expectProblem(r, 422, undefined, 'customer_phone');
  });

  test('an unknown unit answers 422 naming unit', async () => {
    const admin = await s.admin();
    const r = await admin.post('/encounters', {
      external_id: uid('EN'), customer: w.c.id, unit: 'NO-SUCH-UNIT', service: 'x',
      started_at: '2026-02-03T08:15:00Z', amount: 1, converted: false,
    });
    expectProblem(r, 422, undefined, 'unit');
  });

  test('an unknown staff code answers 422 naming staff', async () => {
    const admin = await s.admin();
    const r = await admin.post('/encounters', {
      external_id: uid('EN'), customer: w.c.id, unit: w.a.code, staff: 'NO-SUCH-EMP', service: 'x',
      started_at: '2026-02-03T08:15:00Z', amount: 1, converted: false,
    });
    expectProblem(r, 422, undefined, 'staff');
  });

  test('a fractional amount answers 422 naming amount', async () => {
    const admin = await s.admin();
    const r = await admin.post('/encounters', {
      external_id: uid('EN'), customer: w.c.id, unit: w.a.code, service: 'x',
      started_at: '2026-02-03T08:15:00Z', amount: 12.5, converted: false,
    });
    expectProblem(r, 422, undefined, 'amount');
  });

  test('an unparseable started_at answers 422 naming started_at', async () => {
    const admin = await s.admin();
    const r = await admin.post('/encounters', {
      external_id: uid('EN'), customer: w.c.id, unit: w.a.code, service: 'x',
      started_at: '03/02/2026 8h', amount: 1, converted: false,
    });
    expectProblem(r, 422, undefined, 'started_at');
  });

  test('a duplicate external_id answers 409 encounter.duplicate', async () => {
    const admin = await s.admin();
    const e = await makeEncounter(admin, { customer: w.c.id, unit: w.a.code });
    const r = await admin.post('/encounters', {
      external_id: e.external_id, customer: w.c.id, unit: w.a.code, service: 'x',
      started_at: '2026-02-03T08:15:00Z', amount: 1, converted: false,
    });
    expectProblem(r, 409, 'encounter.duplicate', 'external_id');
  });

  test('filters unit (with subtree), staff, customer, from and to select the right encounters', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin);
    const e1 = await makeEncounter(admin, { customer: c.id, unit: w.a1.code, staff: w.st.employee_code, started_at: '2025-06-01T01:00:00Z' });
    const e2 = await makeEncounter(admin, { customer: c.id, unit: w.a.code, started_at: '2025-07-01T01:00:00Z' });
    const e3 = await makeEncounter(admin, { customer: c.id, unit: w.b.code, started_at: '2025-08-01T01:00:00Z' });
    const ids = async (q) => (await listAll(admin, `/encounters?customer=${c.id}&${q}`)).map((x) => x.id).sort((x, y) => x - y);
    assert.deepEqual(await ids(''), [e1.id, e2.id, e3.id]);
    assert.deepEqual(await ids(`unit=${w.a.code}`), [e1.id, e2.id]);
    assert.deepEqual(await ids(`staff=${w.st.employee_code}`), [e1.id]);
    assert.deepEqual(await ids('from=2025-06-15T00:00:00Z'), [e2.id, e3.id]);
    assert.deepEqual(await ids('to=2025-07-15T00:00:00Z'), [e1.id, e2.id]);
    assert.deepEqual(await ids('from=2025-06-15T00:00:00Z&to=2025-07-15T00:00:00Z'), [e2.id]);
  });

  test('the overview counts and sums encounters by month as the encounter list does', async () => {
    const admin = await s.admin();
    await makeEncounter(admin, { customer: w.c.id, unit: w.b.code, started_at: '2026-04-10T01:00:00Z', amount: 111 });
    await makeEncounter(admin, { customer: w.c.id, unit: w.b.code, started_at: '2026-04-20T01:00:00Z', amount: 222 });
    const all = await listAll(admin, '/encounters');
    const o = expectStatus(await admin.get('/overview'), 200);
    assert.equal(o.encounters, all.length);
    assert.equal(typeof o.units, 'number');
    assert.equal(typeof o.staff, 'number');
    assert.equal(typeof o.customers, 'number');
    const april = all.filter((e) => e.started_at.startsWith('2026-04'));
    const row = o.encounters_by_month.find((m) => m.month === '2026-04');
    assert.ok(row, JSON.stringify(o.encounters_by_month));
    assert.equal(row.count, april.length);
    assert.equal(row.amount, april.reduce((a, e) => a + e.amount, 0));
    assert.ok(Array.isArray(o.customers_by_category));
  });

  test('GET /encounters/{id} of a missing encounter answers 404 encounter.not_found', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/encounters/999999'), 404, 'encounter.not_found');
  });
});
