// An account with a one-time password (user.must_change_password) meets a blocking "set a new
// password" dialog right after signing in, and carries on normally once it is set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTest, launchBrowser, newPage, startServer } from './helpers.mjs';

const ONE_TIME = 'one-time-pass-42';
const NEW_PASSWORD = 'a-brand-new-secret';

async function createOneTimeUser(url) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'servq-demo-admin' }),
  });
  const { csrf_token: csrf } = await res.json();
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const created = await fetch(`${url}/api/v1/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify({
      login: 'newquality',
      name: 'Người mới',
      role: 'quality',
      password: ONE_TIME,
      must_change_password: true,
    }),
  });
  assert.equal(created.status, 201, await created.text());
}

describe('first sign-in with a one-time password', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await createOneTimeUser(server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for a new password before anything else, then continues', async () => {
    const page = await newPage(browser, { locale: 'en' });
    await page.goto(`${server.url}/login`);
    await byTest(page, 'login-user').fill('newquality');
    await byTest(page, 'login-password').fill(ONE_TIME);
    await byTest(page, 'login-submit').click();
    const dialog = page.locator('.el-dialog:visible', { has: byTest(page, 'pw-save') });
    await dialog.waitFor();
    // it cannot be dismissed
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    assert.ok(await dialog.isVisible());

    await byTest(page, 'pw-current').fill(ONE_TIME);
    await byTest(page, 'pw-new').fill('short');
    await byTest(page, 'pw-confirm').fill('short');
    await byTest(page, 'pw-save').click();
    await byTest(page, 'pw-error').waitFor();

    await byTest(page, 'pw-new').fill(NEW_PASSWORD);
    await byTest(page, 'pw-confirm').fill(NEW_PASSWORD);
    await byTest(page, 'pw-save').click();
    await dialog.waitFor({ state: 'hidden' });
    // the page loads what the server refused before
    await byTest(page, 'counter-customers').waitFor();
    await page.waitForFunction(
      () =>
        !/^—$/.test(
          document.querySelector('[data-test="counter-customers"] .counter-value')?.textContent ??
            '—',
        ),
    );

    // and the new password is the one that signs in now
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'newquality', password: NEW_PASSWORD }),
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).user.must_change_password, false);
    await page.context().close();
  });
});
