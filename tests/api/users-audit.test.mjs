// Users (admin only) and the audit log (docs/api.md "users", "audit").
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff, ADMIN_LOGIN,
} from './harness.mjs';

suite('users', () => {
  const s = useServer();

  test('POST /users creates a user; the answer never contains the password', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const st = await makeStaff(admin, { unit: u.code });
    const login = uid('nurse').toLowerCase();
    const r = await admin.post('/users', { login, name: 'Y tá Hạnh', role: 'staff', unit: u.code, employee_code: st.employee_code, password: 'correct-horse-1' });
    const body = expectStatus(r, 201);
    assert.equal(body.login, login);
    assert.equal(body.name, 'Y tá Hạnh');
    assert.equal(body.role, 'staff');
    assert.equal(body.unit, u.code);
    assert.equal(body.employee_code, st.employee_code);
    assert.equal(body.active, true);
    assert.ok(body.created_at && !Number.isNaN(Date.parse(body.created_at)));
    assert.ok(!r.text.includes('correct-horse-1'));
    await s.loginAs(login, 'correct-horse-1');
  });

  test('a password shorter than 10 characters answers 422 naming password', async () => {
    const admin = await s.admin();
    const r = await admin.post('/users', { login: uid('u').toLowerCase(), name: 'X', role: 'quality', password: 'short-123' });
    expectProblem(r, 422, undefined, 'password');
  });

  test('an unknown role answers 422 naming role', async () => {
    const admin = await s.admin();
    const r = await admin.post('/users', { login: uid('u').toLowerCase(), name: 'X', role: 'superuser', password: 'long-enough-pw' });
    expectProblem(r, 422, undefined, 'role');
  });

  test('a duplicate login answers 409 user.duplicate naming login', async () => {
    const admin = await s.admin();
    const r = await admin.post('/users', { login: ADMIN_LOGIN, name: 'X', role: 'quality', password: 'long-enough-pw' });
    expectProblem(r, 409, 'user.duplicate', 'login');
  });

  test('GET /users lists users with paging fields and no password hashes', async () => {
    const admin = await s.admin();
    const r = await admin.get('/users');
    const body = expectStatus(r, 200);
    assert.ok(body.items.some((u) => u.login === ADMIN_LOGIN));
    assert.equal(typeof body.total, 'number');
    assert.ok(!/argon2|\$2[aby]\$|"password(_hash)?"\s*:/i.test(r.text), 'no password material in the list');
  });

  test('PATCH active=false stops the user logging in and ends API access', async () => {
    const u = await s.makeUser('quality');
    const admin = await s.admin();
    expectStatus(await admin.patch(`/users/${u.user.id}`, { active: false }), 200);
    const r = await s.client().post('/auth/login', { login: u.login, password: u.password });
    assert.ok([401, 403].includes(r.status), `inactive login refused: ${r.status} ${r.text}`);
    expectProblem(r, r.status);
    expectProblem(await u.client.get('/customers'), 401, 'auth.required');
  });

  test("deactivating a user also stops that user's API tokens (401)", async () => {
    const u = await s.makeUser('quality');
    const admin = await s.admin();
    const t = expectStatus(await admin.post('/api-tokens', { name: 'sync', user: u.login }), 201);
    const bot = s.client({ bearer: t.token });
    expectStatus(await bot.get('/customers'), 200);
    expectStatus(await admin.patch(`/users/${u.user.id}`, { active: false }), 200);
    expectProblem(await bot.get('/customers'), 401, 'auth.required');
  });

  test('PATCH password by an admin sets a new password', async () => {
    const u = await s.makeUser('quality');
    const admin = await s.admin();
    expectStatus(await admin.patch(`/users/${u.user.id}`, { password: 'reset-by-admin-1' }), 200);
    await s.loginAs(u.login, 'reset-by-admin-1');
  });

  // Since issue 11 a new role ends the user's sessions: they sign in again and get the new role.
  test('PATCH role ends the user\'s sessions; the next sign-in has the new role', async () => {
    const u = await s.makeUser('director');
    const admin = await s.admin();
    const r = expectStatus(await admin.patch(`/users/${u.user.id}`, { role: 'quality' }), 200);
    assert.equal(r.role, 'quality');
    expectProblem(await u.client.get('/audit'), 401, 'auth.required');
    const again = await s.loginAs(u.login, u.password);
    expectStatus(await again.get('/audit'), 200);
  });
});

