// Deadlines (docs/api.md "Feedback" → "Deadlines (F3)"): due times from /sla-policies; the server
// job (--sla-interval 1 here) flags overdue cases and escalates them to the unit head
// (timeline action auto_escalate, actor system); measures count the late case against the unit.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, listAll, describeRes,
} from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

suite('feedback deadlines', () => {
  const s = useServer({ serveArgs: ['--sla-interval', '1'] });
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
    w.ua = await makeUnit(admin, { code: uid('UA'), name: 'Khoa Nội', parent: w.root.code });
    w.head = await s.makeUser('head', { unit: w.ua.code });
    w.quality = await s.makeUser('quality');
  });

  const complaint = async (client, content) => expectStatus(await client.post('/feedback', {
    channel: 'phone', kind: 'complaint', category: 'waiting_time', severity: 'medium', unit: w.ua.code, content,
  }), 201);
  const measureA = async () => {
    const r = await (await s.admin()).get('/feedback/measures?group=unit');
    const b = expectStatus(r, 200);
    return b.items.find((x) => x.key === w.ua.code);
  };

  test('a head may not change the deadlines (403)', async () => {
    const pol = expectStatus(await w.head.client.get('/sla-policies'), 200);
    expectProblem(await w.head.client.put('/sla-policies', pol), 403);
  });

  test('PUT /sla-policies sets complaint/medium to acknowledge 0.02 min, resolve 0.05 min', async () => {
    const q = w.quality.client;
    const pol = expectStatus(await q.get('/sla-policies'), 200);
    const items = pol.items.map((p) => (p.kind === 'complaint' && p.severity === 'medium'
      ? { ...p, acknowledge_minutes: 0.02, resolve_minutes: 0.05 } : p));
    expectStatus(await q.put('/sla-policies', { ...pol, items }), 200);
    const got = expectStatus(await q.get('/sla-policies'), 200).items.find((p) => p.kind === 'complaint' && p.severity === 'medium');
    assert.equal(got.acknowledge_minutes, 0.02);
    assert.equal(got.resolve_minutes, 0.05);
  });

  test('a complaint resolved in time counts as on time for its unit', async () => {
    const admin = await s.admin();
    const c = await complaint(admin, 'Chờ lâu nhưng đã xử lý kịp');
    const due = Date.parse(c.resolve_due) - Date.parse(c.received_at);
    assert.ok(due >= 2000 && due <= 4000, `resolve_due 3 s after received_at: ${c.received_at} → ${c.resolve_due}`);
    for (const a of ['verify', 'accept']) expectStatus(await admin.post(`/feedback/${c.id}/transitions`, { action: a }), 200);
    const x = expectStatus(await admin.post(`/feedback/${c.id}/transitions`, { action: 'resolve', resolution: 'Đã xin lỗi' }), 200);
    assert.equal(x.status, 'resolved');
    assert.equal(x.overdue, false);
    w.onTime = c;
    w.before = await measureA();
    assert.ok(w.before, 'unit A has measures');
    assert.equal(w.before.resolved_on_time, 1, JSON.stringify(w.before));
    assert.equal(w.before.on_time_rate, 1, JSON.stringify(w.before));
  });

  test('an untouched complaint becomes overdue and is auto-escalated to the unit head by the server job', { timeout: 30_000 }, async () => {
    const admin = await s.admin();
    const c = await complaint(admin, 'Chờ khám hơn 3 tiếng, không ai giải thích');
    w.late = c;
    assert.equal(c.overdue, false);
    // Poll the overdue list (never GET /feedback/{id}) until the job has escalated it.
    let item = null;
    const t0 = Date.now();
    while (Date.now() - t0 < 15_000) {
      const items = await listAll(admin, '/feedback?overdue=true');
      item = items.find((x) => x.id === c.id);
      if (item && item.handler === 'unit_head' && item.overdue_reasons.includes('resolve')) break;
      await sleep(500);
    }
    assert.ok(item, `case ${c.reference} listed with overdue=true within 15 s`);
    assert.equal(item.overdue, true);
    assert.ok(item.overdue_reasons.includes('acknowledge'), JSON.stringify(item.overdue_reasons));
    assert.ok(item.overdue_reasons.includes('resolve'), JSON.stringify(item.overdue_reasons));
    assert.equal(item.handler, 'unit_head', JSON.stringify(item));
    const onTimeListed = (await listAll(admin, '/feedback?overdue=true')).some((x) => x.id === w.onTime.id);
    assert.equal(onTimeListed, false, 'the case resolved in time is not overdue');
  });

  test('the timeline of the late case has auto_escalate by system, once', async () => {
    assert.ok(w.late, 'depends on the previous test');
    await sleep(2000); // two more job runs
    const admin = await s.admin();
    const g = expectStatus(await admin.get(`/feedback/${w.late.id}`), 200);
    const autos = g.timeline.filter((t) => t.action === 'auto_escalate');
    assert.equal(autos.length, 1, JSON.stringify(g.timeline));
    assert.equal(autos[0].actor, 'system');
    assert.ok(Date.parse(autos[0].at) >= Date.parse(g.received_at), JSON.stringify(autos[0]));
    assert.equal(g.handler, 'unit_head');
    assert.equal(g.overdue, true);
  });

  test('the escalated late case is waiting on the unit head (mine=true)', async () => {
    const mine = await listAll(w.head.client, '/feedback?mine=true');
    assert.ok(mine.some((x) => x.id === w.late.id), JSON.stringify(mine.map((x) => x.reference)));
  });

  test("measures by unit: A's on-time rate drops below the rate before the late case", async () => {
    assert.ok(w.before && w.late, 'depends on the previous tests');
    const after = await measureA();
    assert.equal(after.complaints, 2, JSON.stringify(after));
    assert.ok(typeof after.on_time_rate === 'number' && after.on_time_rate < w.before.on_time_rate,
      `on_time_rate before ${w.before.on_time_rate}, after ${after.on_time_rate}: ${JSON.stringify(after)}`);
  });
});
