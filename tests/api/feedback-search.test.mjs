// Feedback search, reference numbers and validation (docs/api.md "Feedback"):
// q is full text — Vietnamese with or without diacritics, Chinese by substring; LIKE
// metacharacters are plain characters; references PH-YYYY-NNNNNN; bad input → 422 naming the field.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, listAll, describeRes,
} from './harness.mjs';

const ids = (items) => items.map((x) => x.id).sort((a, b) => a - b);

suite('feedback search, references and validation', () => {
  const s = useServer();
  const w = {};

  const log = async (fields) => expectStatus(await (await s.admin()).post('/feedback', {
    channel: 'website', kind: 'complaint', category: 'other', severity: 'low', ...fields,
  }), 201);
  const search = async (q) => ids(await listAll(await s.admin(), `/feedback?q=${encodeURIComponent(q)}`));

  before(async () => {
    const admin = await s.admin();
    w.unit = await makeUnit(admin, { code: uid('U'), name: 'Khoa Nhi' });
    w.vi = await log({ content: 'Thái độ nhân viên không tốt' });
    w.zh = await log({ content: '护士态度很差' });
    w.pct = await log({ content: 'Giảm 30% viện phí' });
    w.pctNo = await log({ content: 'Giảm 300 viện phí' });
    w.und = await log({ content: 'Mã lỗi AB_CD trên hóa đơn' });
    w.undNo = await log({ content: 'Mã lỗi ABXCD trên hóa đơn' });
  });

  // ---- 4. search
  for (const q of ['thai do', 'thái độ', 'THAI DO', 'nhân viên']) {
    test(`"Thái độ nhân viên không tốt" is found by q=${q}`, async () => {
      assert.deepEqual(await search(q), [w.vi.id]);
    });
  }
  for (const q of ['态度', '护士', '态度很差', '态']) {
    test(`"护士态度很差" is found by q=${q}`, async () => {
      assert.deepEqual(await search(q), [w.zh.id]);
    });
  }

  test('a query that matches nothing finds nothing', async () => {
    assert.deepEqual(await search('zqxwv khongco'), []);
    assert.deepEqual(await search('态好'), []);
  });

  test('% in q is a literal percent sign', async () => {
    assert.deepEqual(await search('30%'), [w.pct.id]);
    const all = await listAll(await s.admin(), `/feedback?q=${encodeURIComponent('%')}`);
    assert.deepEqual(ids(all), [w.pct.id], JSON.stringify(all.map((x) => x.content)));
  });

  test('_ in q is a literal underscore', async () => {
    assert.deepEqual(await search('AB_CD'), [w.und.id]);
    const all = await listAll(await s.admin(), `/feedback?q=${encodeURIComponent('_')}`);
    assert.deepEqual(ids(all), [w.und.id], JSON.stringify(all.map((x) => x.content)));
  });

  test('q combines with other filters', async () => {
    const admin = await s.admin();
    const praise = await log({ content: 'Thái độ nhân viên rất tốt', kind: 'praise' });
    const r = expectStatus(await admin.get(`/feedback?q=${encodeURIComponent('thai do')}&kind=praise`), 200);
    assert.deepEqual(ids(r.items), [praise.id]);
  });

  // ---- 6. references
  test('references are PH-YYYY-NNNNNN, unique and increasing', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await log({ content: `Tham chiếu ${i}` }));
    const year = new Date().getUTCFullYear();
    let prev = -1;
    for (const f of made) {
      assert.match(f.reference, /^PH-\d{4}-\d{6}$/, f.reference);
      assert.equal(f.reference.slice(3, 7), String(year), `year of ${f.reference} (received ${f.received_at})`);
      const n = Number(f.reference.slice(8));
      assert.ok(n > prev, `${f.reference} after ${prev}`);
      prev = n;
    }
    const all = await listAll(await s.admin(), '/feedback');
    assert.equal(new Set(all.map((x) => x.reference)).size, all.length, 'all references distinct');
  });

  test('10 concurrent creates all succeed with distinct references', async () => {
    const admin = await s.admin();
    const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => admin.post('/feedback', {
      channel: 'email', kind: 'suggestion', content: `Song song ${i}`,
    })));
    for (const r of rs) expectStatus(r, 201);
    const refs = rs.map((r) => r.body.reference);
    assert.equal(new Set(refs).size, 10, refs.join(' '));
    for (const ref of refs) assert.match(ref, /^PH-\d{4}-\d{6}$/);
  });

  // ---- 7. validation
  for (const field of ['channel', 'kind', 'category', 'severity']) {
    test(`an unknown ${field} → 422 naming ${field}`, async () => {
      const admin = await s.admin();
      const r = await admin.post('/feedback', { channel: 'phone', kind: 'complaint', content: 'x', [field]: 'khong_biet' });
      expectProblem(r, 422, undefined, field);
    });
  }

  test('content is required (missing or blank → 422 naming content)', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/feedback', { channel: 'phone', kind: 'complaint' }), 422, undefined, 'content');
    expectProblem(await admin.post('/feedback', { channel: 'phone', kind: 'complaint', content: '   ' }), 422, undefined, 'content');
  });

  test('channel and kind are required', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/feedback', { kind: 'complaint', content: 'x' }), 422, undefined, 'channel');
    expectProblem(await admin.post('/feedback', { channel: 'phone', content: 'x' }), 422, undefined, 'kind');
  });

  test('received_at in the future is refused (422 naming received_at); a past one is kept', async () => {
    const admin = await s.admin();
    const future = new Date(Date.now() + 3 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expectProblem(await admin.post('/feedback', { channel: 'phone', kind: 'complaint', content: 'x', received_at: future }), 422, undefined, 'received_at');
    const past = await log({ content: 'Quá khứ', received_at: '2025-03-04T05:06:07Z' });
    assert.equal(Date.parse(past.received_at), Date.parse('2025-03-04T05:06:07Z'));
  });

  test('an unknown unit or staff → 422 naming the field', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/feedback', { channel: 'phone', kind: 'complaint', content: 'x', unit: 'NO-SUCH-UNIT' }), 422, undefined, 'unit');
    expectProblem(await admin.post('/feedback', { channel: 'phone', kind: 'complaint', content: 'x', staff: 'NO-SUCH-STAFF' }), 422, undefined, 'staff');
  });

  for (const param of ['status', 'kind', 'channel', 'category', 'severity']) {
    test(`list filter ${param} with an unknown value → 422 naming ${param}`, async () => {
      const admin = await s.admin();
      expectProblem(await admin.get(`/feedback?${param}=khong_biet`), 422, undefined, param);
      // one bad value in a comma-separated list is enough
      const good = { status: 'received', kind: 'praise', channel: 'phone', category: 'other', severity: 'low' }[param];
      expectProblem(await admin.get(`/feedback?${param}=${good},khong_biet`), 422, undefined, param);
      expectProblem(await admin.get(`/feedback/counts?by=kind&${param}=khong_biet`), 422, undefined, param);
    });
  }

  test('comma-separated filter values are all applied', async () => {
    const admin = await s.admin();
    const res = await admin.get('/feedback?kind=praise,suggestion&page_size=500');
    const r = expectStatus(res, 200);
    // 1 praise ("q combines …") and 10 suggestions ("10 concurrent creates …")
    assert.equal(r.total, 11, describeRes(res));
    assert.ok(r.items.every((x) => ['praise', 'suggestion'].includes(x.kind)), describeRes(res));
  });

  test('an unknown counts dimension → 422 naming by', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/feedback/counts?by=colour'), 422, undefined, 'by');
  });
});
