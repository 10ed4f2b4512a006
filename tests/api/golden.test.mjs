// Golden responses (issue 12 §1): the restructuring changes no byte a client can see. On the
// demo database made and served at one fixed instant (SERVQ_NOW), a set of GET routes, asked as
// several roles, must answer exactly what tests/golden/api/ holds — on SQLite and PostgreSQL
// alike (one file per route for both). UPDATE_GOLDEN=1 rewrites the files (review the diff!).
// The OpenAPI document is compared with tests/golden/openapi.json the same way.
import { after, before } from 'node:test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite, test, createScratchDb, startServer, runCli, Client, expectStatus, assert } from './harness.mjs';

// A Tuesday morning in Ho Chi Minh City; the demo is made up to this instant.
process.env.SERVQ_NOW = '2026-12-01T09:00:00+07:00';
const HERE = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(HERE, '..', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

// Secrets made at random by the demo (invitation tokens, kiosk codes) are the only values that
// differ between two demos at the same instant; they are replaced by their shape.
function normalise(v, key = '') {
  if (Array.isArray(v)) return v.map((x) => normalise(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x, k)]));
  if (typeof v === 'string' && ['token', 'kiosk_code', 'code'].includes(key) && /^[a-z0-9]{20,}$/.test(v)) return '<random>';
  if (typeof v === 'string' && key === 'url' && /\/s\/[a-z0-9]{20,}/.test(v)) return v.replace(/[a-z0-9]{20,}/, '<random>');
  return v;
}

function compare(name, actual) {
  const file = join(GOLDEN, `${name}.json`);
  const text = `${JSON.stringify(actual, null, 1)}\n`;
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) assert.fail(`no golden file ${file}: run with UPDATE_GOLDEN=1 once and review it`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  const want = readFileSync(file, 'utf8');
  if (want === text) return;
  // Point at the first difference rather than printing two large documents.
  const a = want.split('\n');
  const b = text.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(`${name}: differs from ${file} at line ${i + 1}:\n  golden: ${a[i]}\n  now:    ${b[i]}`);
}

// [golden name, login, path]
const ROUTES = [
  ['overview.quality', 'quality', '/overview'],
  ['overview.head', 'head', '/overview'],
  ['units', 'quality', '/units'],
  ['staff', 'quality', '/staff?page_size=25'],
  ['staff.head', 'head', '/staff?page_size=25'],
  ['customers', 'quality', '/customers?page_size=25'],
  ['customers.search', 'quality', '/customers?q=nguyen&page_size=10'],
  ['customers.duplicates', 'quality', '/customers/duplicates'],
  ['encounters', 'quality', '/encounters?page_size=25'],
  ['encounters.head', 'head', '/encounters?page_size=25'],
  ['feedback', 'quality', '/feedback?page_size=25'],
  ['feedback.search', 'quality', '/feedback?q=thai%20do&page_size=10'],
  ['feedback.overdue', 'quality', '/feedback?overdue=1&page_size=50'],
  ['feedback.head', 'head', '/feedback?page_size=25'],
  ['feedback.auditor', 'auditor', '/feedback?page_size=25'],
  ['feedback.staff', 'staff', '/feedback?page_size=25'],
  ['feedback.counts.unit', 'quality', '/feedback/counts?by=unit'],
  ['feedback.counts.month', 'quality', '/feedback/counts?by=month'],
  ['feedback.counts.category.head', 'head', '/feedback/counts?by=category'],
  ['feedback.counts.bad', 'quality', '/feedback/counts'],
  ['feedback.measures', 'quality', '/feedback/measures'],
  ['feedback.measures.month', 'quality', '/feedback/measures?from=2026-11-01&to=2026-12-01'],
  ['feedback.measures.head', 'head', '/feedback/measures'],
  ['feedback.case1', 'quality', '/feedback/1'],
  ['feedback.case1.auditor', 'auditor', '/feedback/1'],
  ['sla-policies', 'quality', '/sla-policies'],
  ['settings', 'quality', '/settings'],
  ['users', 'admin', '/users'],
  ['audit', 'admin', '/audit?page_size=25'],
  ['survey-templates', 'quality', '/survey-templates'],
  ['surveys', 'quality', '/surveys'],
  ['survey1', 'quality', '/surveys/1'],
  ['survey1.analysis', 'quality', '/surveys/1/analysis'],
  ['survey1.analysis.head', 'head', '/surveys/1/analysis'],
  ['survey1.analysis.unit', 'quality', '/surveys/1/analysis?from=2026-06-01&to=2026-12-01&unit=CN1'],
  ['survey1.analysis.bad', 'quality', '/surveys/1/analysis?from=2026-13-01'],
  ['survey1.ranking', 'quality', '/surveys/1/ranking'],
  ['survey1.comments', 'quality', '/surveys/1/comments?page_size=10'],
  ['survey1.responses', 'quality', '/surveys/1/responses?page_size=10'],
  ['survey2.analysis', 'quality', '/surveys/2/analysis'],
  ['survey3.analysis', 'quality', '/surveys/3/analysis'],
  ['campaigns', 'quality', '/campaigns'],
];

suite('golden responses on the demo at a fixed instant', () => {
  let scratch;
  let server;
  const clients = {};
  before(async () => {
    scratch = createScratchDb();
    const made = await runCli(['demo', '--db', scratch.db], { timeoutMs: 170_000 });
    assert.equal(made.code, 0, made.stderr);
    server = await startServer(scratch.db);
    for (const login of ['admin', 'quality', 'head', 'staff', 'auditor']) {
      clients[login] = new Client(server.url);
      await clients[login].login(login, `servq-demo-${login}`);
    }
    // The deadline job runs once at start-up and escalates the overdue cases; wait for it, so
    // that what follows reads a database nothing else writes to (the clock stands still).
    const q = clients.quality;
    const overdue = expectStatus(await q.get('/feedback?overdue=1&page_size=100'), 200).items;
    for (let i = 0; i < 100; i++) {
      let done = 0;
      for (const c of overdue) {
        const full = expectStatus(await q.get(`/feedback/${c.id}`), 200);
        if (full.timeline.some((e) => e.action === 'auto_escalate')) done++;
      }
      if (done === overdue.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(async () => {
    await server?.stop();
    scratch?.drop();
  });

  test('the OpenAPI document is the golden one', async () => {
    const r = expectStatus(await new Client(server.url).get('/openapi.json'), 200);
    compare('openapi', r);
  });

  for (const [name, login, path] of ROUTES) {
    test(`GET ${path} as ${login} answers the golden response`, async () => {
      const r = await clients[login].get(path);
      compare(`api/${name}`, { status: r.status, body: normalise(r.body) });
    });
  }
});
