// Errors are RFC 9457 problems with fixed codes (docs/api.md "Errors").
import { suite, test, useServer, expectProblem, assert, uid } from './harness.mjs';

suite('problems', () => {
  const s = useServer();

  test('an unknown route answers 404 http.not_found', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/no-such-resource'), 404, 'http.not_found');
  });

  test('a known route with a wrong method answers 405 http.method_not_allowed', async () => {
    const admin = await s.admin();
    expectProblem(await admin.put('/customers', {}), 405, 'http.method_not_allowed');
  });

  test('DELETE on the health route answers 405 http.method_not_allowed', async () => {
    const admin = await s.admin();
    expectProblem(await admin.del('/health'), 405, 'http.method_not_allowed');
  });

  test('malformed JSON answers 400 http.bad_json', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/units', '{"code": "BAD", "name": '), 400, 'http.bad_json');
  });

  test('a JSON body that is not an object answers 400 or 422, never 500', async () => {
    const admin = await s.admin();
    const r = await admin.post('/units', '[1,2,3]');
    assert.ok([400, 422].includes(r.status), `got ${r.status} ${r.text}`);
    expectProblem(r, r.status);
  });

  test('a 9 MiB JSON body answers 413 http.payload_too_large', async () => {
    const admin = await s.admin();
    const big = JSON.stringify({ code: uid('BIG'), name: 'x'.repeat(9 * 1024 * 1024) });
    expectProblem(await admin.post('/units', big), 413, 'http.payload_too_large');
  });

  test('the server still answers after refusing an oversized body', async () => {
    const admin = await s.admin();
    const r = await admin.get('/health');
    assert.equal(r.status, 200);
  });

  test('a validation error names the offending field', async () => {
    const admin = await s.admin();
    const r = await admin.post('/customers', { external_id: uid('C'), name: 'Trần Thị B', phone: '12', category: 'first_time' });
    const p = expectProblem(r, 422, /^(customer\.phone_|validation\.)/, 'phone');
    assert.equal(typeof p.title, 'string');
    assert.equal(p.type, 'about:blank');
  });

  test('a missing required field is named in the problem', async () => {
    const admin = await s.admin();
    expectProblem(await admin.post('/units', { name: 'Không có mã' }), 422, /^(unit\.code_|validation\.)/, 'code');
  });

  test('a record that does not exist answers 404 <resource>.not_found', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/customers/987654'), 404, 'customer.not_found');
    expectProblem(await admin.get('/units/987654'), 404, 'unit.not_found');
  });

  test('a request without a session answers 401 auth.required as a problem', async () => {
    expectProblem(await s.client().get('/customers'), 401, 'auth.required');
  });
});
