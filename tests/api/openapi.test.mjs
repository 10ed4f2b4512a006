// The response check of harness.mjs (openapi-validator.mjs) against the server's real document:
// it accepts what the server sends and refuses each kind of drift — a wrong type, a missing or
// an undocumented key, null where the document does not allow it, an undocumented status or
// content type — so a clean API run means something.
import {
  suite,
  test,
  useServer,
  expectStatus,
  expectProblem,
  assert,
  makeUnit,
  makeCustomer,
  makeEncounter,
  ADMIN_LOGIN,
} from './harness.mjs';
import { validatorFor } from './openapi-validator.mjs';

suite('OpenAPI response check', () => {
  const s = useServer();
  const check = async (r) => (await validatorFor(s.url)).check(r);
  const json = (method, path, status, body, contentType = 'application/json') => ({
    method,
    path,
    status,
    contentType,
    text: JSON.stringify(body),
  });

  test('a real unit list conforms; each drift of it is named with its route, status and path', async () => {
    const admin = await s.admin();
    expectStatus(await admin.post('/units', { code: 'OA1', name: 'Khoa A' }), 201);
    const r = await admin.get('/units?page=1&page_size=10');
    const page = expectStatus(r, 200);
    assert.deepEqual((await check(json('GET', '/api/v1/units?page=1', 200, page))).violations, []);

    const unit = page.items[0];
    const drift = async (changed) =>
      (await check(json('GET', '/api/v1/units', 200, { ...page, items: [changed] }))).violations.join('\n');
    assert.match(await drift({ ...unit, id: String(unit.id) }), /GET \/api\/v1\/units → 200 application\/json: body\/items\/0\/id must be integer/);
    assert.match(await drift({ ...unit, name: null }), /body\/items\/0\/name must be string/);
    const { code, ...noCode } = unit;
    assert.ok(code);
    assert.match(await drift(noCode), /body\/items\/0 must have required property 'code'/);
    assert.match(await drift({ ...unit, secret: 1 }), /body\/items\/0 must NOT have additional properties.*secret/);
    // null is allowed where the server may send it
    assert.equal(await drift({ ...unit, parent: null, head: null }), '');
    // the page itself
    const { total, ...noTotal } = page;
    assert.equal(typeof total, 'number');
    assert.match((await check(json('GET', '/api/v1/units', 200, noTotal))).violations.join('\n'), /must have required property 'total'/);
  });

  test('undocumented statuses and content types are violations; problems are checked as problems', async () => {
    const v = async (r) => (await check(r)).violations.join('\n');
    assert.match(await v(json('GET', '/api/v1/units', 201, {})), /GET \/api\/v1\/units → 201: status 201 is not documented/);
    assert.match(await v(json('GET', '/api/v1/units/7', 404, { code: 'unit.not_found' })), /content type 'application\/json' is not documented/);
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, code: 'unit.not_found', detail: 'no such unit' };
    assert.equal(await v(json('GET', '/api/v1/units/7', 404, problem, 'application/problem+json')), '');
    assert.match(await v(json('GET', '/api/v1/units/7', 404, { ...problem, code: undefined }, 'application/problem+json')), /required property 'code'/);
    assert.match(await v(json('GET', '/api/v1/units/7', 404, { ...problem, status: 403 }, 'application/problem+json')), /the problem's status is 403/);
    // a refusal the route table does not list (e.g. 415, 431) is a documented 4XX problem
    assert.equal(await v(json('POST', '/api/v1/units', 415, { ...problem, status: 415 }, 'application/problem+json')), '');
    assert.match(await v({ method: 'GET', path: '/api/v1/qr.svg', status: 200, contentType: 'text/plain', text: '<svg/>' }), /content type 'text\/plain' is not documented/);
    assert.match(await v({ method: 'POST', path: '/api/v1/auth/logout', status: 204, contentType: 'application/json', text: '{}' }), /documented without content/);
  });

  // The operations no other file calls, so that every operation's answer is checked at least once.
  test('one record by id (user, API token, audit entry) and an encounter change conform', async () => {
    const admin = await s.admin();
    const users = expectStatus(await admin.get('/users'), 200);
    const me = users.items.find((u) => u.login === ADMIN_LOGIN);
    assert.equal(expectStatus(await admin.get(`/users/${me.id}`), 200).login, ADMIN_LOGIN);
    const token = expectStatus(await admin.post('/api-tokens', { name: 'openapi-check', user: ADMIN_LOGIN }), 201);
    const shown = expectStatus(await admin.get(`/api-tokens/${token.id}`), 200);
    assert.equal(shown.token, undefined, 'the secret is shown once, when it is created');
    const audit = expectStatus(await admin.get('/audit?page_size=1'), 200);
    assert.equal(expectStatus(await admin.get(`/audit/${audit.items[0].id}`), 200).id, audit.items[0].id);
    const unit = await makeUnit(admin, { code: 'OA2' });
    const customer = await makeCustomer(admin);
    const e = await makeEncounter(admin, { customer: customer.id, unit: unit.code });
    const changed = expectStatus(await admin.patch(`/encounters/${e.id}`, { amount: 420000, converted: true }), 200);
    assert.equal(changed.amount, 420000);
    assert.equal(changed.converted, true);
  });

  test('the client fails the request whose response does not conform', async () => {
    // The server's own answers conform: a 404 problem from the router and a 401 from a route.
    const c = s.client();
    expectProblem(await c.get('/no-such-route'), 404, 'http.not_found');
    expectProblem(await c.get('/units'), 401, 'auth.required');
    // Through Client.conforms, a response that does not conform throws an AssertionError
    // naming the route; it is kept in the client's own list, not the suite's.
    const lone = new (c.constructor)(s.url);
    await assert.rejects(
      lone.conforms(
        { method: 'GET', path: '/api/v1/units', status: 200, headers: new Headers({ 'content-type': 'application/json' }) },
        '{"items": 3}',
        { count: false }, // made up here: not one of the server's responses in run.sh's counts
      ),
      /response does not conform to the OpenAPI document:\n[^]*GET \/api\/v1\/units → 200 application\/json: body\/items must be array/,
    );
    assert.equal(lone.violations.length, 1);
  });
});
