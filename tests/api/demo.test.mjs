// The demo at first start is made relative to the day it is made (issue 11 §2): a year of visits
// up to a few hours ago, and a queue that looks like a normal day — a few cases near or past a
// deadline, not hundreds escalated in the first minute (the fixed-date demo of November 2026 had
// 531 overdue cases when started in December).
import { after, before } from 'node:test';
import { suite, test, createScratchDb, startServer, runCli, Client, expectStatus, assert } from './harness.mjs';

const DAY = 86_400_000;

suite('demo relative to the current date', () => {
  let scratch;
  let server;
  let quality;
  before(async () => {
    scratch = createScratchDb();
    const made = await runCli(['demo', '--db', scratch.db], { timeoutMs: 170_000 });
    assert.equal(made.code, 0, made.stderr);
    server = await startServer(scratch.db, { extraArgs: ['--sla-interval', '1'] });
    quality = new Client(server.url);
    await quality.login('quality', 'servq-demo-quality');
  });
  after(async () => {
    await server?.stop();
    scratch?.drop();
  });

  test('the visits run from about a year ago up to today', async () => {
    const newest = expectStatus(await quality.get('/encounters?page_size=1'), 200).items[0];
    const age = Date.now() - Date.parse(newest.started_at);
    assert.ok(age >= 0 && age < DAY, `newest visit ${newest.started_at} is within the last day`);
    const months = expectStatus(await quality.get('/overview'), 200).encounters_by_month.map((m) => m.month);
    assert.ok(months.length >= 12, `a year of months: ${months}`);
  });

  test('only a few cases are past a deadline, and the deadline job escalates only those', async () => {
    const overdue = expectStatus(await quality.get('/feedback?overdue=1&page_size=100'), 200);
    assert.ok(overdue.total >= 1 && overdue.total <= 10, `${overdue.total} overdue cases (a few, to show what one looks like)`);
    const open = expectStatus(await quality.get('/feedback?status=received,verifying,in_progress&page_size=1'), 200);
    assert.ok(open.total >= 5, `${open.total} cases still being handled`);
    // The deadline job (every second here) escalates each overdue case once: within a few seconds
    // every one of them has its `auto_escalate`, and no case that was not overdue has one.
    const ids = new Set(overdue.items.map((c) => c.id));
    let escalated = [];
    for (let i = 0; i < 50; i++) {
      escalated = [];
      for (const c of overdue.items) {
        const full = expectStatus(await quality.get(`/feedback/${c.id}`), 200);
        if (full.timeline.some((e) => e.action === 'auto_escalate')) escalated.push(c.id);
      }
      if (escalated.length === ids.size) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(escalated.length, ids.size, 'the job escalated the overdue cases');
    const after = expectStatus(await quality.get('/feedback?overdue=1&page_size=100'), 200);
    assert.deepEqual(new Set(after.items.map((c) => c.id)), ids, 'and nothing else became overdue');
  });
});
