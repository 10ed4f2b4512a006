// Administration pages: accounts, API tokens, a customer's record and the audit trail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTest, launchBrowser, login, newPage, pickOption, startServer } from './helpers.mjs';

describe('administration', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser, { locale: 'en' });
    await login(page, server.url, 'admin');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a quality user who can then sign in', async () => {
    await byTest(page, 'menu-users').click();
    await byTest(page, 'user-table').locator('tbody tr').first().waitFor();
    await byTest(page, 'user-create').click();
    const dialog = page.locator('.el-dialog:visible');
    await byTest(page, 'user-login').fill('e2e-quality');
    await byTest(page, 'user-name').fill('Hoàng Thị Chất Lượng');
    await pickOption(page, dialog.locator('[data-test="user-role"]'), 'Quality control');
    await byTest(page, 'user-password').fill('e2e-password-123');
    await byTest(page, 'user-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await byTest(page, 'user-table').locator('tbody tr', { hasText: 'e2e-quality' }).waitFor();

    const other = await newPage(browser, { locale: 'en' });
    await login(other, server.url, 'e2e-quality', 'e2e-password-123');
    await byTest(other, 'menu-audit').waitFor();
    assert.equal(await byTest(other, 'menu-users').count(), 0);
    await other.context().close();
  });

  it('deactivates that user', async () => {
    await byTest(page, 'user-edit-e2e-quality').click();
    await byTest(page, 'user-active').click();
    await byTest(page, 'user-save').click();
    const row = byTest(page, 'user-table').locator('tbody tr', { hasText: 'e2e-quality' });
    await row.getByText('Inactive').waitFor();
  });

  it('creates an API token, shows its secret once, and revokes it', async () => {
    await byTest(page, 'menu-tokens').click();
    await byTest(page, 'token-table').waitFor();
    await byTest(page, 'token-create').click();
    const dialog = page.locator('.el-dialog:visible');
    await byTest(page, 'token-name').fill('HIS integration');
    await pickOption(page, dialog.locator('[data-test="token-user"]'), /^quality —/);
    await byTest(page, 'token-save').click();
    const secret = await byTest(page, 'token-secret').inputValue();
    assert.ok(secret.length >= 16, `secret "${secret}"`);

    const health = await page.evaluate(async (tok) => {
      const r = await fetch('/api/v1/overview', {
        headers: { Authorization: `Bearer ${tok}` },
        credentials: 'omit',
      });
      return r.status;
    }, secret);
    assert.equal(health, 200);

    await page.locator('.el-dialog:visible').getByRole('button', { name: 'Close' }).last().click();
    const row = byTest(page, 'token-table').locator('tbody tr', { hasText: 'HIS integration' });
    await row.waitFor();
    await row.locator('[data-test^="token-revoke-"]').click();
    await page.locator('.el-message-box').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
  });

  it('opens a customer record with their encounters', async () => {
    await byTest(page, 'menu-customers').click();
    await byTest(page, 'customer-table').locator('tbody tr').first().click();
    await byTest(page, 'customer-detail').waitFor();
    await byTest(page, 'customer-encounters').waitFor();
    assert.match(await byTest(page, 'customer-detail').innerText(), /Phone/);
  });

  it('shows the audit trail with before and after', async () => {
    await byTest(page, 'menu-audit').click();
    const table = byTest(page, 'audit-table');
    await byTest(page, 'audit-actor').fill('admin');
    await byTest(page, 'audit-actor').press('Enter');
    await table.locator('tbody tr').first().waitFor();
    assert.ok((await table.locator('tbody tr').count()) > 0);
    await table.locator('.el-table__expand-icon').first().click();
    await table.getByText('After', { exact: true }).first().waitFor();
  });
});
