// Health, metrics and the OpenAPI document (docs/api.md "other").
import { suite, test, useServer, expectStatus, assert, BACKEND } from './harness.mjs';

// Every route this suite calls (method + path under /api/v1, ids as {…}).
export const ROUTES_USED = [
  ['post', '/auth/login'],
  ['get', '/auth/me'],
  ['post', '/auth/logout'],
  ['post', '/auth/password'],
  ['get', '/health'],
  ['get', '/openapi.json'],
  ['get', '/overview'],
  ['get', '/units'],
  ['post', '/units'],
  ['get', '/units/{id}'],
  ['patch', '/units/{id}'],
  ['get', '/staff'],
  ['post', '/staff'],
  ['get', '/staff/{id}'],
  ['patch', '/staff/{id}'],
  ['get', '/customers'],
  ['post', '/customers'],
  ['get', '/customers/{id}'],
  ['patch', '/customers/{id}'],
  ['get', '/encounters'],
  ['post', '/encounters'],
  ['get', '/encounters/{id}'],
  ['get', '/users'],
  ['post', '/users'],
  ['patch', '/users/{id}'],
  ['get', '/api-tokens'],
  ['post', '/api-tokens'],
  ['delete', '/api-tokens/{id}'],
  ['get', '/audit'],
  ['post', '/imports/customers'],
  ['post', '/imports/encounters'],
];

suite('health, metrics, openapi', () => {
  const s = useServer();

  test('GET /health answers 200 without a session and names the database backend', async () => {
    const r = await s.client().get('/health');
    const body = expectStatus(r, 200);
    assert.match(r.headers.get('content-type') || '', /^application\/json\b/);
    assert.equal(body.status, 'ok');
    assert.equal(body.db, BACKEND);
    assert.equal(typeof body.version, 'string');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
  });

  test('GET /metrics answers Prometheus text exposition format without a session', async () => {
    await s.client().get('/health'); // make sure at least one request has been counted
    const r = await s.client().get('/metrics');
    expectStatus(r, 200);
    assert.match(r.headers.get('content-type') || '', /^text\/plain\b/);
    const lines = r.text.split('\n').filter((l) => l.length);
    assert.ok(lines.length > 0, 'metrics body is not empty');
    const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? [-+]?([0-9.]+([eE][-+]?[0-9]+)?|NaN|\+Inf|-Inf)( -?\d+)?$/;
    const comment = /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))$|^#/;
    for (const l of lines) {
      assert.ok(sample.test(l) || comment.test(l), `not a Prometheus text line: ${JSON.stringify(l)}`);
    }
    assert.ok(lines.some((l) => /^# TYPE /.test(l)), 'has at least one # TYPE line');
    assert.ok(lines.some((l) => sample.test(l)), 'has at least one sample');
  });

  test('GET /openapi.json is an OpenAPI 3 document with info and paths', async () => {
    const r = await s.client().get('/openapi.json');
    const doc = expectStatus(r, 200);
    assert.match(r.headers.get('content-type') || '', /json/);
    assert.match(String(doc.openapi), /^3\.\d+\.\d+$/, 'openapi version string');
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.info?.version, 'string');
    assert.equal(typeof doc.paths, 'object');
    for (const [p, item] of Object.entries(doc.paths)) {
      assert.ok(p.startsWith('/'), `path ${p} starts with /`);
      for (const [m, op] of Object.entries(item)) {
        if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(m)) continue;
        assert.ok(op.responses && Object.keys(op.responses).length, `${m.toUpperCase()} ${p} has responses`);
      }
    }
  });

  test('openapi.json lists every route this test suite calls', async () => {
    const doc = (await s.client().get('/openapi.json')).body;
    // Paths may be written relative to a server URL ending in /api/v1, or absolute.
    const serverPrefix = (doc.servers?.[0]?.url || '').replace(/^https?:\/\/[^/]+/, '').replace(/\/$/, '');
    const norm = (p) => p.replace(/\{[^}]+\}/g, '{}');
    const have = new Map();
    for (const [p, item] of Object.entries(doc.paths || {})) {
      const full = norm(p.startsWith('/api/') ? p : serverPrefix + p);
      have.set(full, new Set(Object.keys(item).map((k) => k.toLowerCase())));
    }
    const missing = ROUTES_USED.filter(([m, p]) => !have.get(norm('/api/v1' + p))?.has(m)).map(
      ([m, p]) => `${m.toUpperCase()} /api/v1${p}`,
    );
    assert.deepEqual(missing, [], `routes missing from openapi.json: ${missing.join(', ')}`);
  });
});
