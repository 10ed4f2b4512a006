// Black-box test harness for the servq JSON API (docs/api.md is the contract).
// Each test file gets its own world: a scratch database (SQLite file or a fresh PostgreSQL
// database), an admin made with the CLI, and a `servq serve` on a kernel-chosen port.
// The backend comes from SERVQ_TEST_DB=sqlite|postgresql; every suite and test name is
// prefixed with [sqlite] / [postgresql] so the output names the backend.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, accessSync, constants as fsc } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { validatorFor, record as recordValidation } from './openapi-validator.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVQ = process.env.SERVQ_BIN || join(REPO, 'build', 'servq');
export const BACKEND = process.env.SERVQ_TEST_DB || 'sqlite';
if (!['sqlite', 'postgresql'].includes(BACKEND)) {
  throw new Error(`SERVQ_TEST_DB must be sqlite or postgresql, not ${BACKEND}`);
}
const PG_URL = process.env.SERVQ_TEST_PG_URL;
if (BACKEND === 'postgresql' && !PG_URL) {
  throw new Error('SERVQ_TEST_DB=postgresql needs SERVQ_TEST_PG_URL (see tests/api/run.sh)');
}

export const tag = (name) => `[${BACKEND}] ${name}`;
/** describe() whose name carries the backend. */
export const suite = (name, fn) => describe(tag(name), fn);
/** it() whose name carries the backend. Options (e.g. {timeout}) may come second. */
export const test = (name, optsOrFn, maybeFn) =>
  maybeFn ? it(tag(name), optsOrFn, maybeFn) : it(tag(name), optsOrFn);

let seq = 0;
/** A short code unique within this process run, e.g. uid('U') → 'U1A2B3C4'. */
export const uid = (prefix = 'X') =>
  `${prefix}${(++seq).toString(36).toUpperCase()}${randomBytes(3).toString('hex').toUpperCase()}`;

