// Login throttling per address (docs/api.md: "or 20 from one address within 15 minutes").
// A file of its own: it locks 127.0.0.1 out of this server for 15 minutes.
import { suite, test, useServer, expectProblem, expectStatus, assert, ADMIN_LOGIN } from './harness.mjs';

suite('login throttling per address', () => {
  const s = useServer();

  test('after 20 failed logins from one address, spread over many accounts, a correct login answers 429 auth.throttled', async () => {
    const users = [];
    for (let i = 0; i < 10; i++) users.push(await s.makeUser('director'));
    // 2 failures per account stays under the per-account limit of 5.
    for (let i = 0; i < 20; i++) {
      const r = await s.client().post('/auth/login', { login: users[i % 10].login, password: `wrong-password-${i}` });
      expectProblem(r, 401, 'auth.bad_credentials');
    }
    const r = await s.client().post('/auth/login', { login: ADMIN_LOGIN, password: s.adminPassword });
    expectProblem(r, 429, 'auth.throttled');
    const ra = r.headers.get('retry-after');
    assert.ok(ra && Number(ra) > 0, `Retry-After: ${ra}`);
  });

  test('an existing session keeps working while its address is throttled', async () => {
    const admin = await s.admin(); // logged in by the previous test's makeUser calls
    expectStatus(await admin.get('/auth/me'), 200);
  });
});
