// CSV files as Excel writes them, and dates as people type them (issue 11 §2; docs/api.md
// "imports"). The files are made here byte by byte the way Excel saves them: UTF-8 with a BOM,
// "Unicode text" (UTF-16LE with a BOM, tab-separated, CRLF), "CSV" on a Chinese Windows (GB18030)
// and on a Vietnamese one (Windows-1258: base letters precomposed, tone marks as combining
// characters, trailing `,,,,` columns and empty rows). The reference encoder is iconv-lite
// (tests/package.json), independent of the server's ICU. Names are read back through the API and
// compared character for character with the NFC form a user types.
import { createRequire } from 'node:module';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, listAll,
} from './harness.mjs';

const iconv = createRequire(import.meta.url)('iconv-lite');
const csv = { contentType: 'text/csv' };

// Windows-1258 stores Vietnamese with the five tone marks as combining characters after a base
// letter that may carry its circumflex, breve or horn (ễ = ê + U+0303). Microsoft's own "best
// fit" form; iconv-lite then maps each character through the code page table.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
function cp1258Form(s) {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const d = ch.normalize('NFD');
    const tones = d.match(TONES)?.join('') ?? '';
    out += d.replace(TONES, '').normalize('NFC') + tones;
  }
  return out;
}
const cps = (s) => [...s].map((c) => c.codePointAt(0).toString(16));

let seq = 0;
const phone = () => `09${String(process.pid % 100).padStart(2, '0')}${String(700000 + (++seq)).padStart(6, '0')}`;

async function customersByPrefix(admin, prefix) {
  const all = await listAll(admin, '/customers');
  return new Map(all.filter((c) => c.external_id?.startsWith(prefix)).map((c) => [c.external_id, c]));
}

