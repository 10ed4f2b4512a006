// A database without an administrator: `servq serve` creates `admin` with a one-time password,
// prints it after the "listening" line, and the account must set a new password before anything else.
import { after, before } from 'node:test';
import { suite, test, createScratchDb, startServer, Client, expectStatus, expectProblem, assert } from './harness.mjs';

suite('first start', () => {
  let scratch;
  let server;
  let password;
  before(async () => {
    scratch = createScratchDb();
    server = await startServer(scratch.db);
    for (let i = 0; i < 50 && !/one-time password/.test(server.stdout()); i++) await new Promise((r) => setTimeout(r, 100));
    const m = /created login 'admin' with the one-time password (\S+)/.exec(server.stdout());
    assert.ok(m, `stdout names the one-time password: ${server.stdout()}`);
    password = m[1];
  });
  after(async () => {
    await server?.stop();
    scratch?.drop();
  });

  test('the one-time password signs in and the user is flagged must_change_password', async () => {
    const c = new Client(server.url);
    const r = expectStatus(await c.post('/auth/login', { login: 'admin', password }), 200);
    assert.equal(r.user.must_change_password, true);
  });

  test('until the password is changed, other requests answer 403 auth.password_change_required', async () => {
    const c = new Client(server.url);
    await c.login('admin', password);
    expectProblem(await c.get('/units'), 403, 'auth.password_change_required');
    expectProblem(await c.post('/units', { code: 'X1', name: 'x' }), 403, 'auth.password_change_required');
  });

  test('after changing it, the account works and the old password no longer does', async () => {
    const c = new Client(server.url);
    await c.login('admin', password);
    const fresh = 'a-brand-new-password-42';
    const r = await c.post('/auth/password', { current_password: password, new_password: fresh });
    assert.equal(r.status, 204, JSON.stringify(r.body));
    expectStatus(await c.get('/units'), 200);
    const me = expectStatus(await c.get('/auth/me'), 200);
    assert.equal(me.user.must_change_password, false);
    expectProblem(await new Client(server.url).post('/auth/login', { login: 'admin', password }), 401, 'auth.bad_credentials');
  });

  test('a second start on the same database creates no other admin', async () => {
    await server.stop();
    server = await startServer(scratch.db);
    await new Promise((r) => setTimeout(r, 300));
    assert.doesNotMatch(server.stdout(), /one-time password/);
  });
});