suite('audit', () => {
  const s = useServer();

  const findEntries = async (client, entity, id) => {
    const r = expectStatus(await client.get(`/audit?entity=${entity}&page_size=500`), 200);
    return r.items.filter((e) => String(e.entity_id) === String(id));
  };

  test('creating a unit leaves a create entry with actor, before null and after the record', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U'), name: 'Khoa Nhi' });
    const entries = await findEntries(admin, 'unit', u.id);
    const e = entries.find((x) => x.action === 'create');
    assert.ok(e, `create entry for unit ${u.id}: ${JSON.stringify(entries)}`);
    assert.equal(e.actor, ADMIN_LOGIN);
    assert.equal(e.entity, 'unit');
    assert.equal(e.before, null);
    assert.equal(e.after.code, u.code);
    assert.equal(e.after.name, 'Khoa Nhi');
    assert.ok(!Number.isNaN(Date.parse(e.at)));
  });

  test('a PATCH leaves an update entry with the old value in before and the new in after', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U'), name: 'Tên cũ' });
    expectStatus(await admin.patch(`/units/${u.id}`, { name: 'Tên mới' }), 200);
    const e = (await findEntries(admin, 'unit', u.id)).find((x) => x.action === 'update');
    assert.ok(e, 'update entry exists');
    assert.equal(e.actor, ADMIN_LOGIN);
    assert.equal(e.before.name, 'Tên cũ');
    assert.equal(e.after.name, 'Tên mới');
  });

  test('the actor is the user who made the change', async () => {
    const q = await s.makeUser('quality');
    const u = await makeUnit(q.client, { code: uid('U') });
    const e = (await findEntries(q.client, 'unit', u.id)).find((x) => x.action === 'create');
    assert.equal(e?.actor, q.login);
    const byActor = expectStatus(await q.client.get(`/audit?actor=${q.login}&page_size=500`), 200);
    assert.ok(byActor.items.length >= 1);
    assert.ok(byActor.items.every((x) => x.actor === q.login));
  });

  test('a customer update is audited with before and after', async () => {
    const admin = await s.admin();
    const c = expectStatus(await admin.post('/customers', { external_id: uid('C'), name: 'Trước', phone: '0977000111', category: 'first_time' }), 201);
    expectStatus(await admin.patch(`/customers/${c.id}`, { name: 'Sau' }), 200);
    const e = (await findEntries(admin, 'customer', c.id)).find((x) => x.action === 'update');
    assert.ok(e, 'update entry exists');
    assert.equal(e.before.name, 'Trước');
    assert.equal(e.after.name, 'Sau');
  });

  test('a CSV import leaves an audit entry with action import and the importing actor', async () => {
    const q = await s.makeUser('quality');
    const text = 'external_id,name,phone,email,address,category,referred_by,tier,consent_contact,consent_survey\n' +
      'AUD-1,Phan Văn Tài,0978000111,tai@example.com,Huế,first_time,,,true,true\n';
    expectStatus(await q.client.post('/imports/customers', text, { contentType: 'text/csv' }), 200);
    const r = expectStatus(await q.client.get(`/audit?action=import&actor=${q.login}&page_size=500`), 200);
    assert.ok(r.items.length >= 1, JSON.stringify(r));
    assert.ok(r.items.every((x) => x.action === 'import' && x.actor === q.login));
  });

  test('the audit log never contains a password or a password hash', async () => {
    const admin = await s.admin();
    const secret = 'audit-secret-pw-1';
    const u = expectStatus(await admin.post('/users', { login: uid('aud').toLowerCase(), name: 'A', role: 'quality', password: secret }), 201);
    expectStatus(await admin.patch(`/users/${u.id}`, { password: 'audit-secret-pw-2' }), 200);
    const r = expectStatus(await admin.get('/audit?page_size=500'), 200);
    const raw = JSON.stringify(r);
    assert.ok(!raw.includes('audit-secret-pw'), 'no clear-text password');
    assert.ok(!/\$argon2|password_hash/.test(raw), 'no password hash');
  });

  test('the action filter returns only that action', async () => {
    const admin = await s.admin();
    const r = expectStatus(await admin.get('/audit?action=update&page_size=500'), 200);
    assert.ok(r.items.every((x) => x.action === 'update'));
  });

  test('quality reads the audit log', async () => {
    const q = await s.makeUser('quality');
    expectStatus(await q.client.get('/audit'), 200);
  });

  for (const role of ['director', 'head', 'staff', 'auditor']) {
    test(`a ${role} cannot read the audit log (403 auth.forbidden)`, async () => {
      const admin = await s.admin();
      const u = await makeUnit(admin, { code: uid('U') });
      const who = await s.makeUser(role, ['head', 'staff'].includes(role) ? { unit: u.code } : {});
      expectProblem(await who.client.get('/audit'), 403, 'auth.forbidden');
    });
  }
});
