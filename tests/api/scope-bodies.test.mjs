// The role × route × scope matrix for ids and phones named inside request bodies and search
// parameters (issue 11 §1 "High"): whatever a body or a query names, the answer tells the caller
// no more than GET on that record would. The oracle for "may see" is the caller's own
// GET /customers/{id}; every cell is checked against it.
// World: ROOT → {DA, DB}; customer cA visited DA (nurse SA), cB visited DB (nurse SB).
import { before } from 'node:test';
import {
  suite, test, useServer, expectStatus, assert, uid, makeUnit, makeStaff, makeCustomer, makeEncounter,
  freshPhone, describeRes,
} from './harness.mjs';

suite('scope of ids inside bodies and queries (matrix)', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT') });
    w.da = await makeUnit(admin, { code: uid('DA'), parent: w.root.code });
    w.db = await makeUnit(admin, { code: uid('DB'), parent: w.root.code });
    w.sa = await makeStaff(admin, { unit: w.da.code });
    w.sb = await makeStaff(admin, { unit: w.db.code });
    w.customers = {
      cA: await makeCustomer(admin, { name: 'Khách Alpha Riêng', phone: freshPhone() }),
      cB: await makeCustomer(admin, { name: 'Khách Beta Riêng', phone: freshPhone() }),
    };
    await makeEncounter(admin, { customer: w.customers.cA.id, unit: w.da.code, staff: w.sa.employee_code });
    await makeEncounter(admin, { customer: w.customers.cB.id, unit: w.db.code, staff: w.sb.employee_code });
    // the content of a case about each customer, searchable by a word only it holds
    for (const [key, c] of Object.entries(w.customers)) {
      c.word = `tu${key.toLowerCase()}${uid('W').toLowerCase()}`;
      expectStatus(await admin.post('/feedback', {
        channel: 'hotline', kind: 'complaint', content: `Phàn nàn ${c.word}`, unit: key === 'cA' ? w.da.code : w.db.code,
        customer: { id: c.id },
      }), 201);
    }
    w.roles = {
      admin,
      quality: (await s.makeUser('quality')).client,
      director: (await s.makeUser('director')).client,
      auditor: (await s.makeUser('auditor')).client,
      head: (await s.makeUser('head', { unit: w.da.code })).client,
      staff: (await s.makeUser('staff', { unit: w.da.code, employee_code: w.sa.employee_code })).client,
    };
  });

  const routes = [
    ['POST /feedback {customer:{id}}', (c, cu) => c.post('/feedback', { channel: 'hotline', kind: 'complaint', content: 'm', customer: { id: cu.id } })],
    ['POST /feedback {customer:{phone}}', (c, cu) => c.post('/feedback', { channel: 'hotline', kind: 'complaint', content: 'm', customer: { phone: cu.phone } })],
    ['POST /encounters {customer}', (c, cu) => c.post('/encounters', { external_id: uid('EN'), customer: cu.id, unit: w.da.code, service: 'Khám', started_at: '2026-01-15T02:30:00Z', amount: 1 })],
    ['POST /encounters {customer_phone}', (c, cu) => c.post('/encounters', { external_id: uid('EN'), customer_phone: cu.phone, unit: w.da.code, service: 'Khám', started_at: '2026-01-15T02:30:00Z', amount: 1 })],
  ];

  test('a body naming a customer: refused or unlinked unless the caller may read that customer; never echoes what GET would not', async () => {
    let cells = 0;
    for (const [role, client] of Object.entries(w.roles)) {
      for (const [key, cu] of Object.entries(w.customers)) {
        const visible = (await client.get(`/customers/${cu.id}`)).status === 200;
        const readable = visible && (await client.get(`/customers/${cu.id}`)).body.name !== null;
        for (const [name, call] of routes) {
          const r = await call(client, cu);
          const cell = `${role} × ${name} × ${key} (visible: ${visible}): ${describeRes(r)}`;
          cells++;
          assert.ok(r.status < 500, cell);
          if (!readable) {
            // the caller's own input comes back on its own case (the phone it typed); nothing more
            assert.ok(!r.text.includes(cu.name), `leaks the name: ${cell}`);
            if (!name.includes('phone')) assert.ok(!r.text.includes(cu.phone), `leaks the phone: ${cell}`);
          }
          if (!visible) {
            assert.ok([403, 404, 422].includes(r.status) || (r.status === 201 && name.includes('phone') && name.startsWith('POST /feedback')), cell);
            if (r.status === 201) assert.equal(r.body.customer.id, null, `linked a customer the caller cannot see: ${cell}`);
            if (r.status === 404) assert.equal(r.body.code, 'customer.not_found', cell);
          } else if (r.status === 201) {
            const linked = name.startsWith('POST /feedback') ? r.body.customer.id : r.body.customer;
            assert.equal(linked, cu.id, cell);
          }
        }
      }
    }
    assert.equal(cells, 6 * 2 * routes.length);
  });

  test('a search names only what the caller may see: feedback q by phone, name and content', async () => {
    for (const [role, client] of Object.entries(w.roles)) {
      for (const [key, cu] of Object.entries(w.customers)) {
        const visible = (await client.get(`/customers/${cu.id}`)).status === 200;
        const readable = visible && (await client.get(`/customers/${cu.id}`)).body.name !== null;
        for (const q of [cu.phone, 'Riêng']) {
          const r = expectStatus(await client.get(`/feedback?q=${encodeURIComponent(q)}`), 200);
          if (!readable)
            assert.ok(!r.items.some((x) => x.content.includes(cu.word)), `${role} found ${key}'s case by q=${q}`);
        }
        // customers: a role that cannot read names finds nobody by name or phone
        for (const q of [cu.phone, 'Beta Riêng', 'Alpha Riêng']) {
          const r = expectStatus(await client.get(`/customers?q=${encodeURIComponent(q)}`), 200);
          if (!readable) assert.ok(!r.items.some((x) => x.id === cu.id), `${role} found customer ${key} by q=${q}`);
        }
      }
    }
  });
});
