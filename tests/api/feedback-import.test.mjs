// Legacy feedback import (docs/api.md "Feedback" → "Import"): historic statuses allowed,
// all-or-nothing with line and field of each bad row, re-import adds nothing.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  countOf, listAll, toCsv, runCli, writeTemp, describeRes,
} from './harness.mjs';

const HEADER = ['external_id', 'received_at', 'channel', 'kind', 'customer_name', 'customer_phone', 'customer_address',
  'content', 'unit', 'staff', 'category', 'severity', 'status', 'resolution', 'closed_at'];
const csv = { contentType: 'text/csv' };

suite('feedback import', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.unit = await makeUnit(admin, { code: uid('KN'), name: 'Khoa Nội' });
    w.staff = await makeStaff(admin, { unit: w.unit.code, name: 'Đỗ Thị Hạnh' });
    w.rows = [
      {
        external_id: 'LEG-0001', received_at: '2023-03-01T02:00:00Z', channel: 'suggestion_box', kind: 'complaint',
        customer_name: 'Bùi Văn Cũ', customer_phone: '0903111222', customer_address: '12 Pasteur, Quận 3',
        content: 'Phòng chờ nóng, thiếu quạt', unit: w.unit.code, staff: '', category: 'environment', severity: 'low',
        status: 'closed', resolution: 'Đã lắp thêm quạt', closed_at: '2023-03-10T08:00:00Z',
      },
      {
        external_id: 'LEG-0002', received_at: '2023-11-20T09:15:00Z', channel: 'hotline', kind: 'complaint',
        customer_name: 'Lý Thị Xưa', customer_phone: '0903111333', customer_address: '',
        content: 'Điều dưỡng nói chuyện thiếu lịch sự,\nkhách phải chờ lâu', unit: w.unit.code, staff: w.staff.employee_code,
        category: 'attitude', severity: 'medium', status: 'closed', resolution: 'Đã nhắc nhở', closed_at: '2023-12-01T01:00:00Z',
      },
      {
        external_id: 'LEG-0003', received_at: '2024-05-05T05:05:00Z', channel: 'email', kind: 'praise',
        customer_name: '', customer_phone: '', customer_address: '', content: 'Cảm ơn bác sĩ Khoa Nội',
        unit: w.unit.code, staff: '', category: 'professional_skill', severity: '', status: '', resolution: '', closed_at: '',
      },
    ];
    w.text = toCsv(HEADER, w.rows);
  });

  test('a file with an unknown channel on line 3 → 422 import.invalid naming line 3 and field channel; nothing stored', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/feedback');
    const rows = w.rows.map((r) => ({ ...r }));
    rows[1].channel = 'bo_cau'; // line 3
    const p = expectProblem(await admin.post('/imports/feedback', toCsv(HEADER, rows), csv), 422, 'import.invalid');
    assert.deepEqual(p.errors.map((e) => [e.line, e.field]), [[3, 'channel']], JSON.stringify(p.errors));
    assert.equal(await countOf(admin, '/feedback'), before);
  });

  test('every bad row is named with line and field (unknown unit, missing content, bad status, bad received_at)', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/feedback');
    // one physical line per row here (LEG-0002's content has a newline), so line numbers are unambiguous
    const rows = [...w.rows, ...w.rows, ...w.rows].map((r, i) => ({ ...r, external_id: `BAD-${i}`, content: r.content.replace(/\n/g, ' ') }));
    rows[0].unit = 'NO-SUCH-UNIT'; // line 2
    rows[3].content = ''; // line 5
    rows[5].status = 'lost'; // line 7
    rows[7].received_at = 'hôm qua'; // line 9
    const p = expectProblem(await admin.post('/imports/feedback', toCsv(HEADER, rows), csv), 422, 'import.invalid');
    const got = p.errors.map((e) => [e.line, e.field]).sort((a, b) => a[0] - b[0]);
    assert.deepEqual(got, [[2, 'unit'], [5, 'content'], [7, 'status'], [9, 'received_at']]);
    assert.equal(await countOf(admin, '/feedback'), before);
  });

  test('the legacy file imports its 3 cases, historic closed cases keep their status and dates', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/feedback');
    const r = await admin.post('/imports/feedback', '\ufeff' + w.text, csv);
    const b = expectStatus(r, 200);
    assert.equal(b.total, 3, describeRes(r));
    assert.equal(b.created, 3, describeRes(r));
    assert.equal(await countOf(admin, '/feedback'), before + 3);
    const items = await listAll(admin, '/feedback?from=2023-01-01T00:00:00Z&to=2024-12-31T23:59:59Z');
    const byExt = Object.fromEntries(items.map((x) => [x.external_id, x]));
    const one = byExt['LEG-0001'];
    assert.ok(one, JSON.stringify(items.map((x) => x.external_id)));
    assert.equal(one.status, 'closed');
    assert.equal(Date.parse(one.received_at), Date.parse('2023-03-01T02:00:00Z'));
    assert.equal(Date.parse(one.closed_at), Date.parse('2023-03-10T08:00:00Z'));
    assert.equal(one.resolution, 'Đã lắp thêm quạt');
    assert.equal(one.channel, 'suggestion_box');
    assert.equal(one.unit, w.unit.code);
    assert.equal(one.customer.phone, '+84903111222');
    assert.match(one.reference, /^PH-\d{4}-\d{6}$/);
    const two = byExt['LEG-0002'];
    assert.equal(two.content, w.rows[1].content);
    assert.equal(two.staff, w.staff.employee_code);
    assert.equal(two.status, 'closed');
    const three = byExt['LEG-0003'];
    assert.equal(three.kind, 'praise');
    assert.equal(three.status, 'received', 'an empty status means received');
    assert.equal(new Set(items.map((x) => x.reference)).size, items.length, 'distinct references');
  });

  test('importing the same file again adds nothing', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/feedback');
    const r = await admin.post('/imports/feedback', w.text, csv);
    const b = expectStatus(r, 200);
    assert.equal(b.created, 0, describeRes(r));
    assert.equal(await countOf(admin, '/feedback'), before);
  });

  test('servq import feedback (CLI) imports a file; the cases appear over the API', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/feedback');
    const rows = w.rows.map((r, i) => ({ ...r, external_id: `CLI-${i}` }));
    const file = writeTemp(s.dir, 'legacy-feedback.csv', toCsv(HEADER, rows));
    const r = await runCli(['import', 'feedback', '--db', s.db, file]);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.equal(await countOf(admin, '/feedback'), before + 3);
  });

  test('only admin and quality may import feedback (403 for a head)', async () => {
    const head = await s.makeUser('head', { unit: w.unit.code });
    const rows = [{ ...w.rows[2], external_id: 'HEAD-1' }];
    expectProblem(await head.client.post('/imports/feedback', toCsv(HEADER, rows), csv), 403, 'auth.forbidden');
  });
});
