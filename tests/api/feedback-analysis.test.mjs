// Feedback counts and export (docs/api.md "Feedback" → "Analysis"): counts add up to the list
// total for the same filters; CSV export (BOM, header, one record per case) and XLSX export.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff, listAll, describeRes, unzipEntries,
} from './harness.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MULTILINE = 'Dòng một, có dấu phẩy\nDòng hai có "ngoặc kép"\r\nDòng ba';

/** RFC 4180 parser: returns records (arrays of fields). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

suite('feedback counts and export', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
    w.br = await makeUnit(admin, { code: uid('BR'), name: 'Chi nhánh', parent: w.root.code });
    w.da = await makeUnit(admin, { code: uid('DA'), name: 'Khoa Nội', parent: w.br.code });
    w.db = await makeUnit(admin, { code: uid('DB'), name: 'Khoa Ngoại', parent: w.root.code });
    w.sa = await makeStaff(admin, { unit: w.da.code });
    const specs = [
      ['2025-01-15T03:00:00Z', 'phone', 'complaint', 'attitude', 'high', w.da.code],
      ['2025-02-20T03:00:00Z', 'email', 'complaint', 'waiting_time', 'low', w.da.code],
      ['2025-02-21T23:30:00Z', 'email', 'praise', 'professional_skill', 'low', w.br.code],
      ['2025-07-01T00:00:00Z', 'hotline', 'suggestion', 'environment', 'medium', w.db.code],
      ['2025-07-31T12:00:00Z', 'phone', 'inquiry', 'price_billing', 'critical', null],
      [undefined, 'website', 'complaint', 'safety', 'critical', w.da.code],
      [undefined, 'survey', 'complaint', 'outcome', 'medium', null],
    ];
    w.cases = [];
    for (const [at, channel, kind, category, severity, unit] of specs) {
      w.cases.push(expectStatus(await admin.post('/feedback', {
        received_at: at, channel, kind, category, severity, unit: unit ?? undefined,
        staff: unit === w.da.code ? w.sa.employee_code : undefined,
        customer: { name: 'Trần Thị Xuân', phone: '0911222333' }, content: `Nội dung ${channel} ${kind}`,
      }), 201));
    }
    w.multi = expectStatus(await admin.post('/feedback', { channel: 'letter', kind: 'complaint', unit: w.db.code, content: MULTILINE }), 201);
    w.cases.push(w.multi);
    expectStatus(await admin.post(`/feedback/${w.cases[0].id}/transitions`, { action: 'verify' }), 200);
  });

  const FILTERS = ['', 'kind=complaint', 'status=received', 'channel=phone,email', 'from=2025-02-01T00:00:00Z&to=2025-07-15T00:00:00Z'];
  const BYS = ['channel', 'kind', 'category', 'severity', 'status', 'unit', 'month'];
  const keyOf = {
    channel: (f) => f.channel, kind: (f) => f.kind, category: (f) => f.category, severity: (f) => f.severity,
    status: (f) => f.status, unit: (f) => f.unit, month: (f) => f.received_at.slice(0, 7),
  };

  for (const filter of [...FILTERS, 'unit=BR']) {
    test(`counts by ${BYS.join('|')} add up to the list total and to the listed cases for filter "${filter || 'none'}"`, async () => {
      const admin = await s.admin();
      const f = filter === 'unit=BR' ? `unit=${w.br.code}` : filter;
      const items = await listAll(admin, `/feedback?${f}`);
      const total = expectStatus(await admin.get(`/feedback?${f}&page_size=1`), 200).total;
      assert.equal(items.length, total);
      assert.ok(total > 0, 'the filter selects something');
      for (const by of BYS) {
        const r = await admin.get(`/feedback/counts?by=${by}&${f}`);
        const b = expectStatus(r, 200);
        assert.equal(b.by, by);
        assert.equal(b.items.reduce((n, x) => n + x.count, 0), total, `sum of counts by ${by}: ${describeRes(r)}`);
        const expected = {};
        for (const it of items) expected[keyOf[by](it)] = (expected[keyOf[by](it)] || 0) + 1;
        const got = Object.fromEntries(b.items.map((x) => [x.key, x.count]));
        assert.deepEqual(got, expected, `counts by ${by}`);
      }
    });
  }

  test('unit=BR includes its subtree (BR and DA, not DB)', async () => {
    const admin = await s.admin();
    const items = await listAll(admin, `/feedback?unit=${w.br.code}`);
    assert.deepEqual([...new Set(items.map((x) => x.unit))].sort(), [w.br.code, w.da.code].sort());
  });

  test('from/to select by received_at (inclusive range), staff= by the staff member', async () => {
    const admin = await s.admin();
    const got = await listAll(admin, '/feedback?from=2025-02-01T00:00:00Z&to=2025-07-15T00:00:00Z');
    assert.deepEqual(got.map((x) => x.id).sort((a, b) => a - b), [w.cases[1].id, w.cases[2].id, w.cases[3].id]);
    const byStaff = await listAll(admin, `/feedback?staff=${w.sa.employee_code}`);
    assert.deepEqual(byStaff.map((x) => x.id).sort((a, b) => a - b), [w.cases[0].id, w.cases[1].id, w.cases[5].id]);
  });

  test('default order is newest first; sort=received_at is oldest first', async () => {
    const admin = await s.admin();
    const desc = (await listAll(admin, '/feedback')).map((x) => Date.parse(x.received_at));
    assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
    const asc = (await listAll(admin, '/feedback?sort=received_at')).map((x) => Date.parse(x.received_at));
    assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
    assert.equal(asc.length, w.cases.length);
    assert.equal(asc[0], Date.parse('2025-01-15T03:00:00Z'));
  });

  test('export?format=csv: UTF-8 BOM, a header and one record per case, embedded newlines quoted', async () => {
    const admin = await s.admin();
    const r = await admin.raw('/feedback/export?format=csv');
    assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
    assert.match(r.headers.get('content-type') || '', /^text\/csv/);
    assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
    const recs = parseCsv(r.bytes.subarray(3).toString('utf8')).filter((x) => !(x.length === 1 && x[0] === ''));
    assert.equal(recs.length, 1 + w.cases.length, `header + ${w.cases.length} records`);
    const header = recs[0];
    assert.ok(header.length > 5 && header.every((h) => !/^PH-/.test(h)), `header: ${header}`);
    for (const rec of recs) assert.equal(rec.length, header.length, `record width: ${JSON.stringify(rec)}`);
    const refs = recs.slice(1).map((rec) => rec.find((x) => /^PH-\d{4}-\d{6}$/.test(x))).sort();
    assert.deepEqual(refs, w.cases.map((c) => c.reference).sort());
    const multi = recs.find((rec) => rec.includes(w.multi.reference));
    assert.ok(multi.includes(MULTILINE) || multi.includes(MULTILINE.replace(/\r\n/g, '\n')),
      `the multi-line content survives: ${JSON.stringify(multi)}`);
  });

  test('export applies the list filters', async () => {
    const admin = await s.admin();
    const r = await admin.raw('/feedback/export?format=csv&kind=complaint');
    assert.equal(r.status, 200);
    const recs = parseCsv(r.bytes.subarray(3).toString('utf8')).filter((x) => !(x.length === 1 && x[0] === ''));
    const total = (await listAll(admin, '/feedback?kind=complaint')).length;
    assert.equal(recs.length, 1 + total);
  });

  test('export?format=xlsx answers a ZIP with the xlsx content type', async () => {
    const admin = await s.admin();
    const r = await admin.raw('/feedback/export?format=xlsx');
    assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
    assert.equal((r.headers.get('content-type') || '').split(';')[0].trim(), XLSX);
    assert.equal(r.bytes.subarray(0, 2).toString('latin1'), 'PK');
    const entries = unzipEntries(r.bytes);
    const sheets = Object.keys(entries).filter((n) => /^xl\/worksheets\/.+\.xml$/.test(n));
    assert.ok(sheets.length >= 1, `a worksheet in ${Object.keys(entries)}`);
    const all = Object.values(entries).map((b) => b.toString('utf8')).join('\n');
    for (const c of w.cases) assert.ok(all.includes(c.reference), `${c.reference} in the workbook`);
    const rows = (entries[sheets[0]].toString('utf8').match(/<row\b/g) || []).length;
    assert.equal(rows, 1 + w.cases.length, 'a header row and one row per case');
  });

  test('an unknown export format → 422 naming format', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/feedback/export?format=pdf'), 422, undefined, 'format');
  });
});
