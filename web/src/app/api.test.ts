import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, parseProblem, request, setApiHooks, setCsrfToken } from './api';

describe('parseProblem', () => {
  it('reads code, field, detail and status from an RFC 9457 body', () => {
    const e = parseProblem(
      422,
      JSON.stringify({
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        code: 'customer.phone_invalid',
        field: 'phone',
        detail: 'phone must contain 8 to 15 digits',
      }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.code).toBe('customer.phone_invalid');
    expect(e.field).toBe('phone');
    expect(e.detail).toBe('phone must contain 8 to 15 digits');
    expect(e.message).toBe('phone must contain 8 to 15 digits');
  });

  it('keeps the line errors of an import problem', () => {
    const e = parseProblem(
      422,
      JSON.stringify({
        status: 422,
        code: 'import.invalid',
        errors: [
          { line: 3, field: 'phone', code: 'customer.phone_invalid', detail: 'bad phone' },
          { line: '7', field: null, code: 'validation.required' },
        ],
      }),
    );
    expect(e.code).toBe('import.invalid');
    expect(e.errors).toEqual([
      { line: 3, field: 'phone', code: 'customer.phone_invalid', detail: 'bad phone' },
      { line: 7, field: null, code: 'validation.required', detail: undefined },
    ]);
  });

  it('survives a body that is not JSON', () => {
    const e = parseProblem(502, '<html>Bad gateway</html>');
    expect(e.status).toBe(502);
    expect(e.code).toBe('http.502');
    expect(e.field).toBeNull();
    expect(e.errors).toBeUndefined();
  });

  it('survives an empty body', () => {
    const e = parseProblem(404, '');
    expect(e.code).toBe('http.404');
  });
});

describe('buildUrl', () => {
  it('prefixes /api/v1 and drops empty filters', () => {
    expect(buildUrl('/staff', { q: '', unit: 'CN1', page: 2, x: null, y: undefined })).toBe(
      '/api/v1/staff?unit=CN1&page=2',
    );
  });
  it('keeps a full api path', () => {
    expect(buildUrl('/api/v1/health')).toBe('/api/v1/health');
  });
});

describe('request', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  function stubFetch(status: number, body: string, contentType = 'application/json') {
    const fn = vi.fn(
      async (input: RequestInfo | URL, init?: RequestInit) => (
        void input,
        void init,
        new Response(status === 204 ? null : body, {
          status,
          headers: { 'Content-Type': contentType },
        })
      ),
    );
    vi.stubGlobal('fetch', fn);
    return fn;
  }

  it('sends the CSRF token on mutations only', async () => {
    const fn = stubFetch(200, '{"ok":true}');
    setCsrfToken('tok123');
    await request('POST', '/units', { json: { code: 'A' } });
    await request('GET', '/units');
    const postHeaders = fn.mock.calls[0][1]?.headers as Record<string, string>;
    const getHeaders = fn.mock.calls[1][1]?.headers as Record<string, string>;
    expect(postHeaders['X-CSRF-Token']).toBe('tok123');
    expect(postHeaders['Content-Type']).toBe('application/json');
    expect(getHeaders['X-CSRF-Token']).toBeUndefined();
    expect(fn.mock.calls[0][1]?.credentials).toBe('same-origin');
  });

  it('throws the parsed problem and reports it', async () => {
    stubFetch(
      409,
      '{"status":409,"code":"customer.duplicate","field":"phone","detail":"dup"}',
      'application/problem+json',
    );
    const seen: ApiError[] = [];
    setApiHooks({ onError: (e) => seen.push(e) });
    await expect(request('POST', '/customers', { json: {} })).rejects.toMatchObject({
      code: 'customer.duplicate',
      field: 'phone',
      status: 409,
    });
    expect(seen.map((e) => e.code)).toEqual(['customer.duplicate']);
  });

  it('calls the unauthorized hook on 401 outside /auth', async () => {
    stubFetch(401, '{"status":401,"code":"auth.required"}');
    const onUnauthorized = vi.fn();
    setApiHooks({ onUnauthorized, onError: () => undefined });
    await expect(request('GET', '/staff')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('returns undefined for 204', async () => {
    stubFetch(204, '');
    await expect(request('DELETE', '/api-tokens/1')).resolves.toBeUndefined();
  });
});
