// The third-party auditor reads units, staff and aggregates, never users, audit or customer PII.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTest, launchBrowser, login, newPage, startServer } from './helpers.mjs';

describe('auditor', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser);
    await login(page, server.url, 'auditor');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sees a menu without users, API tokens, audit and imports', async () => {
    await byTest(page, 'menu-dashboard').waitFor();
    await byTest(page, 'menu-units').waitFor();
    for (const hidden of ['users', 'tokens', 'audit', 'imports']) {
      assert.equal(await byTest(page, `menu-${hidden}`).count(), 0, `menu-${hidden} is shown`);
    }
    assert.match(await byTest(page, 'current-role').innerText(), /Đánh giá viên/);
  });

  it('is sent back to the dashboard when opening /users or /audit directly', async () => {
    for (const p of ['/users', '/audit']) {
      await page.goto(`${server.url}${p}`);
      await byTest(page, 'dashboard').waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
    }
  });

  it('sees customers with their personal data masked', async () => {
    await byTest(page, 'menu-customers').click();
    const table = byTest(page, 'customer-table');
    await table.locator('tbody tr').first().waitFor();
    assert.ok((await table.locator('[data-test="pii-masked"]').count()) > 0);
  });

  it('signs out back to the login page', async () => {
    await byTest(page, 'user-menu').click();
    await byTest(page, 'logout').click();
    await byTest(page, 'login-submit').waitFor();
    await page.goto(`${server.url}/units`);
    await byTest(page, 'login-submit').waitFor();
  });
});
