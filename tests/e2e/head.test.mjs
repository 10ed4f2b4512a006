// A unit head reads customers within scope but never creates or edits them; staff and encounters
// are written only inside the head's own unit subtree (KHOA-NOI in the demo).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTest, launchBrowser, login, newPage, startServer } from './helpers.mjs';

describe('head', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser);
    await login(page, server.url, 'head');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sees customers but no control to create or edit one', async () => {
    await byTest(page, 'menu-customers').click();
    const rows = byTest(page, 'customer-table').locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await byTest(page, 'customer-create').count(), 0);
    await rows.first().click();
    await byTest(page, 'customer-detail').waitFor();
    assert.equal(await byTest(page, 'customer-edit').count(), 0);
  });

  it('may add staff, but only to units of their own subtree', async () => {
    await byTest(page, 'menu-staff').click();
    await byTest(page, 'staff-table').locator('tbody tr').first().waitFor();
    await byTest(page, 'staff-create').click();
    const dialog = page.locator('.el-dialog:visible');
    await dialog.locator('[data-test="staff-unit"]').click();
    const popper = page.locator('.el-popper:visible').last();
    const own = popper.locator('.el-tree-node__content', { hasText: '(KHOA-NOI)' });
    const other = popper.locator('.el-tree-node__content', { hasText: '(KHOA-NHI)' });
    await own.waitFor();
    assert.equal(await own.locator('.is-disabled').count(), 0);
    assert.ok((await other.locator('.is-disabled').count()) > 0, 'KHOA-NHI should be disabled');
    await page.keyboard.press('Escape');
    await dialog.locator('.el-dialog__footer button').first().click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('may record encounters of their unit', async () => {
    await byTest(page, 'menu-encounters').click();
    const rows = byTest(page, 'encounter-table').locator('tbody tr');
    await rows.first().waitFor();
    await byTest(page, 'encounter-create').waitFor();
    assert.ok((await page.locator('[data-test^="encounter-edit-"]').count()) > 0);
  });
});
