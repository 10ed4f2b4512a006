// Customers: normalisation, deduplication, validation, paging and search (docs/api.md "customers").
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeCustomer, freshPhone,
  makeUnit, makeEncounter,
} from './harness.mjs';

suite('customers', () => {
  const s = useServer();

  test('POST /customers creates a customer with every field of the contract', async () => {
    const admin = await s.admin();
    const ext = uid('C');
    const r = await admin.post('/customers', {
      external_id: ext, name: 'Nguyễn Văn Hùng', phone: '0987654321', email: 'hung@example.vn',
      address: '12 Lê Lợi, Quận 1, TP.HCM', category: 'long_term', tier: 'gold',
      consent_contact: true, consent_survey: false,
    });
    const c = expectStatus(r, 201);
    assert.equal(typeof c.id, 'number');
    assert.equal(c.external_id, ext);
    assert.equal(c.name, 'Nguyễn Văn Hùng');
    assert.equal(c.phone, '+84987654321');
    assert.equal(c.email, 'hung@example.vn');
    assert.equal(c.address, '12 Lê Lợi, Quận 1, TP.HCM');
    assert.equal(c.category, 'long_term');
    assert.equal(c.referred_by, null);
    assert.equal(c.tier, 'gold');
    assert.equal(c.consent_contact, true);
    assert.equal(c.consent_survey, false);
    assert.equal(c.pii_masked, false);
    assert.ok('first_visit' in c && 'last_visit' in c);
    assert.deepEqual(expectStatus(await admin.get(`/customers/${c.id}`), 200), c);
  });

  test('phone "+84 912 345 678" is stored in E.164 as "+84912345678"', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { phone: '+84 912 345 678' });
    assert.equal(c.phone, '+84912345678');
  });

  test('phone "0913.222.333" is stored in E.164 as "+84913222333"', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { phone: '0913.222.333' });
    assert.equal(c.phone, '+84913222333');
  });

  test('a phone equal after normalisation answers 409 customer.duplicate naming phone', async () => {
    const admin = await s.admin();
    await makeCustomer(admin, { phone: '0914555666' });
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'Twin', phone: '+84 914 555 666', category: 'first_time' });
    expectProblem(r, 409, 'customer.duplicate', 'phone');
  });

  test('a duplicate email answers 409 customer.duplicate naming email', async () => {
    const admin = await s.admin();
    await makeCustomer(admin, { email: 'same@example.com' });
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'Twin', phone: freshPhone(), email: 'same@example.com', category: 'first_time' });
    expectProblem(r, 409, 'customer.duplicate', 'email');
  });

  test('a phone with fewer than 8 digits answers 422 customer.phone_invalid naming phone', async () => {
    const admin = await s.admin();
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'Short', phone: '0912 34', category: 'first_time' });
    expectProblem(r, 422, 'customer.phone_invalid', 'phone');
  });

  test('a phone with more than 15 digits answers 422 customer.phone_invalid', async () => {
    const admin = await s.admin();
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'Long', phone: '0912345678901234', category: 'first_time' });
    expectProblem(r, 422, 'customer.phone_invalid', 'phone');
  });

  test('an unknown category answers 422 naming category', async () => {
    const admin = await s.admin();
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'X', phone: freshPhone(), category: 'vip' });
    expectProblem(r, 422, undefined, 'category');
  });

  test('a malformed email answers 422 naming email', async () => {
    const admin = await s.admin();
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'X', phone: freshPhone(), email: 'not-an-email', category: 'first_time' });
    expectProblem(r, 422, undefined, 'email');
  });

  test('a referred customer names the referrer by external_id', async () => {
    const admin = await s.admin();
    const ref = await makeCustomer(admin, { category: 'long_term' });
    const c = await makeCustomer(admin, { category: 'referred', referred_by: ref.external_id });
    assert.equal(c.referred_by, ref.external_id);
  });

  test('an unknown referrer answers 422 naming referred_by', async () => {
    const admin = await s.admin();
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'X', phone: freshPhone(), category: 'referred', referred_by: 'NO-SUCH-CUSTOMER' });
    expectProblem(r, 422, undefined, 'referred_by');
  });

  test('PATCH /customers/{id} changes the phone, normalised', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin);
    const r = expectStatus(await admin.patch(`/customers/${c.id}`, { phone: '+84 915 000 999' }), 200);
    assert.equal(r.phone, '+84915000999');
  });

  test("PATCH to another customer's phone answers 409 customer.duplicate naming phone", async () => {
    const admin = await s.admin();
    const a = await makeCustomer(admin);
    const b = await makeCustomer(admin);
    expectProblem(await admin.patch(`/customers/${b.id}`, { phone: a.phone }), 409, 'customer.duplicate', 'phone');
  });

  test('paging: page 2 of page_size 3 holds the next 3 items and total counts all', async () => {
    const admin = await s.admin();
    const tag = uid('PAGE');
    for (let i = 0; i < 7; i++) await makeCustomer(admin, { name: `Khách ${tag} ${i}`, external_id: `${tag}-${i}` });
    const p1 = expectStatus(await admin.get(`/customers?q=${tag}&page=1&page_size=3`), 200);
    const p2 = expectStatus(await admin.get(`/customers?q=${tag}&page=2&page_size=3`), 200);
    const p3 = expectStatus(await admin.get(`/customers?q=${tag}&page=3&page_size=3`), 200);
    for (const p of [p1, p2, p3]) {
      assert.equal(p.total, 7);
      assert.equal(p.page_size, 3);
    }
    assert.equal(p2.page, 2);
    assert.equal(p1.items.length, 3);
    assert.equal(p2.items.length, 3);
    assert.equal(p3.items.length, 1);
    const ids = [...p1.items, ...p2.items, ...p3.items].map((x) => x.id);
    assert.equal(new Set(ids).size, 7, 'pages do not overlap');
  });

  test('a list defaults to page 1 and page_size 50', async () => {
    const admin = await s.admin();
    const r = expectStatus(await admin.get('/customers'), 200);
    assert.equal(r.page, 1);
    assert.equal(r.page_size, 50);
    assert.ok(Array.isArray(r.items));
    assert.equal(typeof r.total, 'number');
  });

  test('page_size above 500 is refused (422) or capped at 500', async () => {
    const admin = await s.admin();
    const r = await admin.get('/customers?page_size=100000');
    if (r.status === 200) assert.ok(r.body.page_size <= 500, `page_size ${r.body.page_size}`);
    else expectProblem(r, 422, undefined, 'page_size');
  });

  test('q finds a customer by phone digits typed in any format', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { phone: '0916123987' });
    const r = expectStatus(await admin.get(`/customers?q=${encodeURIComponent('+84 916 123 987')}`), 200);
    assert.deepEqual(r.items.map((x) => x.id), [c.id]);
  });

  test('q finds a customer by part of the name, with or without diacritics', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { name: 'Trịnh Công Sơn Đặng' });
    const r = expectStatus(await admin.get(`/customers?q=${encodeURIComponent('Sơn Đặng')}`), 200);
    assert.ok(r.items.some((x) => x.id === c.id), JSON.stringify(r));
    const r2 = expectStatus(await admin.get('/customers?q=son%20dang'), 200);
    assert.ok(r2.items.some((x) => x.id === c.id), `folded search: ${JSON.stringify(r2)}`);
  });

  test('q finds a customer by a two-character Chinese name part', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { name: '王小明' });
    const r = expectStatus(await admin.get(`/customers?q=${encodeURIComponent('小明')}`), 200);
    assert.deepEqual(r.items.map((x) => x.id), [c.id]);
  });

  test('the category filter returns only that category', async () => {
    const admin = await s.admin();
    await makeCustomer(admin, { category: 'long_term' });
    await makeCustomer(admin, { category: 'first_time' });
    const r = expectStatus(await admin.get('/customers?category=long_term&page_size=500'), 200);
    assert.ok(r.items.length >= 1);
    assert.ok(r.items.every((x) => x.category === 'long_term'));
  });

  test('first_visit and last_visit follow the encounters', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const c = await makeCustomer(admin);
    await makeEncounter(admin, { customer: c.id, unit: u.code, started_at: '2026-03-05T03:00:00Z' });
    await makeEncounter(admin, { customer: c.id, unit: u.code, started_at: '2026-01-10T03:00:00Z' });
    const got = expectStatus(await admin.get(`/customers/${c.id}`), 200);
    assert.equal(String(got.first_visit).slice(0, 10), '2026-01-10');
    assert.equal(String(got.last_visit).slice(0, 10), '2026-03-05');
  });

  test('GET /customers/{id} of a missing customer answers 404 customer.not_found', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/customers/999999'), 404, 'customer.not_found');
  });
});
