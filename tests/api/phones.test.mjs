// Phone numbers as people write them (issue 11 §2): read with libphonenumber in the organisation's
// region (VN by default), stored in E.164, matched on it everywhere; the E.164 migration, the
// duplicates it leaves, and the merge that resolves them (API and CLI, audited).
// Expected E.164 forms by hand from the numbering plans: Vietnam +84 (trunk prefix 0,
// international prefix 00), China +86 (mobiles 1[3-9]x + 8 digits).
import { execFileSync } from 'node:child_process';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeCustomer, makeUnit, makeEncounter,
  runCli, BACKEND, ADMIN_LOGIN,
} from './harness.mjs';

const csv = { headers: { 'content-type': 'text/csv; charset=utf-8' } };

suite('phone numbers', () => {
  const s = useServer();

  test('the four Vietnamese forms of the issue are one number: stored once in E.164, the others are duplicates', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { phone: '+84 (0) 98 123 4567' });
    assert.equal(c.phone, '+84981234567');
    for (const written of ['+84 098 123 4567', '0084 98 123 4567', '098 123 4567', '098-123-4567']) {
      const r = await admin.post('/customers', { external_id: uid('C'), name: 'Twin', phone: written, category: 'first_time' });
      expectProblem(r, 409, 'customer.duplicate', 'phone');
    }
    // Found by every written form, and by part of the national digits.
    for (const q of ['098 123 4567', '+84981234567', '0084 98 123 4567', '0981234', '98 123 45']) {
      const got = expectStatus(await admin.get(`/customers?q=${encodeURIComponent(q)}`), 200).items.map((x) => x.id);
      assert.ok(got.includes(c.id), `q=${q} finds the customer: ${JSON.stringify(got)}`);
    }
  });

  test('the three Chinese forms of the issue are one number; without a country code it is not Vietnamese', async () => {
    const admin = await s.admin();
    const c = await makeCustomer(admin, { phone: '(+86) 138 0013 8000' });
    assert.equal(c.phone, '+8613800138000');
    const twin = await admin.post('/customers', { external_id: uid('C'), name: 'Twin', phone: '+86 13800138000', category: 'first_time' });
    expectProblem(twin, 409, 'customer.duplicate', 'phone');
    // In region VN, "13800138000" is no number (a Chinese clinic sets its region to CN).
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'Lý', phone: '13800138000', category: 'first_time' });
    expectProblem(r, 422, 'customer.phone_invalid', 'phone');
    assert.deepEqual(r.body.params, { value: '13800138000', region: 'VN', reason: 'phone.invalid' });
  });

  test('a refused number says why, with the value and the region as params', async () => {
    const admin = await s.admin();
    for (const [written, reason] of [['0912 34', 'phone.invalid'], ['0912345678901234', 'phone.invalid'],
      ['0912abc678', 'phone.not_a_number'], ['0981234567 ext 12', 'phone.extension'], ['0281234567', 'phone.invalid']]) {
      const r = await admin.post('/customers', { external_id: uid('C'), name: 'X', phone: written, category: 'first_time' });
      expectProblem(r, 422, 'customer.phone_invalid', 'phone');
      assert.equal(r.body.params.reason, reason, written);
      assert.equal(r.body.params.value, written);
      assert.ok(r.body.detail.includes(written), r.body.detail);
    }
  });

  test('an encounter and a case name the customer by the number in another written form, and are linked', async () => {
    const admin = await s.admin();
    const unit = await makeUnit(admin, { code: uid('U'), name: 'Khoa Mắt' });
    const c = await makeCustomer(admin, { phone: '0977 000 111' });
    assert.equal(c.phone, '+84977000111');
    const e = await makeEncounter(admin, { customer_phone: '+84 (0) 977-000-111', unit: unit.code });
    assert.equal(e.customer, c.id);
    const f = expectStatus(await admin.post('/feedback', {
      channel: 'phone', kind: 'complaint', category: 'attitude', severity: 'low', unit: unit.code,
      customer: { name: 'Khách', phone: '0084 977 000 111' }, content: `Chờ lâu ${uid('K')}`,
    }), 201);
    assert.equal(f.customer.id, c.id);
    assert.equal(f.customer.phone, '+84977000111');
    // A case is found by the number typed as the customer said it.
    const hits = expectStatus(await admin.get(`/feedback?q=${encodeURIComponent('0977 000 111')}`), 200).items.map((x) => x.id);
    assert.ok(hits.includes(f.id), JSON.stringify(hits));
  });

  test('an import stores every written form in E.164 and names the row of a number that is none', async () => {
    const admin = await s.admin();
    const p = uid('P');
    const ok = ['external_id,name,phone,category',
      `${p}-1,Trần Văn Một,+84 (0) 96 100 0001,first_time`,
      `${p}-2,Lê Thị Hai,0084 96 100 0002,first_time`,
      `${p}-3,王秀英,(+86) 139 0000 0003,first_time`].join('\n');
    expectStatus(await admin.post('/imports/customers', ok, csv), 200);
    const got = {};
    for (const i of [1, 2, 3]) got[i] = expectStatus(await admin.get(`/customers?q=${p}-${i}`), 200).items[0].phone;
    assert.deepEqual(got, { 1: '+84961000001', 2: '+84961000002', 3: '+8613900000003' });
    const bad = ['external_id,name,phone,category', `${p}-4,Bốn,0961000004,first_time`, `${p}-5,Năm,0961 000,first_time`].join('\n');
    const r = await admin.post('/imports/customers', bad, csv);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    const err = r.body.errors.find((x) => x.field === 'phone');
    assert.equal(err.line, 3);
    assert.equal(err.code, 'customer.phone_invalid');
    assert.equal(expectStatus(await admin.get(`/customers?q=${p}-4`), 200).total, 0, 'nothing of the file is stored');
  });

  test('a Chinese clinic sets its region to CN: numbers without a country code are then Chinese', async () => {
    const admin = await s.admin();
    expectStatus(await admin.put('/settings', { phone_region: 'CN' }), 200);
    try {
      const c = await makeCustomer(admin, { phone: '139 1234 5678' });
      assert.equal(c.phone, '+8613912345678');
      // A Vietnamese number must now carry its country code; without it, it is no Chinese number.
      const r = await admin.post('/customers', { external_id: uid('C'), name: 'Hà', phone: '0981 777 888', category: 'first_time' });
      expectProblem(r, 422, 'customer.phone_invalid', 'phone');
      assert.equal(r.body.params.region, 'CN');
      assert.equal((await makeCustomer(admin, { phone: '+84 981 777 888' })).phone, '+84981777888');
      expectProblem(await admin.put('/settings', { phone_region: 'XX' }), 422, 'settings.phone_region_invalid');
    } finally {
      expectStatus(await admin.put('/settings', { phone_region: 'VN' }), 200);
    }
  });

  test('duplicates and merge are for admin and quality only', async () => {
    const admin = await s.admin();
    const unit = await makeUnit(admin, { code: uid('U'), name: 'Khoa Nội' });
    const head = await s.makeUser('head', { unit: unit.code });
    expectProblem(await head.client.get('/customers/duplicates'), 403, 'auth.forbidden');
    const a = await makeCustomer(admin);
    const b = await makeCustomer(admin);
    expectProblem(await head.client.post(`/customers/${a.id}/merge`, { duplicate: b.id }), 403, 'auth.forbidden');
    expectProblem(await admin.post(`/customers/${a.id}/merge`, { duplicate: a.id }), 422, 'customer.merge_self', 'duplicate');
    expectProblem(await admin.post(`/customers/${a.id}/merge`, {}), 422, 'customer.merge_duplicate_required', 'duplicate');
    expectProblem(await admin.post(`/customers/${a.id}/merge`, { duplicate: 99999999 }), 404, 'customer.not_found');
    expectStatus(await admin.get(`/customers/${b.id}`), 200);  // nothing merged
  });
});