suite('imports as Excel writes them', () => {
  const s = useServer();

  test('UTF-8 with BOM, comma, CRLF and a quoted newline: Vietnamese and Chinese names arrive character for character', async () => {
    const admin = await s.admin();
    const p = uid('U8B');
    const names = ['Nguyễn Thị Hồng Nhung', 'Trần Văn Đức', '张伟', 'Phạm Thị Ánh Tuyết'];
    const lines = ['external_id,name,phone,address'];
    names.forEach((n, i) => lines.push(`${p}-${i},${n},${phone()},"12 Phố Huế\r\nHà Nội"`));
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
    const r = expectStatus(await admin.post('/imports/customers', bytes, csv), 200);
    assert.equal(r.created, names.length);
    const got = await customersByPrefix(admin, p);
    names.forEach((n, i) => {
      assert.deepEqual(cps(got.get(`${p}-${i}`).name), cps(n), n);
      assert.match(got.get(`${p}-${i}`).address, /^12 Phố Huế\r?\nHà Nội$/);
    });
  });

  test('UTF-16LE with BOM, tab-separated, CRLF (Excel "Unicode text"): names intact', async () => {
    const admin = await s.admin();
    const p = uid('U16');
    const names = ['Lê Thị Thu Hà', '王秀英', 'Đặng Quốc Dũng'];
    const lines = ['external_id\tname\tphone\taddress'];
    names.forEach((n, i) => lines.push(`${p}-${i}\t${n}\t${phone()}\t"Số 5, ngõ 3"`));
    const bytes = iconv.encode(lines.join('\r\n') + '\r\n', 'utf16le', { addBOM: true });
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
    const r = expectStatus(await admin.post('/imports/customers', bytes, csv), 200);
    assert.equal(r.created, names.length);
    const got = await customersByPrefix(admin, p);
    names.forEach((n, i) => assert.deepEqual(cps(got.get(`${p}-${i}`).name), cps(n), n));
    assert.equal(got.get(`${p}-0`).address, 'Số 5, ngõ 3');
  });

  test('GB18030 from a Chinese Windows, `;`-separated: detected, Chinese names intact', async () => {
    const admin = await s.admin();
    const p = uid('GB');
    const names = ['张伟', '王秀英', '李娜', '刘洋', '陈静'];
    const lines = ['external_id;name;phone;address'];
    names.forEach((n, i) => lines.push(`${p}-${i};${n};${phone()};北京市朝阳区`));
    const bytes = iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'these bytes are not UTF-8');
    const r = expectStatus(await admin.post('/imports/customers', bytes, csv), 200);
    assert.equal(r.created, names.length);
    const got = await customersByPrefix(admin, p);
    names.forEach((n, i) => assert.deepEqual(cps(got.get(`${p}-${i}`).name), cps(n), n));
    assert.equal(got.get(`${p}-0`).address, '北京市朝阳区');
  });

  test('Windows-1258 from a Vietnamese Windows, with `,,,,` columns and empty rows: names arrive NFC', async () => {
    const admin = await s.admin();
    const p = uid('VN');
    const names = ['Nguyễn Thị Hồng Nhung', 'Trần Văn Đức', 'Phạm Thị Ánh Tuyết', 'Hoàng Ngọc Lan'];
    const lines = ['external_id,name,phone,address,,,,'];
    names.forEach((n, i) => lines.push(`${p}-${i},${cp1258Form(n)},${phone()},${cp1258Form('Quận Hoàn Kiếm')},,,,`));
    lines.push(',,,,,,,', ',,,,,,,', '');
    const text = lines.join('\r\n') + '\r\n';
    assert.notEqual(cp1258Form(names[0]), names[0], 'the file holds decomposed tone marks');
    const bytes = iconv.encode(text, 'windows1258');
    assert.equal(iconv.decode(bytes, 'windows1258'), text, 'every character is in the code page');
    const r = expectStatus(await admin.post('/imports/customers', bytes, csv), 200);
    assert.equal(r.total, names.length, 'empty rows are no customers');
    const got = await customersByPrefix(admin, p);
    names.forEach((n, i) => assert.deepEqual(cps(got.get(`${p}-${i}`).name), cps(n.normalize('NFC')), n));
    assert.equal(got.get(`${p}-0`).address, 'Quận Hoàn Kiếm'.normalize('NFC'));
  });

  // GB2312 characters whose two bytes are a lead C2..DF and a trail A1..BF are also a valid
  // two-byte UTF-8 sequence: such a file reads as text both ways.
  const TWO_WAY = ['莫梅', '陆茂', '欧萍', '谭平', '石盛'];

  test('a GB18030 file that is also valid UTF-8 is refused as uncertain naming both candidates; with encoding=gb18030 it imports right', async () => {
    const admin = await s.admin();
    const p = uid('AMB');
    const lines = ['external_id,name,phone'];
    TWO_WAY.forEach((n, i) => lines.push(`${p}-${i},${n},${phone()}`));
    const bytes = iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030');
    const asUtf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // throws if not UTF-8
    assert.notEqual(asUtf8, iconv.decode(bytes, 'gb18030'), 'the two readings differ');
    const refused = expectProblem(await admin.post('/imports/customers', bytes, csv), 422, 'import.encoding_uncertain');
    assert.equal(refused.params.candidates, 'utf-8, gb18030');
    assert.equal((await customersByPrefix(admin, p)).size, 0, 'nothing stored');
    const r = expectStatus(await admin.post('/imports/customers?encoding=gb18030', bytes, csv), 200);
    assert.equal(r.created, TWO_WAY.length);
    const got = await customersByPrefix(admin, p);
    TWO_WAY.forEach((n, i) => assert.deepEqual(cps(got.get(`${p}-${i}`).name), cps(n), n));
  });

  test('bytes invalid in the declared encoding answer import.encoding_invalid naming the line', async () => {
    const admin = await s.admin();
    const bytes = Buffer.concat([
      Buffer.from('external_id,name\r\nA-1,An\r\nA-2,', 'utf8'),
      iconv.encode('张伟', 'gb18030'),
      Buffer.from('\r\n', 'utf8'),
    ]);
    const p = expectProblem(await admin.post('/imports/customers?encoding=utf-8', bytes, csv), 422, 'import.encoding_invalid');
    assert.equal(p.params.line, '3');
    assert.equal(p.params.encoding, 'utf-8');
    expectProblem(await admin.post('/imports/customers?encoding=latin-9', bytes, csv), 422, 'import.encoding_unknown');
  });

  test('typed dates in every format read under the date order, equal to the ISO time the API stores', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const ph = phone();
    expectStatus(await admin.post('/customers', { name: 'Ngày Giờ', phone: ph }), 201);
    // Reference: the same local times posted as offsetless ISO through the JSON API (the time
    // normaliser's own reading, not the typed-date reader).
    const ref = async (iso) => {
      const e = expectStatus(await admin.post('/encounters', {
        external_id: uid('REF'), customer_phone: ph, unit: u.code, service: 'ref', started_at: iso, amount: 0, converted: false,
      }), 201);
      return Date.parse(e.started_at);
    };
    const cases = [
      ['dmy', '01/10/2026', '2026-10-01T00:00:00'],
      ['dmy', '1/10/2026 06:30', '2026-10-01T06:30:00'],
      ['dmy', '01-10-2026', '2026-10-01T00:00:00'],
      ['dmy', '1.10.2026 06:30:15', '2026-10-01T06:30:15'],
      ['dmy', '2026-10-01 06:30', '2026-10-01T06:30:00'],
      ['dmy', '2026/10/01', '2026-10-01T00:00:00'],
      ['ymd', '2026年10月1日', '2026-10-01T00:00:00'],
      ['ymd', '2026年10月1日 06:30', '2026-10-01T06:30:00'],
      ['ymd', '2026-10-01 06:30', '2026-10-01T06:30:00'],
      ['ymd', '25/10/2026', '2026-10-25T00:00:00'],
      ['mdy', '10/1/2026 06:30', '2026-10-01T06:30:00'],
      ['dmy', '2026-10-01T06:30:00+07:00', '2026-10-01T06:30:00+07:00'],
    ];
    for (const [order, typed, iso] of cases) {
      const id = uid('TD');
      const file = `external_id,customer_phone,unit,service,started_at,amount,converted\r\n${id},${ph},${u.code},Khám,${typed},0,false\r\n`;
      const r = await admin.post(`/imports/encounters?date_order=${order}`, file, csv);
      assert.equal(r.status, 200, `${order} ${typed}: ${r.text}`);
      const got = (await listAll(admin, '/encounters')).find((e) => e.external_id === id);
      assert.equal(Date.parse(got.started_at), await ref(iso), `${order} ${typed}`);
    }
  });

  test('the date order defaults to day-first for a Vietnamese Accept-Language, year-first otherwise', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const ph = phone();
    expectStatus(await admin.post('/customers', { name: 'Mặc Định', phone: ph }), 201);
    const file = (id) => `external_id,customer_phone,unit,service,started_at,amount,converted\n${id},${ph},${u.code},Khám,01/10/2026,0,false\n`;
    expectStatus(await admin.post('/imports/encounters?dry_run=true', file(uid('D')), { ...csv, headers: { 'accept-language': 'vi-VN,vi;q=0.9' } }), 200);
    const p = expectProblem(await admin.post('/imports/encounters?dry_run=true', file(uid('D')), { ...csv, headers: { 'accept-language': 'zh-CN' } }), 422, 'import.invalid');
    assert.equal(p.errors[0].code, 'import.date_ambiguous');
  });

  test('ambiguous and impossible dates are refused naming row (as Excel numbers it) and column; nothing stored', async () => {
    const admin = await s.admin();
    const u = await makeUnit(admin, { code: uid('U') });
    const ph = phone();
    expectStatus(await admin.post('/customers', { name: 'Sai Ngày', phone: ph }), 201);
    const ids = [uid('B'), uid('B'), uid('B'), uid('B'), uid('B')];
    // Row 2 has a quoted newline in `service`, so from row 3 on the file's line is one more
    // than the row Excel shows.
    const file = [
      'external_id,customer_phone,unit,service,started_at,amount,converted',
      `${ids[0]},${ph},${u.code},"Khám\r\ntổng quát",01/10/2026,0,false`,
      `${ids[1]},${ph},${u.code},Khám,01/10/26,0,false`,
      `${ids[2]},${ph},${u.code},Khám,31/02/2026,0,false`,
      `${ids[3]},${ph},${u.code},Khám,25/13/2026 06:30,0,false`,
      `${ids[4]},${ph},${u.code},Khám,1/10/2026 24:30,0,false`,
    ].join('\r\n') + '\r\n';
    const p = expectProblem(await admin.post('/imports/encounters?date_order=dmy', file, csv), 422, 'import.invalid');
    const byRow = p.errors.map((e) => [e.row, e.line, e.field, e.code, e.params.row, e.params.column, e.params.value]);
    assert.deepEqual(byRow, [
      [3, 4, 'started_at', 'import.date_ambiguous', '3', 'started_at', '01/10/26'],
      [4, 5, 'started_at', 'import.date_impossible', '4', 'started_at', '31/02/2026'],
      [5, 6, 'started_at', 'import.date_impossible', '5', 'started_at', '25/13/2026 06:30'],
      [6, 7, 'started_at', 'import.date_impossible', '6', 'started_at', '1/10/2026 24:30'],
    ]);
    assert.equal(p.errors[0].params.expected, 'DD/MM/YYYY [HH:MM[:SS]]');
    const all = await listAll(admin, '/encounters');
    assert.ok(!all.some((e) => ids.includes(e.external_id)), 'nothing stored');
    expectProblem(await admin.post('/imports/encounters?date_order=dym', file, csv), 422, 'import.date_order_invalid');
  });
});
