// Races and hostile input: the answers stay within the contract (no 500s, no duplicates).
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, countOf, toCsv, customerRows,
  CUSTOMER_HEADER, makeCustomer, describeRes,
} from './harness.mjs';

const csv = { contentType: 'text/csv' };

suite('robustness', () => {
  const s = useServer();

  test('two concurrent imports of the same file store each customer once', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/customers');
    const text = toCsv(CUSTOMER_HEADER, customerRows(2000, '941'));
    const [a, b] = await Promise.all([
      admin.post('/imports/customers', text, csv),
      admin.post('/imports/customers', text, csv),
    ]);
    for (const r of [a, b]) assert.ok(r.status < 500, `no server error: ${describeRes(r)}`);
    const ok = [a, b].filter((r) => r.status === 200);
    assert.ok(ok.length >= 1, `at least one import succeeded: ${describeRes(a)} / ${describeRes(b)}`);
    assert.equal(ok.reduce((n, r) => n + r.body.created, 0), 2000, 'created adds up to the file');
    assert.equal(await countOf(admin, '/customers'), before + 2000);
  });

  // Regression (CI of 0325828): the import that committed first refreshed the planner's statistics
  // afterwards with a statement that read, met the second import's commit and failed at once
  // (SQLITE_BUSY_SNAPSHOT), so the client got 503 for rows that were stored. About one round in
  // eighty hit it; on that code this test failed in 2 of 2 runs (rounds 38 and 35).
  test('an import whose rows are stored answers 200, however it races with another (80 rounds)', { timeout: 120_000 }, async () => {
    const admin = await s.admin();
    const wrong = [];
    // Vietnamese mobile prefixes 090–098, leaving out those the other tests here use (941, 942).
    const prefixes = Array.from({ length: 90 }, (_, i) => String(900 + i)).filter((p) => p !== '941' && p !== '942');
    for (let k = 0; k < 80; k++) {
      const text = toCsv(CUSTOMER_HEADER, customerRows(200, prefixes[k]));
      const [a, b] = await Promise.all([
        admin.post('/imports/customers', text, csv),
        admin.post('/imports/customers', text, csv),
      ]);
      const created = [a, b].reduce((n, r) => n + (r.status === 200 ? r.body.created : 0), 0);
      if (a.status !== 200 || b.status !== 200 || created !== 200)
        wrong.push(`round ${k}: ${describeRes(a)} / ${describeRes(b)}; created ${created}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('concurrent creation of customers with the same phone: exactly one 201, the rest 409 customer.duplicate', async () => {
    const admin = await s.admin();
    const rs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        admin.post('/customers', { external_id: uid('RACE'), name: `Race ${i}`, phone: '0942000001', category: 'first_time' })),
    );
    assert.equal(rs.filter((r) => r.status === 201).length, 1, rs.map((r) => r.status).join(','));
    for (const r of rs.filter((x) => x.status !== 201)) expectProblem(r, 409, 'customer.duplicate', 'phone');
  });

  test('concurrent creation of units with the same code: exactly one 201, the rest 409 unit.duplicate', async () => {
    const admin = await s.admin();
    const code = uid('RACE');
    const rs = await Promise.all(Array.from({ length: 6 }, () => admin.post('/units', { code, name: 'Race' })));
    assert.equal(rs.filter((r) => r.status === 201).length, 1, rs.map((r) => r.status).join(','));
    for (const r of rs.filter((x) => x.status !== 201)) expectProblem(r, 409, 'unit.duplicate', 'code');
  });

  test("q with SQL and LIKE metacharacters is searched literally", async () => {
    const admin = await s.admin();
    await makeCustomer(admin, { name: 'Đinh Bộ Lĩnh' });
    for (const q of ["' OR 1=1 --", '%', '_', '\\', '"; DROP TABLE customers; --']) {
      const r = await admin.get(`/customers?q=${encodeURIComponent(q)}`);
      const body = expectStatus(r, 200);
      assert.equal(body.total, 0, `q=${q} matched ${body.total}`);
    }
    assert.ok((await countOf(admin, '/customers')) >= 1, 'customers still there');
  });

  test('a non-integer id answers a 4xx problem, not a server error', async () => {
    const admin = await s.admin();
    for (const id of ['abc', '1.5', '-1', '99999999999999999999999']) {
      const r = await admin.get(`/customers/${id}`);
      assert.ok(r.status >= 400 && r.status < 500, `GET /customers/${id}: ${describeRes(r)}`);
      expectProblem(r, r.status);
    }
  });

  test('a page beyond the end answers 200 with no items and the true total', async () => {
    const admin = await s.admin();
    const total = await countOf(admin, '/customers');
    const r = expectStatus(await admin.get('/customers?page=100000&page_size=50'), 200);
    assert.deepEqual(r.items, []);
    assert.equal(r.total, total);
  });

  test('non-numeric paging parameters answer 422 naming the parameter (or are ignored), never 500', async () => {
    const admin = await s.admin();
    for (const [param, q] of [['page', 'page=abc'], ['page_size', 'page_size=-5']]) {
      const r = await admin.get(`/customers?${q}`);
      if (r.status === 200) continue;
      expectProblem(r, 422, undefined, param);
    }
  });

  test('a wrongly typed JSON field answers 422 naming it, not 500', async () => {
    const admin = await s.admin();
    const r = await admin.post('/customers', { external_id: uid('C'), name: ['not', 'a', 'string'], phone: '0943000001', category: 'first_time' });
    expectProblem(r, 422, undefined, 'name');
    const r2 = await admin.post('/customers', { external_id: uid('C'), name: 'X', phone: '0943000002', category: 'first_time', consent_contact: 'yes' });
    expectProblem(r2, 422, undefined, 'consent_contact');
  });
});
