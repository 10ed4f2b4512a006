// Feedback workflow (docs/api.md "Feedback" → "Workflow", "Notifications"): the transition
// table, who may take each action, allowed_actions, the timeline, callback attempts and notifications.
// World: ROOT → BR → {DA, DB}. recv = staff user (employee SR in DA) who logs cases; other =
// staff user (employee SO in DA); headA heads DA, headB heads DB; quality, director, auditor.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff, describeRes, listAll,
} from './harness.mjs';

const ACTIONS = ['verify', 'mark_unfounded', 'accept', 'escalate', 'resolve', 'callback', 'close_unreachable', 'close'];
// The status each action applies to (api.md transition table).
const FROM = {
  verify: 'received', mark_unfounded: 'verifying', accept: 'verifying', escalate: 'in_progress',
  resolve: 'in_progress', callback: 'resolved', close_unreachable: 'resolved', close: 'unfounded',
};
const STATUSES = ['received', 'verifying', 'unfounded', 'in_progress', 'resolved', 'closed'];
const isoNow = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d+Z$/, 'Z');
// Each action with the fields it needs, so that a refusal is about the rule, not a missing field.
const body = (action, extra = {}) => ({
  action,
  note: `note ${action}`,
  ...(action === 'mark_unfounded' ? { explanation: 'Đã kiểm tra camera, không có sự việc' } : {}),
  ...(action === 'resolve' ? { resolution: 'Đã xin lỗi và nhắc nhở nhân viên' } : {}),
  ...(action === 'callback' ? { outcome: 'satisfied', called_at: isoNow(-2000) } : {}),
  ...extra,
});
const act = (client, id, action, extra) => client.post(`/feedback/${id}/transitions`, body(action, extra));

