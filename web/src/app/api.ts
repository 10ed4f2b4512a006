// The one HTTP client of the SPA: same-origin fetch with the session cookie, the CSRF header on
// mutations, and RFC 9457 problem bodies turned into ApiError values that name code and field.

export interface ImportLineError {
  line: number;
  /** the row as a spreadsheet numbers it (header = 1); differs from line after quoted newlines */
  row?: number;
  field?: string | null;
  code?: string;
  detail?: string;
  /** a refused questionnaire's problem: its JSON path in the definition ("pages[0].elements[3]") */
  path?: string;
  /** what the message of `code` is made of: row, column, value, expected… (imports), type, name (questionnaires) */
  params?: Record<string, string | number>;
}

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  field?: string | null;
  /** the values the message of `code` names, e.g. {seconds: 30} for auth.locked */
  params?: Record<string, string | number>;
  errors?: ImportLineError[];
  /** import.invalid: how many lines failed in all (errors[] holds at most the first 1000) */
  errorCount?: number;
}

export class ApiError extends Error implements Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  field?: string | null;
  params?: Record<string, string | number>;
  errors?: ImportLineError[];
  errorCount?: number;

  constructor(p: Problem) {
    super(p.detail || p.title || p.code);
    this.name = 'ApiError';
    this.status = p.status;
    this.code = p.code;
    this.title = p.title;
    this.detail = p.detail;
    this.field = p.field ?? null;
    this.params = p.params;
    this.errors = p.errors;
    this.errorCount = p.errorCount;
  }
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A problem's `params`: the string and finite number values of an object, nothing else. */
function asParams(v: unknown): Record<string, string | number> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x))) out[k] = x;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Turns a failed response's status and body text into an ApiError; never throws. */
export function parseProblem(status: number, bodyText: string): ApiError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = bodyText ? JSON.parse(bodyText) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      body = parsed as Record<string, unknown>;
    }
  } catch {
    body = {};
  }
  const errors = Array.isArray(body.errors)
    ? body.errors
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
        .map((e) => ({
          line: typeof e.line === 'number' ? e.line : Number(e.line) || 0,
          row: typeof e.row === 'number' ? e.row : undefined,
          field: asString(e.field) ?? null,
          code: asString(e.code),
          detail: asString(e.detail) ?? asString(e.message),
          path: asString(e.path),
          params: asParams(e.params),
        }))
    : undefined;
  return new ApiError({
    status: typeof body.status === 'number' ? body.status : status,
    code: asString(body.code) ?? `http.${status}`,
    title: asString(body.title),
    detail: asString(body.detail),
    field: asString(body.field) ?? null,
    params: asParams(body.params),
    errors,
    errorCount:
      typeof body.error_count === 'number' ? body.error_count : errors ? errors.length : undefined,
  });
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** JSON body (serialised) */
  json?: unknown;
  /** raw body, sent as is with `contentType` */
  raw?: BodyInit;
  contentType?: string;
  /** do not report the error through the error hook (the caller shows it) */
  silent?: boolean;
}

interface ClientHooks {
  onUnauthorized?: (e: ApiError) => void;
  onError?: (e: ApiError) => void;
}

let csrfToken: string | null = null;
const hooks: ClientHooks = {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiHooks(h: ClientHooks): void {
  Object.assign(hooks, h);
}

export function buildUrl(path: string, query?: Query): string {
  const base = path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return base;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) {
    headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
    body = opts.raw;
  }
  if (MUTATING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch (e) {
    const err = new ApiError({ status: 0, code: 'http.network', detail: String(e) });
    if (!opts.silent) hooks.onError?.(err);
    throw err;
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const err = parseProblem(res.status, await res.text());
  if (res.status === 401 && !path.includes('/auth/')) {
    hooks.onUnauthorized?.(err);
  } else if (!opts.silent) {
    hooks.onError?.(err);
  }
  throw err;
}

export interface UploadOptions {
  query?: Query;
  contentType?: string;
  /** called with bytes sent so far and the total while the body goes up */
  onProgress?: (loaded: number, total: number) => void;
  /** called once the whole body is sent (the server is now working on it) */
  onSent?: () => void;
}

/** POSTs a raw body with XMLHttpRequest, whose upload progress events fetch lacks. Errors are
 * ApiError values like request()'s; they are never reported through the error hook. */
export function upload<T>(path: string, body: Blob | string, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, opts.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', opts.contentType ?? 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded, e.total);
    };
    xhr.upload.onload = () => opts.onSent?.();
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'http.network', detail: 'network error' }));
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((text ? JSON.parse(text) : undefined) as T);
        } catch (e) {
          reject(new ApiError({ status: xhr.status, code: 'http.bad_json', detail: String(e) }));
        }
        return;
      }
      const err = parseProblem(xhr.status, text);
      if (xhr.status === 401) hooks.onUnauthorized?.(err);
      reject(err);
    };
    xhr.send(body);
  });
}

export const api = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, json?: unknown, opts: RequestOptions = {}) =>
    request<T>('POST', path, { ...opts, json }),
  patch: <T>(path: string, json?: unknown, opts: RequestOptions = {}) =>
    request<T>('PATCH', path, { ...opts, json }),
  put: <T>(path: string, json?: unknown, opts: RequestOptions = {}) =>
    request<T>('PUT', path, { ...opts, json }),
  del: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}
