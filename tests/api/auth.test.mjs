// Sessions, CSRF, throttling, API tokens and admin-only resources (docs/api.md "Authentication").
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, ADMIN_LOGIN, makeUnit,
} from './harness.mjs';

const RESOURCES = ['/units', '/staff', '/customers', '/encounters', '/users', '/api-tokens', '/audit', '/overview', '/auth/me'];

suite('auth', () => {
  const s = useServer();

  for (const path of RESOURCES) {
    test(`GET ${path} without a session answers 401 auth.required`, async () => {
      expectProblem(await s.client().get(path), 401, 'auth.required');
    });
  }

  test('POST /units without a session answers 401 auth.required (not 403)', async () => {
    expectProblem(await s.client().post('/units', { code: uid('U'), name: 'x' }), 401, 'auth.required');
  });

  test('POST /imports/customers without a session answers 401 auth.required', async () => {
    const r = await s.client().post('/imports/customers', 'external_id,name,phone\n', { contentType: 'text/csv' });
    expectProblem(r, 401, 'auth.required');
  });

  test('an unknown bearer token answers 401 auth.required', async () => {
    const c = s.client({ bearer: 'not-a-real-token-0123456789abcdef' });
    expectProblem(await c.get('/customers'), 401, 'auth.required');
  });

  test('a forged session cookie answers 401 auth.required', async () => {
    const c = s.client();
    c.cookies.set('servq_session', 'forged0123456789abcdef0123456789');
    expectProblem(await c.get('/auth/me'), 401, 'auth.required');
  });

  test('login answers 200 with the user and a csrf_token', async () => {
    const r = await s.client().post('/auth/login', { login: ADMIN_LOGIN, password: s.adminPassword });
    const body = expectStatus(r, 200);
    assert.equal(body.user.login, ADMIN_LOGIN);
    assert.equal(body.user.role, 'admin');
    assert.equal(typeof body.csrf_token, 'string');
    assert.ok(body.csrf_token.length >= 16, 'csrf token has some entropy');
    assert.ok(!('password' in body.user) && !('password_hash' in body.user), 'no password in user');
  });

  test('login sets the servq_session cookie HttpOnly, SameSite=Strict, Path=/', async () => {
    const r = await s.client().post('/auth/login', { login: ADMIN_LOGIN, password: s.adminPassword });
    expectStatus(r, 200);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('servq_session='));
    assert.ok(cookie, `Set-Cookie servq_session in ${JSON.stringify(r.headers.getSetCookie())}`);
    const attrs = cookie.split(';').map((a) => a.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), `HttpOnly in ${cookie}`);
    assert.ok(attrs.includes('samesite=strict'), `SameSite=Strict in ${cookie}`);
    assert.ok(attrs.includes('path=/'), `Path=/ in ${cookie}`);
    assert.ok(cookie.split(';')[0].length > 'servq_session='.length + 16, 'session id has some entropy');
  });

  test('GET /auth/me with the session returns the user and the same csrf_token', async () => {
    const admin = await s.admin();
    const body = expectStatus(await admin.get('/auth/me'), 200);
    assert.equal(body.user.login, ADMIN_LOGIN);
    assert.equal(body.csrf_token, admin.csrf);
  });

  test('a wrong password answers 401 auth.bad_credentials and sets no session', async () => {
    const { login } = await s.makeUser('quality');
    const c = s.client();
    const r = await c.post('/auth/login', { login, password: 'wrong-password-123' });
    expectProblem(r, 401, 'auth.bad_credentials');
    expectProblem(await c.get('/auth/me'), 401, 'auth.required');
  });

  test('an unknown login answers 401 auth.bad_credentials', async () => {
    const r = await s.client().post('/auth/login', { login: 'nobody-here', password: 'whatever-123456' });
    expectProblem(r, 401, 'auth.bad_credentials');
  });

  test('after 5 failed logins for one account the 6th, even correct, answers 429 auth.throttled with Retry-After', async () => {
    const { login, password } = await s.makeUser('director');
    for (let i = 1; i <= 5; i++) {
      const r = await s.client().post('/auth/login', { login, password: `bad-password-${i}` });
      expectProblem(r, 401, 'auth.bad_credentials');
    }
    const r = await s.client().post('/auth/login', { login, password });
    expectProblem(r, 429, 'auth.throttled');
    const ra = r.headers.get('retry-after');
    assert.ok(ra && /^\d+$/.test(ra) && Number(ra) > 0, `Retry-After: ${ra}`);
  });

  test('throttling one account does not lock out another account', async () => {
    const victim = await s.makeUser('director');
    const other = await s.makeUser('director');
    for (let i = 1; i <= 5; i++) await s.client().post('/auth/login', { login: victim.login, password: `bad-${i}-xxxxxxx` });
    const r = await s.client().post('/auth/login', { login: other.login, password: other.password });
    expectStatus(r, 200);
  });

  test('a mutation with the session cookie but without X-CSRF-Token answers 403 auth.csrf', async () => {
    const admin = await s.admin();
    const code = uid('U');
    const r = await admin.post('/units', { code, name: 'No CSRF' }, { csrf: false });
    expectProblem(r, 403, 'auth.csrf');
    const list = expectStatus(await admin.get(`/units?q=${code}`), 200);
    assert.equal(list.items.filter((u) => u.code === code).length, 0, 'nothing was created');
  });

  test('a mutation with a wrong X-CSRF-Token answers 403 auth.csrf', async () => {
    const admin = await s.admin();
    const r = await admin.post('/units', { code: uid('U'), name: 'Bad CSRF' }, { csrf: 'A'.repeat(43) });
    expectProblem(r, 403, 'auth.csrf');
  });

  test('a PATCH without X-CSRF-Token answers 403 auth.csrf', async () => {
    const admin = await s.admin();
    const unit = await makeUnit(admin, { code: uid('U') });
    expectProblem(await admin.patch(`/units/${unit.id}`, { name: 'x' }, { csrf: false }), 403, 'auth.csrf');
  });

  test("a CSRF token of another session is refused with 403 auth.csrf", async () => {
    const a = await s.loginAs(ADMIN_LOGIN, s.adminPassword);
    const b = await s.loginAs(ADMIN_LOGIN, s.adminPassword);
    assert.notEqual(a.csrf, b.csrf, 'each session has its own CSRF token');
    expectProblem(await a.post('/units', { code: uid('U'), name: 'x' }, { csrf: b.csrf }), 403, 'auth.csrf');
  });

  test('logout without X-CSRF-Token answers 403 auth.csrf and the session stays valid', async () => {
    const c = await s.loginAs(ADMIN_LOGIN, s.adminPassword);
    expectProblem(await c.post('/auth/logout', undefined, { csrf: false }), 403, 'auth.csrf');
    expectStatus(await c.get('/auth/me'), 200);
  });

  test('login issues a fresh session id, ignoring a session cookie the browser already had', async () => {
    const c = s.client();
    c.cookies.set('servq_session', 'attacker-chosen-session-id-0123456789');
    await c.login(ADMIN_LOGIN, s.adminPassword);
    assert.notEqual(c.cookies.get('servq_session'), 'attacker-chosen-session-id-0123456789');
    expectStatus(await c.get('/auth/me'), 200);
  });

  test('a mutation with the session and its X-CSRF-Token succeeds', async () => {
    const admin = await s.admin();
    const r = await admin.post('/units', { code: uid('U'), name: 'With CSRF' });
    expectStatus(r, 201);
  });

  test('logout answers 204 and the session no longer works, even replayed', async () => {
    const c = await s.loginAs(ADMIN_LOGIN, s.adminPassword);
    const saved = c.cookies.get('servq_session');
    assert.ok(saved);
    expectStatus(await c.post('/auth/logout'), 204);
    expectProblem(await c.get('/auth/me'), 401, 'auth.required');
    const replay = s.client();
    replay.cookies.set('servq_session', saved);
    expectProblem(await replay.get('/customers'), 401, 'auth.required');
  });

  test('POST /auth/password changes the own password: the new one logs in, the old one does not', async () => {
    const u = await s.makeUser('quality');
    const next = `new-password-${uid('P')}`;
    expectStatus(await u.client.post('/auth/password', { current_password: u.password, new_password: next }), 204);
    expectProblem(await s.client().post('/auth/login', { login: u.login, password: u.password }), 401, 'auth.bad_credentials');
    await s.loginAs(u.login, next);
  });

  test('POST /auth/password with a wrong current password is refused and changes nothing', async () => {
    const u = await s.makeUser('quality');
    const r = await u.client.post('/auth/password', { current_password: 'not-my-password-1', new_password: 'another-password-1' });
    assert.ok([401, 403, 422].includes(r.status), `got ${r.status} ${r.text}`);
    expectProblem(r, r.status);
    await s.loginAs(u.login, u.password);
  });

  test('an admin creates an API token for a user: 201 with the secret once', async () => {
    const admin = await s.admin();
    const r = await admin.post('/api-tokens', { name: 'his-sync', user: ADMIN_LOGIN });
    const body = expectStatus(r, 201);
    assert.equal(typeof body.token, 'string');
    assert.ok(body.token.length >= 20);
    assert.equal(body.user, ADMIN_LOGIN);
    assert.equal(body.name, 'his-sync');
    assert.equal(body.revoked_at, null);
    const list = expectStatus(await admin.get('/api-tokens'), 200);
    const listed = list.items.find((t) => t.id === body.id);
    assert.ok(listed, 'token is listed');
    assert.ok(!JSON.stringify(list).includes(body.token), 'the secret is never listed');
  });

  test('a bearer token reads and writes without a cookie and without CSRF', async () => {
    const admin = await s.admin();
    const { token } = expectStatus(await admin.post('/api-tokens', { name: 'rw', user: ADMIN_LOGIN }), 201);
    const bot = s.client({ bearer: token });
    expectStatus(await bot.get('/customers'), 200);
    expectStatus(await bot.post('/units', { code: uid('U'), name: 'Via token' }), 201);
  });

  test('using a token sets its last_used_at', async () => {
    const admin = await s.admin();
    const t = expectStatus(await admin.post('/api-tokens', { name: 'used', user: ADMIN_LOGIN }), 201);
    expectStatus(await s.client({ bearer: t.token }).get('/units'), 200);
    const listed = expectStatus(await admin.get('/api-tokens'), 200).items.find((x) => x.id === t.id);
    assert.ok(listed.last_used_at, `last_used_at set: ${JSON.stringify(listed)}`);
  });

  test('a revoked token answers 401 auth.required', async () => {
    const admin = await s.admin();
    const t = expectStatus(await admin.post('/api-tokens', { name: 'to-revoke', user: ADMIN_LOGIN }), 201);
    const bot = s.client({ bearer: t.token });
    expectStatus(await bot.get('/units'), 200);
    expectStatus(await admin.del(`/api-tokens/${t.id}`), 204);
    expectProblem(await bot.get('/units'), 401, 'auth.required');
    const listed = expectStatus(await admin.get('/api-tokens'), 200).items.find((x) => x.id === t.id);
    assert.ok(listed?.revoked_at, 'revoked_at is set');
  });

  test('a token acts as its user: a token of a quality user cannot list users (403)', async () => {
    const admin = await s.admin();
    const q = await s.makeUser('quality');
    const t = expectStatus(await admin.post('/api-tokens', { name: 'q', user: q.login }), 201);
    const bot = s.client({ bearer: t.token });
    expectStatus(await bot.get('/customers'), 200);
    expectProblem(await bot.get('/users'), 403, 'auth.forbidden');
  });

  for (const role of ['quality', 'director', 'head', 'staff', 'auditor']) {
    test(`a ${role} cannot list or create users, nor list or create API tokens (403 auth.forbidden)`, async () => {
      const admin = await s.admin();
      const unit = await makeUnit(admin, { code: uid('U') });
      const extra = ['head', 'staff'].includes(role) ? { unit: unit.code } : {};
      const u = await s.makeUser(role, extra);
      expectProblem(await u.client.get('/users'), 403, 'auth.forbidden');
      expectProblem(await u.client.post('/users', { login: uid('x').toLowerCase(), name: 'X', role: 'admin', password: 'long-enough-pw' }), 403, 'auth.forbidden');
      expectProblem(await u.client.get('/api-tokens'), 403, 'auth.forbidden');
      expectProblem(await u.client.post('/api-tokens', { name: 'steal', user: ADMIN_LOGIN }), 403, 'auth.forbidden');
    });
  }

  test('a non-admin cannot revoke a token (403) and the token keeps working', async () => {
    const admin = await s.admin();
    const t = expectStatus(await admin.post('/api-tokens', { name: 'keep', user: ADMIN_LOGIN }), 201);
    const q = await s.makeUser('quality');
    expectProblem(await q.client.del(`/api-tokens/${t.id}`), 403, 'auth.forbidden');
    expectStatus(await s.client({ bearer: t.token }).get('/units'), 200);
  });

  test('a non-admin cannot change another user (403)', async () => {
    const q = await s.makeUser('quality');
    const victim = await s.makeUser('director');
    expectProblem(await q.client.patch(`/users/${victim.user.id}`, { role: 'admin' }), 403, 'auth.forbidden');
  });
});
