// Units (the organisation tree) and staff: CRUD and validation (docs/api.md "units", "staff").
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff, listAll,
} from './harness.mjs';

suite('units', () => {
  const s = useServer();

  test('POST /units creates a root unit: 201 with code, name, parent null, path [code]', async () => {
    const admin = await s.admin();
    const code = uid('ROOT');
    const r = await admin.post('/units', { code, name: 'Bệnh viện Đa khoa' });
    const u = expectStatus(r, 201);
    assert.equal(typeof u.id, 'number');
    assert.equal(u.code, code);
    assert.equal(u.name, 'Bệnh viện Đa khoa');
    assert.equal(u.parent, null);
    assert.equal(u.head, null);
    assert.deepEqual(u.path, [code]);
  });

  test('a child unit names its parent by code and its path runs from the root', async () => {
    const admin = await s.admin();
    const root = await makeUnit(admin, { code: uid('R') });
    const br = await makeUnit(admin, { code: uid('BR'), parent: root.code });
    const dep = await makeUnit(admin, { code: uid('D'), parent: br.code });
    assert.equal(dep.parent, br.code);
    assert.deepEqual(dep.path, [root.code, br.code, dep.code]);
    const again = expectStatus(await admin.get(`/units/${dep.id}`), 200);
    assert.deepEqual(again, dep);
  });

  test('a duplicate unit code answers 409 unit.duplicate naming code', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    expectProblem(await admin.post('/units', { code: u.code, name: 'Again' }), 409, 'unit.duplicate', 'code');
  });

  test('an unknown parent code answers 422 naming parent', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/units', { code: uid('U'), name: 'Orphan', parent: 'NO-SUCH-UNIT' }), 422, undefined, 'parent');
  });

  test('an empty name answers 422 naming name', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/units', { code: uid('U'), name: '' }), 422, undefined, 'name');
  });

  test('PATCH /units/{id} renames a unit', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const r = expectStatus(await admin.patch(`/units/${u.id}`, { name: 'Khoa Sản' }), 200);
    assert.equal(r.name, 'Khoa Sản');
    assert.equal(r.code, u.code);
    assert.equal(expectStatus(await admin.get(`/units/${u.id}`), 200).name, 'Khoa Sản');
  });

  test('moving a unit updates its path and the paths of its descendants', async () => {
    const admin = await s.admin();
    const root = await makeUnit(admin, { code: uid('R') });
    const b1 = await makeUnit(admin, { code: uid('B'), parent: root.code });
    const b2 = await makeUnit(admin, { code: uid('B'), parent: root.code });
    const dep = await makeUnit(admin, { code: uid('D'), parent: b1.code });
    const team = await makeUnit(admin, { code: uid('T'), parent: dep.code });
    const moved = expectStatus(await admin.patch(`/units/${dep.id}`, { parent: b2.code }), 200);
    assert.equal(moved.parent, b2.code);
    assert.deepEqual(moved.path, [root.code, b2.code, dep.code]);
    const t = expectStatus(await admin.get(`/units/${team.id}`), 200);
    assert.deepEqual(t.path, [root.code, b2.code, dep.code, team.code]);
  });

  test('moving a unit under its own descendant answers 422 unit.cycle and changes nothing', async () => {
    const admin = await s.admin();
    const root = await makeUnit(admin, { code: uid('R') });
    const br = await makeUnit(admin, { code: uid('B'), parent: root.code });
    const dep = await makeUnit(admin, { code: uid('D'), parent: br.code });
    const team = await makeUnit(admin, { code: uid('T'), parent: dep.code });
    expectProblem(await admin.patch(`/units/${br.id}`, { parent: team.code }), 422, 'unit.cycle');
    const after = expectStatus(await admin.get(`/units/${br.id}`), 200);
    assert.equal(after.parent, root.code);
    assert.deepEqual(after.path, [root.code, br.code]);
  });

  test('making a unit its own parent answers 422 unit.cycle', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    expectProblem(await admin.patch(`/units/${u.id}`, { parent: u.code }), 422, 'unit.cycle');
  });

  test('a unit head is set by employee code', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const st = await makeStaff(admin, { unit: u.code });
    const r = expectStatus(await admin.patch(`/units/${u.id}`, { head: st.employee_code }), 200);
    assert.equal(r.head, st.employee_code);
  });

  test('an unknown head employee code answers 422 naming head', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    expectProblem(await admin.patch(`/units/${u.id}`, { head: 'NO-SUCH-EMP' }), 422, undefined, 'head');
  });

  test('GET /units?tree=1 returns all units ordered by path', async () => {
    const admin = await s.admin();
    const root = await makeUnit(admin, { code: 'ZZ' + uid('R') });
    const b = await makeUnit(admin, { code: 'AA' + uid('B'), parent: root.code });
    await makeUnit(admin, { code: 'MM' + uid('D'), parent: b.code });
    const r = expectStatus(await admin.get('/units?tree=1'), 200);
    const items = Array.isArray(r) ? r : r.items;
    assert.ok(Array.isArray(items), 'tree answer has items');
    const total = expectStatus(await admin.get('/units?page_size=1'), 200).total;
    assert.equal(items.length, total, 'tree returns every unit, unpaged');
    const keys = items.map((u) => u.path.join('\u0000'));
    assert.deepEqual(keys, [...keys].sort(), 'ordered by path');
  });

  test('GET /units/{id} of a missing unit answers 404 unit.not_found', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/units/999999'), 404, 'unit.not_found');
  });

  test('GET /units?q= finds a unit by part of its name', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U'), name: 'Khoa Răng Hàm Mặt Zeta' });
    const r = expectStatus(await admin.get('/units?q=Zeta'), 200);
    assert.deepEqual(r.items.map((x) => x.id), [u.id]);
  });
});

