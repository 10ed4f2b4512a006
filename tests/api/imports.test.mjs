// CSV imports over HTTP: all or nothing, errors name line and field, idempotent by external id
// (docs/api.md "imports", PRODUCT.md I1).
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  countOf, listAll, toCsv, customerRows, CUSTOMER_HEADER, ENCOUNTER_HEADER, describeRes,
} from './harness.mjs';

const csv = { contentType: 'text/csv' };

suite('imports', () => {
  const s = useServer();

  // 10 000 lines: the header (line 1) and 9 999 customers; line 7234 is data row 7233.
  const BIG = customerRows(9999, '961');
  const BAD_LINE = 7234;

  test('a 10 000-line file with a bad category on line 7234 answers 422 import.invalid naming line 7234 and field category, and stores nothing', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/customers');
    const rows = BIG.map((r) => ({ ...r }));
    rows[BAD_LINE - 2].category = 'khach_vip';
    const text = toCsv(CUSTOMER_HEADER, rows);
    assert.equal(text.split('\n').length - 1, 10000, 'file has 10 000 lines');
    const r = await admin.post('/imports/customers', text, csv);
    const p = expectProblem(r, 422, 'import.invalid');
    assert.ok(Array.isArray(p.errors), 'errors[] present');
    assert.equal(p.errors.length, 1, JSON.stringify(p.errors));
    assert.equal(p.errors[0].line, BAD_LINE);
    assert.equal(p.errors[0].field, 'category');
    assert.equal(typeof p.errors[0].code, 'string');
    assert.equal(await countOf(admin, '/customers'), before, 'customer count unchanged');
  });

  test('the good 10 000-line file imports 9 999 customers; imported again it creates 0', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/customers');
    const text = toCsv(CUSTOMER_HEADER, BIG);
    const first = expectStatus(await admin.post('/imports/customers', text, csv), 200);
    assert.equal(first.kind, 'customers');
    assert.equal(first.total, 9999);
    assert.equal(first.created, 9999);
    assert.equal(first.dry_run, false);
    assert.equal(await countOf(admin, '/customers'), before + 9999);
    const second = expectStatus(await admin.post('/imports/customers', text, csv), 200);
    assert.equal(second.total, 9999);
    assert.equal(second.created, 0);
    assert.equal(second.updated, 0);
    assert.equal(second.unchanged, 9999);
    assert.equal(await countOf(admin, '/customers'), before + 9999);
  });

  test('imported values arrive intact: normalised phone, booleans from yes/no/1/0, Vietnamese text', async () => {
    const admin = await s.admin();
    const rows = customerRows(4, '962');
    rows[0].phone = '+84 962 000 000';
    const text = toCsv(CUSTOMER_HEADER, rows);
    expectStatus(await admin.post('/imports/customers', text, csv), 200);
    const got = expectStatus(await admin.get('/customers?q=0962000000'), 200).items;
    assert.equal(got.length, 1, JSON.stringify(got));
    assert.equal(got[0].phone, '+84962000000');
    assert.equal(got[0].external_id, 'IMP962-0');
    assert.equal(got[0].name, rows[0].name);
    assert.equal(got[0].consent_contact, false); // 'no'
    assert.equal(got[0].consent_survey, false); // '0'
    const one = expectStatus(await admin.get('/customers?q=0962000001'), 200).items[0];
    assert.equal(one.consent_contact, true); // 'true'
    assert.equal(one.consent_survey, true); // 'yes'
  });

  test('a row may name as referrer a customer defined on an earlier line of the same file', async () => {
    const admin = await s.admin();
    const rows = customerRows(3, '974');
    rows[2].category = 'referred';
    rows[2].referred_by = rows[0].external_id;
    const r = expectStatus(await admin.post('/imports/customers', toCsv(CUSTOMER_HEADER, rows), csv), 200);
    assert.equal(r.created, 3);
    const c = expectStatus(await admin.get('/customers?q=0974000002'), 200).items[0];
    assert.equal(c.referred_by, rows[0].external_id);
  });

  test('a referrer that exists nowhere is reported on its line with field referred_by', async () => {
    const admin = await s.admin();
    const rows = customerRows(3, '975');
    rows[1].category = 'referred';
    rows[1].referred_by = 'NO-SUCH-CUSTOMER';
    const p = expectProblem(await admin.post('/imports/customers', toCsv(CUSTOMER_HEADER, rows), csv), 422, 'import.invalid');
    assert.deepEqual(p.errors.map((e) => [e.line, e.field]), [[3, 'referred_by']]);
  });

  test('every bad line is reported with its line and field', async () => {
    const admin = await s.admin();
    const rows = customerRows(20, '964');
    rows[2].phone = '12'; // line 4
    rows[9].category = 'nope'; // line 11
    rows[15].consent_survey = 'maybe'; // line 17
    const r = await admin.post('/imports/customers', toCsv(CUSTOMER_HEADER, rows), csv);
    const p = expectProblem(r, 422, 'import.invalid');
    const got = p.errors.map((e) => [e.line, e.field]).sort((a, b) => a[0] - b[0]);
    assert.deepEqual(got, [[4, 'phone'], [11, 'category'], [17, 'consent_survey']]);
  });

  test('two rows with the same phone in one file are refused, naming the later line', async () => {
    const admin = await s.admin();
    const rows = customerRows(5, '965');
    rows[3].phone = rows[1].phone; // line 5 repeats line 3
    const p = expectProblem(await admin.post('/imports/customers', toCsv(CUSTOMER_HEADER, rows), csv), 422, 'import.invalid');
    assert.ok(p.errors.some((e) => e.line === 5 && e.field === 'phone'), JSON.stringify(p.errors));
  });

  test('dry_run=1 validates and counts but stores nothing', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/customers');
    const r = expectStatus(await admin.post('/imports/customers?dry_run=1', toCsv(CUSTOMER_HEADER, customerRows(25, '966')), csv), 200);
    assert.equal(r.dry_run, true);
    assert.equal(r.total, 25);
    assert.equal(r.created, 25);
    assert.equal(await countOf(admin, '/customers'), before);
    assert.equal(expectStatus(await admin.get('/customers?q=0966000000'), 200).total, 0);
  });

  test('dry_run=1 of a bad file answers the same 422 errors', async () => {
    const admin = await s.admin();
    const rows = customerRows(5, '967');
    rows[0].category = 'bad';
    const p = expectProblem(await admin.post('/imports/customers?dry_run=1', toCsv(CUSTOMER_HEADER, rows), csv), 422, 'import.invalid');
    assert.deepEqual(p.errors.map((e) => [e.line, e.field]), [[2, 'category']]);
  });

  test('a UTF-8 BOM, quoted commas, doubled quotes and an embedded newline are read correctly', async () => {
    const admin = await s.admin();
    const text =
      '\uFEFF' + CUSTOMER_HEADER.join(',') + '\n' +
      'BOM-1,"Nguyễn, Văn ""Tí""",0968000001,ti@example.com,"12 Lê Lợi\nPhường Bến Nghé, Quận 1",long_term,,,true,false\n' +
      'BOM-2,Trần Thị Hoa,0968000002,hoa@example.com,Hà Nội,first_time,,,0,1\n';
    const r = expectStatus(await admin.post('/imports/customers', text, csv), 200);
    assert.equal(r.total, 2);
    assert.equal(r.created, 2);
    const c = expectStatus(await admin.get('/customers?q=0968000001'), 200).items[0];
    assert.equal(c.external_id, 'BOM-1', 'BOM is not part of the first header name');
    assert.equal(c.name, 'Nguyễn, Văn "Tí"');
    assert.equal(c.address, '12 Lê Lợi\nPhường Bến Nghé, Quận 1');
  });

  test('CRLF line endings (as Excel writes them) are accepted', async () => {
    const admin = await s.admin();
    const r = expectStatus(await admin.post('/imports/customers', toCsv(CUSTOMER_HEADER, customerRows(3, '969'), '\r\n'), csv), 200);
    assert.equal(r.created, 3);
    const c = expectStatus(await admin.get('/customers?q=0969000002'), 200).items[0];
    assert.ok(!/\r/.test(JSON.stringify(c)), 'no stray CR in values');
    assert.equal(c.consent_survey, false);
  });

  test('an unknown column in the header is refused with 422', async () => {
    const admin = await s.admin();
    const text = 'external_id,name,phone,category,shoe_size\nX1,A,0970000001,first_time,42\n';
    const r = await admin.post('/imports/customers', text, csv);
    expectProblem(r, 422);
  });

  test('encounters import references customers by phone and units/staff by code', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const st = await makeStaff(admin, { unit: u.code });
    const cust = customerRows(3, '971');
    expectStatus(await admin.post('/imports/customers', toCsv(CUSTOMER_HEADER, cust), csv), 200);
    const before = await countOf(admin, '/encounters');
    const enc = [
      { external_id: 'ENC-971-1', customer_phone: '+84 971 000 000', unit: u.code, staff: st.employee_code, service: 'Khám nội', started_at: '2026-01-05T01:00:00Z', amount: 200000, converted: 'true' },
      { external_id: 'ENC-971-2', customer_phone: '0971000001', unit: u.code, staff: '', service: 'Xét nghiệm máu', started_at: '2026-01-06T02:30:00Z', amount: 150000, converted: 'no' },
      { external_id: 'ENC-971-3', customer_phone: '0971000001', unit: u.code, staff: st.employee_code, service: 'Siêu âm', started_at: '2026-01-07T03:45:00Z', amount: 0, converted: '0' },
    ];
    const text = toCsv(ENCOUNTER_HEADER, enc);
    const r = expectStatus(await admin.post('/imports/encounters', text, csv), 200);
    assert.equal(r.kind, 'encounters');
    assert.equal(r.created, 3);
    assert.equal(await countOf(admin, '/encounters'), before + 3);
    const c1 = expectStatus(await admin.get('/customers?q=0971000001'), 200).items[0];
    const mine = await listAll(admin, `/encounters?customer=${c1.id}`);
    assert.deepEqual(mine.map((e) => e.external_id).sort(), ['ENC-971-2', 'ENC-971-3']);
    const e2 = mine.find((e) => e.external_id === 'ENC-971-2');
    assert.equal(e2.staff, null);
    assert.equal(e2.amount, 150000);
    assert.equal(e2.converted, false);
    assert.equal(Date.parse(e2.started_at), Date.parse('2026-01-06T02:30:00Z'));
    const again = expectStatus(await admin.post('/imports/encounters', text, csv), 200);
    assert.equal(again.created, 0, 'second import creates nothing');
    assert.equal(await countOf(admin, '/encounters'), before + 3);
  });

  test('an encounter line with an unknown customer phone answers 422 naming the line and customer_phone', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    expectStatus(await admin.post('/imports/customers', toCsv(CUSTOMER_HEADER, customerRows(1, '973')), csv), 200);
    const before = await countOf(admin, '/encounters');
    const enc = [
      { external_id: 'ENC-X-1', customer_phone: '0973000000', unit: u.code, staff: '', service: 'a', started_at: '2026-01-05T01:00:00Z', amount: 1, converted: 'false' },
      { external_id: 'ENC-X-2', customer_phone: '0999999999', unit: u.code, staff: '', service: 'b', started_at: '2026-01-05T01:00:00Z', amount: 1, converted: 'false' },
    ];
    const r = await admin.post('/imports/encounters', toCsv(ENCOUNTER_HEADER, enc), csv);
    const p = expectProblem(r, 422, 'import.invalid');
    assert.deepEqual(p.errors.map((e) => [e.line, e.field]), [[3, 'customer_phone']], describeRes(r));
    assert.equal(await countOf(admin, '/encounters'), before);
  });

  test('a head cannot import customers (403)', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const head = await s.makeUser('head', { unit: u.code });
    const r = await head.client.post('/imports/customers', toCsv(CUSTOMER_HEADER, customerRows(1, '972')), csv);
    expectProblem(r, 403, 'auth.forbidden');
  });
});