// ---------------------------------------------------------------------------- databases
function psql(url, sql) {
  return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Creates a scratch database; returns {db, drop()} where db is what `--db` takes. */
export function createScratchDb() {
  if (BACKEND === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'servq-api-'));
    return { db: join(dir, 'servq.db'), dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `servq_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  psql(PG_URL, `CREATE DATABASE ${name}`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'servq-api-'));
  return {
    db: u.toString(),
    dir,
    drop: () => {
      try {
        psql(PG_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// ---------------------------------------------------------------------------- CLI
/**
 * Spawns servq once it can be executed: while it is being relinked, spawn fails with
 * EACCES/ETXTBSY/ENOEXEC/ENOENT for a moment, so retry for up to 60 s. Resolves the process.
 */
export async function spawnServq(args, options) {
  for (let i = 0; ; i++) {
    await waitForBinary();
    const proc = spawn(SERVQ, args, options);
    const err = await new Promise((res) => {
      proc.once('spawn', () => res(null));
      proc.once('error', (e) => res(e));
    });
    if (!err) return proc;
    if (!['EACCES', 'ETXTBSY', 'ENOEXEC', 'ENOENT'].includes(err.code) || i >= 120) throw err;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Waits (up to 60 s) until build/servq is executable: it may be being relinked right now. */
export async function waitForBinary() {
  for (let i = 0; ; i++) {
    try {
      accessSync(SERVQ, fsc.X_OK);
      return;
    } catch (e) {
      if (i >= 120) throw new Error(`${SERVQ} is not executable: ${e.message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Runs `servq ARGS` to completion; returns {code, signal, stdout, stderr}. */
export async function runCli(args, { input, timeoutMs = 120_000 } = {}) {
  const p = await spawnServq(args, { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((res, rej) => {
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', rej);
    p.on('close', (code, signal) => {
      clearTimeout(t);
      res({ code, signal, stdout, stderr });
    });
    // A child that exits (or closes its stdin) before reading it makes the write fail with EPIPE;
    // that is no failure of the run: its exit code and output tell what happened.
    p.stdin.on('error', () => {});
    try {
      p.stdin.end(input ?? '');
    } catch (e) {
      if (e.code !== 'EPIPE') throw e;
    }
  });
}

export async function addUserCli(db, { login, password, role, unit, name }) {
  const args = ['user', 'add', '--db', db, '--login', login, '--role', role];
  if (unit) args.push('--unit', unit);
  if (name) args.push('--name', name);
  args.push('--password-stdin');
  const r = await runCli(args, { input: password });
  if (r.code !== 0) {
    throw new Error(`servq ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
  }
}

// ---------------------------------------------------------------------------- server
// Servers still running when this test process exits (a crash, Ctrl-C) are killed with it.
const live = new Set();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

/** Starts `servq serve` on 127.0.0.1:0; resolves {url, proc, stop()} once it printed its port. */
export async function startServer(db, { extraArgs = [], timeoutMs = 20_000 } = {}) {
  const proc = await spawnServq(['serve', '--db', db, '--listen', '127.0.0.1:0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((res, rej) => {
    live.add(proc);
    proc.once('exit', () => live.delete(proc));
    let out = '';
    let err = '';
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      proc.kill('SIGKILL');
      rej(new Error(`servq serve: ${why}\nstdout: ${out}\nstderr: ${err.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`no "listening" line within ${timeoutMs} ms`), timeoutMs);
    proc.stderr.on('data', (d) => {
      if (err.length < 1_000_000) err += d;
    });
    proc.stdout.on('data', (d) => {
      if (out.length < 1_000_000) out += d; // kept after the first line too: tests read later output
      if (settled) return;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const first = out.slice(0, nl);
      const m = /^servq listening on (http:\/\/127\.0\.0\.1:(\d+))\s*$/.exec(first);
      clearTimeout(timer);
      if (!m) return fail(`first stdout line is not "servq listening on http://127.0.0.1:PORT": ${JSON.stringify(first)}`);
      settled = true;
      // The server's OpenAPI document, fetched once: every response a Client receives is checked against it.
      const documented = validatorFor(m[1]);
      let stopping = false;
      let died = null;
      const exited = new Promise((r) => proc.once('exit', (code, signal) => {
        if (!stopping) died = { code, signal };
        r({ code, signal });
      }));
      documented.then(() => res({
        url: m[1],
        proc,
        stderr: () => err,
        stdout: () => out,
        /** Why the server is gone, when it exited without being asked to ('' otherwise). */
        death: () => (died ? `\nservq serve exited unexpectedly (code ${died.code}, signal ${died.signal}); stderr tail:\n${err.slice(-3000)}` : ''),
        async stop() {
          if (proc.exitCode !== null || proc.signalCode !== null) return;
          stopping = true;
          proc.kill('SIGTERM');
          const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
          const r = await exited;
          clearTimeout(killer);
          return r;
        },
      }), (e) => {
        proc.kill('SIGKILL');
        rej(new Error(`servq serve: GET /api/v1/openapi.json failed: ${e.message}\nstderr: ${err.slice(-4000)}`));
      });
    });
    proc.on('error', (e) => fail(e.message));
    proc.on('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

// ---------------------------------------------------------------------------- HTTP client
const MUTATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** A browser-like client: keeps its own cookies and sends X-CSRF-Token on mutations. */
export class Client {
  constructor(base, { bearer, diagnose, violations } = {}) {
    this.base = base;
    this.diagnose = diagnose || (() => '');
    this.cookies = new Map();
    this.csrf = null;
    this.bearer = bearer ?? null;
    this.violations = violations ?? [];
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * request(method, path, body?, opts?) → {status, headers, body, text, method, path}
   * path is relative to /api/v1 unless it starts with /api/ or /metrics.
   * body: object → JSON; string/Buffer → sent as is (set opts.contentType).
   * opts: {headers, contentType, csrf: false|string}
   */
  async request(method, path, body, opts = {}) {
    const full = path.startsWith('/api/') || path.startsWith('/metrics') ? path : `/api/v1${path}`;
    const headers = { ...(opts.headers || {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (MUTATING.has(method) && opts.csrf !== false) {
      const token = typeof opts.csrf === 'string' ? opts.csrf : this.csrf;
      if (token) headers['x-csrf-token'] = token;
    }
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        payload = body;
        headers['content-type'] = opts.contentType || 'application/json';
      } else {
        payload = JSON.stringify(body);
        headers['content-type'] = 'application/json';
      }
    }
    let res;
    try {
      res = await fetch(this.base + full, { method, headers, body: payload, redirect: 'manual' });
    } catch (e) {
      await new Promise((r) => setTimeout(r, 100)); // let an exiting server be reaped
      throw new Error(`${method} ${full}: ${e.cause?.message || e.message}${this.diagnose()}`, { cause: e });
    }
    for (const c of res.headers.getSetCookie()) this.storeCookie(c);
    const text = await res.text();
    let parsed = null;
    const ct = res.headers.get('content-type') || '';
    if (/json/.test(ct) && text.length) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    const out = { status: res.status, headers: res.headers, body: parsed, text, method, path: full };
    await this.conforms(out, text);
    return out;
  }

  /**
   * Checks a response against the server's OpenAPI document and fails (AssertionError) when it
   * does not conform: undocumented status or content type, or a body the schema refuses.
   * Violations are also kept in `violations` (shared by the clients of one suite), which
   * useServer's after hook asserts empty, in case a test swallowed the error.
   */
  async conforms(r, text, { count = true } = {}) {
    if (!r.path.startsWith('/api/')) return; // /metrics and the web app are not part of the API
    const validator = await validatorFor(this.base);
    const result = validator.check({ method: r.method, path: r.path, status: r.status, contentType: r.headers.get('content-type'), text });
    if (count) recordValidation(result, r.status);
    if (result.violations.length) {
      const message = `response does not conform to the OpenAPI document:\n  ${result.violations.join('\n  ')}\n  body: ${text.slice(0, 400)}`;
      this.violations.push(message);
      assert.fail(message);
    }
  }

  storeCookie(setCookie) {
    const [pair, ...attrs] = setCookie.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v] = a.split('=').map((s) => s && s.trim());
      if (/^max-age$/i.test(k)) return Number(v) <= 0;
      if (/^expires$/i.test(k)) return Date.parse(v) < Date.now();
      return false;
    });
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** GET returning the undecoded body (fetch's text() drops a UTF-8 BOM): {status, headers, bytes}. */
  async raw(path) {
    const full = path.startsWith('/api/') ? path : `/api/v1${path}`;
    const headers = {};
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.base + full, { headers, redirect: 'manual' });
    const out = { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()), path: full, method: 'GET' };
    await this.conforms(out, out.bytes.toString('utf8'));
    return out;
  }

  get(p, o) { return this.request('GET', p, undefined, o); }
  post(p, b, o) { return this.request('POST', p, b, o); }
  patch(p, b, o) { return this.request('PATCH', p, b, o); }
  put(p, b, o) { return this.request('PUT', p, b, o); }
  del(p, o) { return this.request('DELETE', p, undefined, o); }

  /** Logs in; throws unless 200. Returns the response. */
  async login(login, password) {
    const r = await this.post('/auth/login', { login, password });
    assert.equal(r.status, 200, `login ${login}: ${describeRes(r)}`);
    assert.ok(r.body && r.body.csrf_token, `login ${login} returned no csrf_token: ${r.text}`);
    this.csrf = r.body.csrf_token;
    return r;
  }
}

// ---------------------------------------------------------------------------- assertions
export function describeRes(r) {
  return `${r.method} ${r.path} → ${r.status} ${r.headers.get('content-type') || ''} ${r.text.slice(0, 600)}`;
}

export function expectStatus(r, status) {
  const ok = Array.isArray(status) ? status.includes(r.status) : r.status === status;
  assert.ok(ok, `expected ${status}, got: ${describeRes(r)}`);
  return r.body;
}

/** Asserts an RFC 9457 problem with the given status and code (and field, when given). */
export function expectProblem(r, status, code, field) {
  expectStatus(r, status);
  const ct = r.headers.get('content-type') || '';
  assert.match(ct, /^application\/problem\+json\b/, `content-type of ${describeRes(r)}`);
  assert.ok(r.body && typeof r.body === 'object', `problem body is JSON: ${describeRes(r)}`);
  assert.equal(r.body.status, status, `problem.status in ${describeRes(r)}`);
  if (code instanceof RegExp) assert.match(String(r.body.code), code, `problem.code in ${describeRes(r)}`);
  else if (code) assert.equal(r.body.code, code, `problem.code in ${describeRes(r)}`);
  else assert.equal(typeof r.body.code, 'string', `problem.code in ${describeRes(r)}`);
  if (field !== undefined) assert.equal(r.body.field, field, `problem.field in ${describeRes(r)}`);
  return r.body;
}

/** A record outside the caller's scope: 404 <resource>.not_found, or 403 auth.forbidden. */
export function expectHidden(r, resource) {
  assert.ok([403, 404].includes(r.status), `expected 404 (or 403), got: ${describeRes(r)}`);
  return expectProblem(r, r.status, r.status === 404 ? `${resource}.not_found` : 'auth.forbidden');
}

// ---------------------------------------------------------------------------- the world
export const ADMIN_LOGIN = 'admin';

/**
 * Registers before/after hooks (call inside suite()) that give the suite a scratch database,
 * an admin created with the CLI and a running server. Returns a context whose fields are
 * filled in by the time tests run. `serveArgs` are extra `servq serve` arguments
 * (e.g. ['--sla-interval', '1']).
 */
export function useServer({ startServer: start = true, serveArgs = [] } = {}) {
  const ctx = {
    db: null,
    dir: null,
    url: null,
    server: null,
    adminPassword: `admin-${randomBytes(8).toString('hex')}`,
    /** Responses of this suite's clients that did not conform to the OpenAPI document. */
    violations: [],
    _admin: null,
    _scratch: null,
    client(opts) {
      return new Client(ctx.url, { diagnose: () => ctx.server?.death() || '', violations: ctx.violations, ...opts });
    },
    /** The admin's logged-in browser (one per suite). */
    async admin() {
      if (!ctx._admin) {
        const c = ctx.client();
        await c.login(ADMIN_LOGIN, ctx.adminPassword);
        ctx._admin = c;
      }
      return ctx._admin;
    },
    async loginAs(login, password) {
      const c = ctx.client();
      await c.login(login, password);
      return c;
    },
    /** Creates a user through the API (as admin) and returns {user, login, password, client}. */
    async makeUser(role, fields = {}) {
      const admin = await ctx.admin();
      const login = fields.login || uid(role.toLowerCase()).toLowerCase();
      const password = fields.password || `pw-${randomBytes(8).toString('hex')}`;
      const r = await admin.post('/users', { login, name: `${role} ${login}`, role, password, ...fields });
      expectStatus(r, 201);
      const client = await ctx.loginAs(login, password);
      return { user: r.body, login, password, client };
    },
    async restart() {
      if (ctx.server) await ctx.server.stop();
      ctx.server = await startServer(ctx.db, { extraArgs: serveArgs });
      ctx.url = ctx.server.url;
      ctx._admin = null;
    },
    async stop() {
      if (ctx.server) await ctx.server.stop();
      ctx.server = null;
    },
  };
  before(async () => {
    ctx._scratch = createScratchDb();
    ctx.db = ctx._scratch.db;
    ctx.dir = ctx._scratch.dir;
    await addUserCli(ctx.db, { login: ADMIN_LOGIN, password: ctx.adminPassword, role: 'admin', name: 'Test Admin' });
    if (start) {
      ctx.server = await startServer(ctx.db, { extraArgs: serveArgs });
      ctx.url = ctx.server.url;
    }
  });
  after(async () => {
    try {
      // Each of these already failed the test that received it, unless that test swallowed the error.
      assert.deepEqual(ctx.violations, [], `${ctx.violations.length} response(s) of this suite did not conform to the OpenAPI document`);
    } finally {
      await stopAndDrop();
    }
  });
  async function stopAndDrop() {
    try {
      const death = ctx.server?.death();
      if (death) console.error(`[${BACKEND}] ${death}`);
      if (ctx.server) await ctx.server.stop();
    } finally {
      ctx._scratch?.drop();
    }
  }
  return ctx;
}

// ---------------------------------------------------------------------------- fixtures
/** Creates a unit as `client`; returns the unit. */
export async function makeUnit(client, fields) {
  const r = await client.post('/units', { name: `Unit ${fields.code}`, ...fields });
  return expectStatus(r, 201);
}

export async function makeStaff(client, fields) {
  const code = fields.employee_code || uid('E');
  const r = await client.post('/staff', { employee_code: code, name: `Staff ${code}`, title: 'Nurse', ...fields });
  return expectStatus(r, 201);
}

let phoneSeq = Math.floor(Math.random() * 1_000_000);
/** A fresh, valid Vietnamese mobile number in normalised form (10 digits). */
// A Vietnamese mobile (098 + 7 digits) as a clerk types it; the server stores it as +8498….
export const freshPhone = () => `098${String(process.pid % 100).padStart(2, '0')}${String(++phoneSeq % 100_000).padStart(5, '0')}`;
/** The E.164 form the server stores for a Vietnamese number typed nationally ("098…" → "+8498…"). */
export const e164 = (national) => `+84${national.replace(/\D/g, '').replace(/^0/, '')}`;

export async function makeCustomer(client, fields = {}) {
  const ext = fields.external_id || uid('C');
  const r = await client.post('/customers', {
    external_id: ext,
    name: `Khách ${ext}`,
    phone: freshPhone(),
    email: `${ext.toLowerCase()}@example.com`,
    address: '1 Lê Lợi, Quận 1',
    category: 'first_time',
    consent_contact: true,
    consent_survey: true,
    ...fields,
  });
  return expectStatus(r, 201);
}

export async function makeEncounter(client, fields) {
  const r = await client.post('/encounters', {
    external_id: uid('EN'),
    service: 'Khám tổng quát',
    started_at: '2026-01-15T02:30:00Z',
    amount: 350000,
    converted: false,
    ...fields,
  });
  return expectStatus(r, 201);
}

/** `total` of a list endpoint as seen by `client`. */
// Polls `probe` (async, returns a value or something falsy) every 50 ms until it returns a truthy
// value or `timeoutMs` passes; returns the last value. For work the server finishes just after
// answering (the F5 case of a survey response opens within about a second).
export async function eventually(probe, { timeoutMs = 5000 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function countOf(client, path) {
  const sep = path.includes('?') ? '&' : '?';
  const r = await client.get(`${path}${sep}page_size=1`);
  expectStatus(r, 200);
  assert.equal(typeof r.body.total, 'number', `total in ${describeRes(r)}`);
  return r.body.total;
}

/** All items of a list (follows pages of 500). */
export async function listAll(client, path) {
  const items = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page++) {
    const r = await client.get(`${path}${sep}page=${page}&page_size=500`);
    expectStatus(r, 200);
    items.push(...r.body.items);
    if (r.body.items.length < 500 || items.length >= r.body.total) break;
  }
  return items;
}

/** Writes `text` to a file in `dir` and returns its path. */
export function writeTemp(dir, name, text) {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

export { assert };

/** The entries of a ZIP file (e.g. an .xlsx) as {name: Buffer}, read from its central directory. */
export function unzipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP file: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad ZIP central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

// ---------------------------------------------------------------------------- CSV
export const CUSTOMER_HEADER = ['external_id', 'name', 'phone', 'email', 'address', 'category', 'referred_by', 'tier', 'consent_contact', 'consent_survey'];
export const ENCOUNTER_HEADER = ['external_id', 'customer_phone', 'unit', 'staff', 'service', 'started_at', 'amount', 'converted'];

const csvField = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** RFC 4180 text: header line then one line per row (rows are objects keyed by header). */
export function toCsv(header, rows, eol = '\n') {
  const out = [header.join(',')];
  for (const r of rows) out.push(header.map((h) => csvField(r[h])).join(','));
  return out.join(eol) + eol;
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Châu', 'Quốc Dũng', 'Thu Hà', 'Ngọc Lan', 'Đức Long', 'Thanh Mai'];
const CATEGORIES = ['long_term', 'first_time'];
/**
 * n valid customer rows; `prefix` is a 3-digit string that keeps phones, emails and external ids
 * apart between files (phone = 0 + prefix + 6-digit index, so n ≤ 1 000 000).
 */
export function customerRows(n, prefix) {
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      external_id: `IMP${prefix}-${i}`,
      name: `${SURNAMES[i % 10]} ${GIVEN[i % 8]}`,
      phone: `0${prefix}${String(i).padStart(6, '0')}`,
      email: `k${prefix}.${i}@example.com`,
      address: `${i} Trần Hưng Đạo, Quận 5`,
      category: CATEGORIES[i % 2],
      referred_by: '',
      tier: '',
      consent_contact: i % 3 ? 'true' : 'no',
      consent_survey: i % 2 ? 'yes' : '0',
    };
  }
  return rows;
}