suite('feedback workflow', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
    w.br = await makeUnit(admin, { code: uid('BR'), name: 'Chi nhánh 1', parent: w.root.code });
    w.da = await makeUnit(admin, { code: uid('DA'), name: 'Khoa Nội', parent: w.br.code });
    w.db = await makeUnit(admin, { code: uid('DB'), name: 'Khoa Ngoại', parent: w.br.code });
    w.sr = await makeStaff(admin, { unit: w.da.code, name: 'Lê Thị Lễ Tân' });
    w.so = await makeStaff(admin, { unit: w.da.code, name: 'Phạm Văn Khác' });
    w.recv = await s.makeUser('staff', { unit: w.da.code, employee_code: w.sr.employee_code });
    w.other = await s.makeUser('staff', { unit: w.da.code, employee_code: w.so.employee_code });
    w.headA = await s.makeUser('head', { unit: w.da.code });
    w.headB = await s.makeUser('head', { unit: w.db.code });
    w.quality = await s.makeUser('quality');
    w.director = await s.makeUser('director');
    w.auditor = await s.makeUser('auditor');
  });

  /** Logs a complaint about DA as `client` (default: recv); returns the case. */
  async function logCase(client = w.recv.client, fields = {}) {
    const r = await client.post('/feedback', {
      channel: 'phone', kind: 'complaint', category: 'attitude', severity: 'medium', unit: w.da.code,
      customer: { name: 'Nguyễn Văn Khách', phone: '0913555000', address: '5 Hai Bà Trưng' },
      content: `Nhân viên trả lời cộc lốc ${uid('K')}`, ...fields,
    });
    return expectStatus(r, 201);
  }
  async function ok(client, id, action, extra) {
    const r = await act(client, id, action, extra);
    return expectStatus(r, 200);
  }
  const get = async (client, id) => expectStatus(await client.get(`/feedback/${id}`), 200);

  /** A fresh case received by `receiver`, brought to `status` by quality (plus escalated when asked). */
  async function caseIn(status, { receiver = w.recv.client, escalated = false } = {}) {
    const c = await logCase(receiver);
    const q = w.quality.client;
    const path = {
      received: [], verifying: ['verify'], unfounded: ['verify', 'mark_unfounded'], in_progress: ['verify', 'accept'],
      resolved: ['verify', 'accept', 'resolve'], closed: ['verify', 'accept', 'resolve', 'callback'],
    }[status];
    for (const a of path) {
      if (a === 'resolve' && escalated) await ok(q, c.id, 'escalate');
      await ok(q, c.id, a);
    }
    if (escalated && status === 'in_progress') await ok(q, c.id, 'escalate');
    const got = await get(q, c.id);
    assert.equal(got.status, status);
    return got;
  }

  // ------------------------------------------------------------------ 1. the loops
  test('full loop: verify, accept, escalate, head resolves, not_satisfied reopens, resolve again, satisfied closes', async () => {
    const R = w.recv.client;
    const c = await logCase(R);
    assert.equal(c.status, 'received');
    assert.equal(c.receiver, w.recv.login);
    assert.equal(c.handler, 'receiver');
    assert.equal(c.reopen_count, 0);

    let x = await ok(R, c.id, 'verify');
    assert.equal(x.status, 'verifying');
    assert.ok(x.acknowledged_at, 'verify acknowledges the case');
    x = await ok(R, c.id, 'accept');
    assert.equal(x.status, 'in_progress');
    assert.equal(x.handler, 'receiver');
    x = await ok(R, c.id, 'escalate');
    assert.equal(x.status, 'in_progress');
    assert.equal(x.handler, 'unit_head');
    x = await ok(w.headA.client, c.id, 'resolve', { resolution: 'Trưởng khoa đã gặp khách' });
    assert.equal(x.status, 'resolved');
    assert.equal(x.resolution, 'Trưởng khoa đã gặp khách');
    assert.ok(x.resolved_at && x.callback_due, `resolved_at and callback_due set: ${JSON.stringify(x)}`);
    x = await ok(R, c.id, 'callback', { outcome: 'not_satisfied' });
    assert.equal(x.status, 'in_progress');
    assert.equal(x.reopen_count, 1);
    // resolved again by whoever handles it now (the contract does not say whether reopening keeps the escalation)
    const handlerClient = x.handler === 'unit_head' ? w.headA : w.recv;
    x = await ok(handlerClient.client, c.id, 'resolve', { resolution: 'Hoàn phí khám' });
    assert.equal(x.status, 'resolved');
    assert.equal(x.resolution, 'Hoàn phí khám');
    x = await ok(R, c.id, 'callback', { outcome: 'satisfied' });
    assert.equal(x.status, 'closed');
    assert.ok(x.closed_at, 'closed_at set');
    assert.equal(x.reopen_count, 1);

    const g = await get(w.quality.client, c.id);
    const steps = g.timeline.map((t) => [t.action, t.actor, t.from_status, t.to_status]);
    assert.deepEqual(steps, [
      ['receive', w.recv.login, null, 'received'],
      ['verify', w.recv.login, 'received', 'verifying'],
      ['accept', w.recv.login, 'verifying', 'in_progress'],
      ['escalate', w.recv.login, 'in_progress', 'in_progress'],
      ['resolve', w.headA.login, 'in_progress', 'resolved'],
      ['callback', w.recv.login, 'resolved', 'in_progress'],
      ['resolve', handlerClient.login, 'in_progress', 'resolved'],
      ['callback', w.recv.login, 'resolved', 'closed'],
    ], JSON.stringify(g.timeline));
    let prev = 0;
    for (const t of g.timeline) {
      assert.match(String(t.at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `timeline time ${JSON.stringify(t)}`);
      const at = Date.parse(t.at);
      assert.ok(at >= prev && Math.abs(at - Date.now()) < 120_000, `timeline times in order and now: ${JSON.stringify(g.timeline)}`);
      prev = at;
    }
    assert.equal(g.timeline[1].note, 'note verify', 'the note is kept');
    assert.deepEqual(g.allowed_actions, []);
  });

  test('mark_unfounded without explanation → 422 naming explanation; with it → unfounded, then close', async () => {
    const R = w.recv.client;
    const c = await logCase(R);
    await ok(R, c.id, 'verify');
    const r = await R.post(`/feedback/${c.id}/transitions`, { action: 'mark_unfounded', note: 'x' });
    expectProblem(r, 422, undefined, 'explanation');
    assert.equal((await get(R, c.id)).status, 'verifying', 'nothing changed');
    const x = await ok(R, c.id, 'mark_unfounded', { explanation: 'Khách nhầm phòng khám' });
    assert.equal(x.status, 'unfounded');
    assert.equal(x.unfounded_explanation, 'Khách nhầm phòng khám');
    const y = await ok(R, c.id, 'close');
    assert.equal(y.status, 'closed');
    assert.ok(y.closed_at);
    const g = await get(R, c.id);
    assert.deepEqual(g.timeline.map((t) => t.action), ['receive', 'verify', 'mark_unfounded', 'close']);
  });

  test('resolve without resolution → 422 naming resolution', async () => {
    const c = await caseIn('in_progress');
    expectProblem(await w.recv.client.post(`/feedback/${c.id}/transitions`, { action: 'resolve' }), 422, undefined, 'resolution');
    assert.equal((await get(w.recv.client, c.id)).status, 'in_progress');
  });

  test('unreachable callbacks are counted; close_unreachable is refused (409) until callback_max_attempts is reached', async () => {
    const admin = await s.admin();
    const pol = expectStatus(await admin.get('/sla-policies'), 200);
    expectStatus(await admin.put('/sla-policies', { ...pol, callback_max_attempts: 2 }), 200);
    assert.equal(expectStatus(await admin.get('/sla-policies'), 200).callback_max_attempts, 2);
    const R = w.recv.client;
    const c = await caseIn('resolved');
    let p = expectProblem(await act(R, c.id, 'close_unreachable'), 409, 'feedback.transition_not_allowed');
    assert.match(p.detail, /close_unreachable/);
    let x = await ok(R, c.id, 'callback', { outcome: 'unreachable' });
    assert.equal(x.status, 'resolved');
    assert.equal(x.callback_attempts, 1);
    assert.ok(!x.allowed_actions.includes('close_unreachable'), JSON.stringify(x.allowed_actions));
    p = expectProblem(await act(R, c.id, 'close_unreachable'), 409, 'feedback.transition_not_allowed');
    assert.match(p.detail, /close_unreachable/);
    x = await ok(R, c.id, 'callback', { outcome: 'unreachable' });
    assert.equal(x.status, 'resolved');
    assert.equal(x.callback_attempts, 2);
    assert.ok(x.allowed_actions.includes('close_unreachable'), JSON.stringify(x.allowed_actions));
    x = await ok(R, c.id, 'close_unreachable');
    assert.equal(x.status, 'closed');
    const g = await get(R, c.id);
    assert.deepEqual(g.timeline.map((t) => [t.action, t.to_status]).slice(-3),
      [['callback', 'resolved'], ['callback', 'resolved'], ['close_unreachable', 'closed']]);
  });

  test('a callback with an unknown outcome → 422 naming outcome', async () => {
    const c = await caseIn('resolved');
    expectProblem(await act(w.recv.client, c.id, 'callback', { outcome: 'maybe' }), 422, undefined, 'outcome');
    assert.equal((await get(w.recv.client, c.id)).status, 'resolved');
  });

  // ------------------------------------------------------------------ 2. refusals
  for (const status of STATUSES) {
    const refused = ACTIONS.filter((a) => FROM[a] !== status);
    test(`from ${status}, ${refused.join(', ')} are refused with 409 feedback.transition_not_allowed naming action and required status`, async () => {
      const c = await caseIn(status, { receiver: w.quality.client });
      for (const a of refused) {
        const r = await act(w.quality.client, c.id, a);
        const p = expectProblem(r, 409, 'feedback.transition_not_allowed');
        assert.ok(String(p.detail).includes(a), `detail names the action ${a}: ${describeRes(r)}`);
        assert.ok(String(p.detail).includes(FROM[a]), `detail names the required status ${FROM[a]}: ${describeRes(r)}`);
      }
      const g = await get(w.quality.client, c.id);
      assert.equal(g.status, status);
      assert.equal(g.timeline.length, c.timeline.length, 'no timeline entries added');
    });
  }

  test('an unknown action is refused (4xx problem) and changes nothing', async () => {
    const c = await logCase();
    const r = await w.quality.client.post(`/feedback/${c.id}/transitions`, { action: 'teleport' });
    assert.ok([409, 422].includes(r.status), describeRes(r));
    expectProblem(r, r.status);
    assert.equal((await get(w.quality.client, c.id)).status, 'received');
  });

  test('the receiver may not resolve an escalated case (403 feedback.actor_not_allowed); the unit head may', async () => {
    const c = await caseIn('in_progress', { escalated: true });
    assert.equal(c.handler, 'unit_head');
    expectProblem(await act(w.recv.client, c.id, 'resolve'), 403, 'feedback.actor_not_allowed');
    assert.equal((await get(w.recv.client, c.id)).status, 'in_progress');
    assert.equal((await ok(w.headA.client, c.id, 'resolve')).status, 'resolved');
  });

  test('a head of another unit who received a case about A may not resolve it once escalated (403 feedback.actor_not_allowed)', async () => {
    const c = await logCase(w.headB.client);
    assert.equal(c.unit, w.da.code);
    await ok(w.headB.client, c.id, 'verify');
    await ok(w.headB.client, c.id, 'accept');
    await ok(w.headB.client, c.id, 'escalate');
    expectProblem(await act(w.headB.client, c.id, 'resolve'), 403, 'feedback.actor_not_allowed');
    assert.equal((await get(w.quality.client, c.id)).status, 'in_progress');
  });

  test('a unit head may not escalate, call back or close (receiver and quality only): 403 feedback.actor_not_allowed', async () => {
    const inProg = await caseIn('in_progress');
    expectProblem(await act(w.headA.client, inProg.id, 'escalate'), 403, 'feedback.actor_not_allowed');
    const resolved = await caseIn('resolved');
    expectProblem(await act(w.headA.client, resolved.id, 'callback'), 403, 'feedback.actor_not_allowed');
    const unfounded = await caseIn('unfounded');
    expectProblem(await act(w.headA.client, unfounded.id, 'close'), 403, 'feedback.actor_not_allowed');
    assert.equal((await get(w.quality.client, inProg.id)).handler, 'receiver');
    assert.equal((await get(w.quality.client, resolved.id)).status, 'resolved');
    assert.equal((await get(w.quality.client, unfounded.id)).status, 'unfounded');
  });

  test('a director reads a case but may not take any action (403 feedback.actor_not_allowed)', async () => {
    const c = await logCase();
    const g = await get(w.director.client, c.id);
    assert.deepEqual(g.allowed_actions, []);
    expectProblem(await act(w.director.client, c.id, 'verify'), 403, 'feedback.actor_not_allowed');
    assert.equal((await get(w.quality.client, c.id)).status, 'received');
  });

  test('a staff user who is not the receiver (the case is about them) may not verify it (403 feedback.actor_not_allowed)', async () => {
    const c = await logCase(w.quality.client, { staff: w.so.employee_code });
    const g = await get(w.other.client, c.id); // about themselves: visible
    assert.deepEqual(g.allowed_actions, []);
    expectProblem(await act(w.other.client, c.id, 'verify'), 403, 'feedback.actor_not_allowed');
    assert.equal((await get(w.quality.client, c.id)).status, 'received');
  });

  // allowed_actions for the caller matches exactly the actions that succeed.
  const combos = [
    ...STATUSES.map((st) => ['quality', st, false]),
    ['recv', 'received', false], ['recv', 'verifying', false], ['recv', 'in_progress', false],
    ['recv', 'in_progress', true], ['recv', 'resolved', false], ['recv', 'unfounded', false],
    ['headA', 'received', false], ['headA', 'verifying', false], ['headA', 'in_progress', false],
    ['headA', 'in_progress', true], ['headA', 'resolved', false],
  ];
  for (const [who, status, escalated] of combos) {
    test(`allowed_actions of ${who} on a ${status}${escalated ? ' escalated' : ''} case is exactly what succeeds`, async () => {
      const client = w[who].client;
      let expected = null;
      const mismatches = [];
      for (const a of ACTIONS) {
        const c = await caseIn(status, { escalated });
        const allowed = (await get(client, c.id)).allowed_actions;
        assert.ok(Array.isArray(allowed), 'allowed_actions is a list');
        if (expected === null) expected = allowed;
        const r = await act(client, c.id, a);
        if (allowed.includes(a) && r.status !== 200) mismatches.push(`${a} listed but ${r.status} ${r.text.slice(0, 200)}`);
        if (!allowed.includes(a)) {
          if (r.status === 200) mismatches.push(`${a} not listed but succeeded`);
          else expectProblem(r, r.status === 403 ? 403 : 409, r.status === 403 ? 'feedback.actor_not_allowed' : 'feedback.transition_not_allowed');
        }
      }
      assert.deepEqual(mismatches, [], `allowed_actions ${JSON.stringify(expected)}`);
      if (who === 'quality') {
        // quality may take every action, so the list is the transition table's row (no callback attempts yet)
        const row = ACTIONS.filter((a) => FROM[a] === status && a !== 'close_unreachable');
        assert.deepEqual([...expected].sort(), row.sort());
      }
    });
  }

  test('mine=true for quality lists the cases awaiting a callback', async () => {
    const resolved = await caseIn('resolved');
    const open = await caseIn('in_progress');
    const mine = await listAll(w.quality.client, '/feedback?mine=true');
    const idsMine = mine.map((x) => x.id);
    assert.ok(idsMine.includes(resolved.id), 'a resolved case awaits a callback');
    assert.ok(!idsMine.includes(open.id), 'an in-progress case handled by its receiver is not waiting on quality');
    assert.ok(mine.every((x) => x.status === 'resolved' || x.receiver === w.quality.login),
      JSON.stringify(mine.map((x) => [x.reference, x.status, x.receiver])));
  });

  // ------------------------------------------------------------------ 9. notifications
  test('a notification is stored and appears in GET with actor and time', async () => {
    const c = await caseIn('resolved');
    const r = await w.recv.client.post(`/feedback/${c.id}/notifications`, {
      channel: 'letter', kind: 'corrective_measures', content: 'Kính gửi Quý khách, chúng tôi đã chấn chỉnh…',
    });
    const n = expectStatus(r, 201);
    assert.equal(typeof n.id, 'number', describeRes(r));
    const g = await get(w.quality.client, c.id);
    assert.equal(g.notifications.length, 1, JSON.stringify(g.notifications));
    const got = g.notifications[0];
    assert.equal(got.channel, 'letter');
    assert.equal(got.kind, 'corrective_measures');
    assert.equal(got.content, 'Kính gửi Quý khách, chúng tôi đã chấn chỉnh…');
    assert.equal(got.actor, w.recv.login);
    assert.ok(Math.abs(Date.parse(got.at) - Date.now()) < 120_000, `at is now: ${got.at}`);
  });

  test('a notification keeps a given `at`', async () => {
    const c = await logCase();
    expectStatus(await w.quality.client.post(`/feedback/${c.id}/notifications`, {
      channel: 'phone', kind: 'evaluation', content: 'Đã gọi báo kết quả', at: '2026-01-10T03:00:00Z',
    }), 201);
    const n = (await get(w.quality.client, c.id)).notifications[0];
    assert.equal(Date.parse(n.at), Date.parse('2026-01-10T03:00:00Z'));
    assert.equal(n.actor, w.quality.login);
  });

  test('an auditor cannot add a notification (403) and none is stored', async () => {
    const c = await logCase();
    const r = await w.auditor.client.post(`/feedback/${c.id}/notifications`, { channel: 'sms', kind: 'other', content: 'x' });
    expectProblem(r, 403);
    assert.deepEqual((await get(w.quality.client, c.id)).notifications, []);
  });

  test('a notification with an unknown channel → 422 naming channel', async () => {
    const c = await logCase();
    expectProblem(await w.recv.client.post(`/feedback/${c.id}/notifications`, { channel: 'pigeon', kind: 'other', content: 'x' }), 422, undefined, 'channel');
  });
});
