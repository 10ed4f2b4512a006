// Checks every response the API suite receives against the server's own OpenAPI document
// (GET /api/v1/openapi.json, fetched once per server): the operation (method + path template)
// must document the status, the content type, and a body that the response schema accepts
// (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses). Used by Client in harness.mjs.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { appendFileSync } from 'node:fs';

const addFormats = addFormatsModule.default || addFormatsModule;
const SCHEMA_ID = 'servq-openapi';

/** The document's "#/components/schemas/X" references, made absolute for ajv. */
function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${SCHEMA_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
        : rewriteRefs(v);
    }
    return out;
  }
  return node;
}

const mediaType = (ct) => (ct || '').split(';')[0].trim().toLowerCase();
const isJson = (mt) => mt === 'application/json' || mt.endsWith('+json');

export class OpenApiValidator {
  constructor(doc) {
    this.doc = doc;
    // allowUnionTypes: OpenAPI 3.1 declares a nullable key as {"type": ["string", "null"]}.
    this.ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SCHEMA_ID, $defs: rewriteRefs(doc.components?.schemas || {}) });
    this.compiled = new Map();
    // Literal segments win over parameters (/feedback/counts before /feedback/{id}), as in the router.
    this.paths = Object.keys(doc.paths)
      .map((template) => {
        const segs = template.split('/');
        const re = new RegExp(`^${segs.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
        return { template, re, literal: segs.filter((s) => !s.startsWith('{')).length };
      })
      .sort((a, b) => b.literal - a.literal);
    // Compile every JSON response schema now: a schema ajv cannot compile fails the server's start.
    for (const [template, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item))
        for (const [status, r] of Object.entries(op.responses || {}))
          for (const [mt, c] of Object.entries(this.resolve(r).content || {}))
            if (isJson(mt)) this.schemaValidator(this.key(`${method.toUpperCase()} ${template}`, status, mt), c.schema || {});
  }

  key(opKey, status, mt) {
    return `${opKey} ${status} ${mt}`;
  }

  /** {template, operation} for METHOD path (no query), or {template} when only the path matches. */
  find(method, path) {
    for (const p of this.paths) {
      if (!p.re.test(path)) continue;
      const op = this.doc.paths[p.template][method.toLowerCase()];
      if (op) return { template: p.template, operation: op };
    }
    const any = this.paths.find((p) => p.re.test(path));
    return any ? { template: any.template } : {};
  }

  resolve(obj) {
    if (obj && obj.$ref) {
      const name = obj.$ref.replace('#/components/responses/', '');
      return this.doc.components.responses[name];
    }
    return obj;
  }

  schemaValidator(key, schema) {
    if (!this.compiled.has(key)) this.compiled.set(key, this.ajv.compile(rewriteRefs(schema)));
    return this.compiled.get(key);
  }

  /**
   * Checks one response; returns {violations: [string], operation: 'GET /api/v1/x' | null}.
   * `text` is the body as received; `contentType` the header.
   */
  check({ method, path, status, contentType, text }) {
    const route = path.split('?')[0];
    const violations = [];
    const mt = mediaType(contentType);
    const found = this.find(method, route);
    let label = `${method} ${found.template || route}`;
    let response;
    let opKey = null;
    let documented = null;
    if (found.operation) {
      opKey = `${method} ${found.template}`;
      const rs = found.operation.responses || {};
      documented = rs[String(status)] ? String(status) : rs[`${String(status)[0]}XX`] ? `${String(status)[0]}XX` : rs.default ? 'default' : null;
      response = documented && this.resolve(rs[documented]);
      if (!response) violations.push(`${label} → ${status}: status ${status} is not documented (documented: ${Object.keys(rs).join(', ')})`);
    } else {
      // No operation: the router's own answers, 404 http.not_found and 405 http.method_not_allowed,
      // or a refusal before routing (400, 413, 414, 431): a problem.
      if (!(status >= 400 && status < 500)) violations.push(`${label} → ${status}: no operation documents this request`);
      response = this.resolve({ $ref: '#/components/responses/Problem' });
    }
    if (response) {
      const content = response.content;
      if (!content) {
        if (text.length) violations.push(`${label} → ${status}: documented without content, but the body has ${text.length} bytes`);
      } else if (!content[mt]) {
        violations.push(`${label} → ${status}: content type '${contentType}' is not documented (documented: ${Object.keys(content).join(', ')})`);
      } else if (isJson(mt)) {
        let body;
        try {
          body = JSON.parse(text);
        } catch (e) {
          violations.push(`${label} → ${status} ${mt}: the body is not JSON (${e.message})`);
        }
        if (body !== undefined) {
          const validate = this.schemaValidator(opKey ? this.key(opKey, documented, mt) : 'unrouted problem', content[mt].schema || {});
          if (!validate(body)) {
            for (const e of validate.errors.slice(0, 10))
              violations.push(`${label} → ${status} ${mt}: body${e.instancePath} ${e.message}` +
                `${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''} (schema ${e.schemaPath})`);
          }
          if (mt === 'application/problem+json' && body && body.status !== status)
            violations.push(`${label} → ${status}: the problem's status is ${body?.status}`);
        }
      }
    }
    return { violations, operation: opKey };
  }
}

// ---------------------------------------------------------------------------- per server
const byUrl = new Map(); // server base URL → Promise<OpenApiValidator>
const byText = new Map(); // document text → OpenApiValidator (servers of one binary share it)

/** Fetches the document of the server at `base` once; resolves its validator. */
export function validatorFor(base) {
  if (!byUrl.has(base)) {
    const p = (async () => {
      const res = await fetch(`${base}/api/v1/openapi.json`);
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET ${base}/api/v1/openapi.json → ${res.status}: ${text.slice(0, 300)}`);
      if (!byText.has(text)) byText.set(text, new OpenApiValidator(JSON.parse(text)));
      const v = byText.get(text);
      for (const [template, item] of Object.entries(v.doc.paths))
        for (const m of Object.keys(item)) stats.documented.add(`${m.toUpperCase()} ${template}`);
      return v;
    })();
    p.catch(() => byUrl.delete(base)); // a later request may try again
    byUrl.set(base, p);
  }
  return byUrl.get(base);
}

// ---------------------------------------------------------------------------- counts
export const stats = { validated: 0, violations: 0, unrouted: 0, operations: new Set(), statuses: new Set(), documented: new Set() };

export function record(result, status) {
  stats.validated++;
  stats.violations += result.violations.length ? 1 : 0;
  if (result.operation) {
    stats.operations.add(result.operation);
    stats.statuses.add(`${result.operation} ${status}`);
  } else {
    stats.unrouted++;
  }
}

// SERVQ_OPENAPI_STATS=FILE: each test process appends one JSON line (tests/api/run.sh sums them).
process.on('exit', () => {
  const file = process.env.SERVQ_OPENAPI_STATS;
  if (!file || !stats.validated) return;
  appendFileSync(file, `${JSON.stringify({
    validated: stats.validated,
    violations: stats.violations,
    unrouted: stats.unrouted,
    operations: [...stats.operations],
    statuses: [...stats.statuses],
    documented: [...stats.documented],
  })}\n`);
});