// A database as servq left it before E.164: phones kept as digits, the leading "84" turned into 0.
suite('phone migration to E.164, duplicates and merge', () => {
  const s = useServer({ startServer: false });
  const sql = (text) => (BACKEND === 'sqlite'
    ? execFileSync('sqlite3', [s.db, text], { encoding: 'utf8' })
    : execFileSync('psql', [s.db, '-v', 'ON_ERROR_STOP=1', '-qAtc', text], { encoding: 'utf8' }));
  const ids = {};

  test('the migration rewrites old phones in E.164 and keeps what it cannot (no data lost)', async () => {
    const legacy = {
      national: '0981234567',         // "098 123 4567" before: +84981234567
      intlDigits: '0084981234567',    // "0084 98 123 4567" kept as 13 digits: the same number
      chinese: '8613800138000',       // "+86 138 0013 8000" without its "+"
      noRegion: '13800138000',        // a Chinese mobile typed without +86: no Vietnamese number
      short: '0912345',               // never a number
    };
    const now = '2026-01-01T00:00:00Z';
    for (const [key, phone] of Object.entries(legacy)) {
      sql(`INSERT INTO customers (external_id, name, phone, category, search, created_at, updated_at) VALUES ('LEG-${key}', 'Khách ${key}', '${phone}', 'first_time', 'khach ${key}', '${now}', '${now}')`);
      ids[key] = Number(sql(`SELECT id FROM customers WHERE external_id = 'LEG-${key}'`).trim());
    }
    // Applied again at the next start, as on a database that predates it.
    sql('DELETE FROM schema_migrations WHERE version = 7');
    await s.restart();
    const admin = await s.admin();
    const phone = async (key) => expectStatus(await admin.get(`/customers/${ids[key]}`), 200).phone;
    assert.equal(await phone('national'), '+84981234567');
    assert.equal(await phone('chinese'), '+8613800138000');
    assert.equal(await phone('intlDigits'), '0084981234567', 'a duplicate keeps its old text');
    assert.equal(await phone('noRegion'), '13800138000', 'an unreadable number keeps its old text');
    assert.equal(await phone('short'), '0912345');
  });

  test('GET /customers/duplicates and `servq customers duplicates` list the pair and the unreadable numbers', async () => {
    const admin = await s.admin();
    const d = expectStatus(await admin.get('/customers/duplicates'), 200);
    assert.equal(d.region, 'VN');
    assert.equal(d.groups.length, 1, JSON.stringify(d));
    assert.equal(d.groups[0].phone, '+84981234567');
    assert.equal(d.groups[0].phone_display, '098 123 45 67');
    assert.deepEqual(d.groups[0].customers.map((c) => c.id), [ids.national, ids.intlDigits]);
    assert.deepEqual(d.groups[0].customers.map((c) => c.phone_e164), [true, false]);
    assert.deepEqual(d.unreadable.map((c) => c.id).sort((x, y) => x - y), [ids.noRegion, ids.short].sort((x, y) => x - y));
    const cli = await runCli(['customers', 'duplicates', '--db', s.db, '--json']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(JSON.parse(cli.stdout), d);
    const text = await runCli(['customers', 'duplicates', '--db', s.db]);
    assert.match(text.stdout, /1 number\(s\) held by more than one customer/);
    assert.match(text.stdout, /098 123 45 67 \(\+84981234567\)/);
  });

  test('a merge moves every reference to the kept customer, deletes the duplicate and is audited', async () => {
    const admin = await s.admin();
    const unit = await makeUnit(admin, { code: uid('U'), name: 'Khoa Da liễu' });
    const e = await makeEncounter(admin, { customer: ids.intlDigits, unit: unit.code });
    const f = expectStatus(await admin.post('/feedback', {
      channel: 'phone', kind: 'complaint', category: 'attitude', severity: 'low', unit: unit.code,
      customer: { id: ids.intlDigits }, content: `Trùng hồ sơ ${uid('K')}`,
    }), 201);
    expectStatus(await admin.patch(`/customers/${ids.intlDigits}`, { email: 'trung@example.vn' }), 409);  // its phone now reads as a taken number
    const m = expectStatus(await admin.post(`/customers/${ids.national}/merge`, { duplicate: ids.intlDigits }), 200);
    assert.equal(m.merged, ids.intlDigits);
    assert.deepEqual(m.moved, { encounters: 1, feedback: 1, invitations: 0, responses: 0, referrals: 0 });
    assert.equal(m.customer.phone, '+84981234567');
    expectProblem(await admin.get(`/customers/${ids.intlDigits}`), 404, 'customer.not_found');
    assert.equal(expectStatus(await admin.get(`/encounters/${e.id}`), 200).customer, ids.national);
    assert.equal(expectStatus(await admin.get(`/feedback/${f.id}`), 200).customer.id, ids.national);
    const audit = expectStatus(await admin.get('/audit?entity=customer&action=merge&page_size=500'), 200).items
      .find((x) => String(x.entity_id) === String(ids.national));
    assert.ok(audit, 'merge audited');
    assert.equal(audit.actor, ADMIN_LOGIN);
    assert.equal(audit.before.duplicate.id, ids.intlDigits);
    assert.equal(audit.before.duplicate.phone, '0084981234567');
    assert.equal(expectStatus(await admin.get('/customers/duplicates'), 200).groups.length, 0);
  });

  test('`servq customers merge` merges from the command line', async () => {
    const admin = await s.admin();
    const a = await makeCustomer(admin, { email: null });
    const b = await makeCustomer(admin, { email: 'cli-merge@example.vn' });
    const r = await runCli(['customers', 'merge', '--db', s.db, '--keep', String(a.id), '--duplicate', String(b.id)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`merged customer ${b.id} into ${a.id}`));
    expectProblem(await admin.get(`/customers/${b.id}`), 404, 'customer.not_found');
    assert.equal(expectStatus(await admin.get(`/customers/${a.id}`), 200).email, 'cli-merge@example.vn', 'a field the kept one lacked is taken');
  });
});