suite('staff', () => {
  const s = useServer();

  test('POST /staff creates a staff member in a unit', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const code = uid('E');
    const r = await admin.post('/staff', { employee_code: code, name: 'Đỗ Thị Hoa', unit: u.code, title: 'Điều dưỡng' });
    const st = expectStatus(r, 201);
    assert.equal(st.employee_code, code);
    assert.equal(st.name, 'Đỗ Thị Hoa');
    assert.equal(st.unit, u.code);
    assert.equal(st.title, 'Điều dưỡng');
    assert.equal(st.active, true);
  });

  test('a duplicate employee code answers 409 staff.duplicate naming employee_code', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const st = await makeStaff(admin, { unit: u.code });
    expectProblem(await admin.post('/staff', { employee_code: st.employee_code, name: 'Twin', unit: u.code, title: 'x' }), 409, 'staff.duplicate', 'employee_code');
  });

  test('an unknown unit code answers 422 naming unit', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/staff', { employee_code: uid('E'), name: 'Lost', unit: 'NO-SUCH-UNIT', title: 'x' }), 422, undefined, 'unit');
  });

  test('a missing name answers 422 naming name', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    expectProblem(await admin.post('/staff', { employee_code: uid('E'), unit: u.code, title: 'x' }), 422, undefined, 'name');
  });

  test('the unit filter includes the unit subtree and nothing else', async () => {
    const admin = await s.admin();
    const a = await makeUnit(admin, { code: uid('A') });
    const a1 = await makeUnit(admin, { code: uid('A1'), parent: a.code });
    const b = await makeUnit(admin, { code: uid('B') });
    const s1 = await makeStaff(admin, { unit: a.code });
    const s2 = await makeStaff(admin, { unit: a1.code });
    await makeStaff(admin, { unit: b.code });
    const items = await listAll(admin, `/staff?unit=${a.code}`);
    assert.deepEqual(items.map((x) => x.id).sort((x, y) => x - y), [s1.id, s2.id].sort((x, y) => x - y));
  });

  test('PATCH /staff/{id} changes title and deactivates', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const st = await makeStaff(admin, { unit: u.code });
    const r = expectStatus(await admin.patch(`/staff/${st.id}`, { title: 'Trưởng khoa', active: false }), 200);
    assert.equal(r.title, 'Trưởng khoa');
    assert.equal(r.active, false);
    assert.equal(expectStatus(await admin.get(`/staff/${st.id}`), 200).active, false);
  });

  test('GET /staff?q= finds staff by name without diacritics', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const st = await makeStaff(admin, { unit: u.code, name: 'Nguyễn Thị Thủy Quỳnh' });
    const r = expectStatus(await admin.get(`/staff?q=${encodeURIComponent('quỳnh')}`), 200);
    assert.ok(r.items.some((x) => x.id === st.id), `with diacritics: ${JSON.stringify(r)}`);
    const r2 = expectStatus(await admin.get('/staff?q=quynh'), 200);
    assert.ok(r2.items.some((x) => x.id === st.id), `folded: ${JSON.stringify(r2)}`);
  });

  test('GET /staff?q= finds staff by employee code', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const st = await makeStaff(admin, { unit: u.code });
    const r = expectStatus(await admin.get(`/staff?q=${st.employee_code}`), 200);
    assert.deepEqual(r.items.map((x) => x.id), [st.id]);
  });

  test('GET /staff/{id} of a missing staff member answers 404 staff.not_found', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/staff/999999'), 404, 'staff.not_found');
  });
});
