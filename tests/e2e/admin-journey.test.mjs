// An administrator's day: sign in, switch languages, grow the organisation, import customers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { byTest, launchBrowser, login, newPage, pickOption, startServer } from './helpers.mjs';

describe('admin journey', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in as admin and lands on the dashboard in Vietnamese', async () => {
    await login(page, server.url, 'admin');
    await byTest(page, 'dashboard').waitFor();
    await byTest(page, 'counter-customers').waitFor();
    assert.match(await byTest(page, 'menu-dashboard').innerText(), /Tổng quan/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
  });

  it('rejects a wrong password with a translated message', async () => {
    const other = await newPage(browser);
    await other.goto(`${server.url}/login`);
    await byTest(other, 'login-user').fill('quality');
    await byTest(other, 'login-password').fill('not-the-password');
    await byTest(other, 'login-submit').click();
    await byTest(other, 'login-error').waitFor();
    assert.match(await byTest(other, 'login-error').innerText(), /Sai tên đăng nhập hoặc mật khẩu/);
    await other.context().close();
  });

  it('switches to Chinese and back to Vietnamese, remembering the choice', async () => {
    await byTest(page, 'lang-button').click();
    await byTest(page, 'lang-zh-CN').click();
    await page.getByText('概览', { exact: true }).first().waitFor();
    assert.match(await byTest(page, 'menu-units').innerText(), /组织架构/);
    assert.match(await byTest(page, 'menu-customers').innerText(), /客户/);
    // Element Plus's own texts follow (pagination "共 N 条" on a list page)
    await byTest(page, 'menu-staff').click();
    await page.locator('.el-pagination__total').waitFor();
    assert.match(await page.locator('.el-pagination__total').innerText(), /共/);

    await page.reload();
    await byTest(page, 'side-menu').waitFor();
    assert.match(await byTest(page, 'menu-units').innerText(), /组织架构/);

    await byTest(page, 'lang-button').click();
    await byTest(page, 'lang-vi').click();
    await page.getByText('Cơ cấu tổ chức', { exact: true }).first().waitFor();
    assert.match(await byTest(page, 'menu-staff').innerText(), /Nhân viên/);
    assert.match(await page.locator('.el-pagination__total').innerText(), /Tổng/);
  });

  it('creates a unit under a branch', async () => {
    await byTest(page, 'menu-units').click();
    await byTest(page, 'unit-tree').waitFor();
    await page.locator('[data-test^="unit-node-"]').first().waitFor();
    await byTest(page, 'unit-create').click();
    const dialog = page.locator('.el-dialog:visible');
    await byTest(page, 'unit-code').fill('E2E-KHOA');
    await byTest(page, 'unit-name').fill('Khoa Kiểm thử Đặc biệt');
    await pickOption(page, dialog.locator('[data-test="unit-parent"]'), '(CN1)');
    await byTest(page, 'unit-save').click();
    await byTest(page, 'unit-node-E2E-KHOA').waitFor();
    assert.match(await byTest(page, 'unit-node-E2E-KHOA').innerText(), /Khoa Kiểm thử Đặc biệt/);
    // selected after creation: its path runs through the branch
    await byTest(page, 'unit-node-E2E-KHOA').click();
    await page.locator('.el-descriptions').getByText('CN1 › E2E-KHOA', { exact: false }).waitFor();
  });

  it('creates a staff member in the new unit', async () => {
    await byTest(page, 'menu-staff').click();
    await byTest(page, 'staff-table').waitFor();
    await byTest(page, 'staff-create').click();
    const dialog = page.locator('.el-dialog:visible');
    await byTest(page, 'staff-code').fill('E2E-001');
    await byTest(page, 'staff-name').fill('Nguyễn Thị Thử Nghiệm');
    await byTest(page, 'staff-title').fill('Điều dưỡng');
    await pickOption(page, dialog.locator('[data-test="staff-unit"]'), '(E2E-KHOA)');
    await byTest(page, 'staff-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await byTest(page, 'staff-search').fill('E2E-001');
    await byTest(page, 'staff-search').press('Enter');
    const row = byTest(page, 'staff-table').locator('tbody tr', { hasText: 'E2E-001' });
    await row.waitFor();
    assert.match(await row.innerText(), /Nguyễn Thị Thử Nghiệm/);
    assert.match(await row.innerText(), /E2E-KHOA/);
  });

  it('makes the new staff member head of the new unit and renames it', async () => {
    await byTest(page, 'menu-units').click();
    await byTest(page, 'unit-node-E2E-KHOA').click();
    await byTest(page, 'unit-assign-head').click();
    const dialog = page.locator('.el-dialog:visible');
    await pickOption(page, dialog.locator('[data-test="unit-head"]'), '(E2E-001)');
    await byTest(page, 'unit-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await byTest(page, 'unit-node-E2E-KHOA').getByText('E2E-001').waitFor();

    await byTest(page, 'unit-rename').click();
    await byTest(page, 'unit-name').fill('Khoa Kiểm thử Đã đổi tên');
    await byTest(page, 'unit-save').click();
    await byTest(page, 'unit-node-E2E-KHOA').getByText('Khoa Kiểm thử Đã đổi tên').waitFor();
  });

  it('moves the new unit to the other branch, never under its own subtree', async () => {
    await byTest(page, 'unit-node-CN1').click();
    await byTest(page, 'unit-move').click();
    let dialog = page.locator('.el-dialog:visible');
    await dialog.locator('[data-test="unit-parent"]').click();
    const own = page.locator('.el-tree-select__popper:visible .el-tree-node[data-key="E2E-KHOA"]');
    assert.equal(await own.getAttribute('aria-disabled'), 'true');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await byTest(page, 'unit-node-E2E-KHOA').click();
    await byTest(page, 'unit-move').click();
    dialog = page.locator('.el-dialog:visible');
    await pickOption(page, dialog.locator('[data-test="unit-parent"]'), '(CN2)');
    await byTest(page, 'unit-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.el-descriptions').getByText('CN2 › E2E-KHOA', { exact: false }).waitFor();
  });

  it('offers a customers template: UTF-8 with BOM, the header and an example row', async () => {
    await byTest(page, 'menu-imports').click();
    await byTest(page, 'import-kind-customers').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      byTest(page, 'import-template-customers').click(),
    ]);
    assert.match(download.suggestedFilename(), /customers.*\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    const header =
      'external_id,name,phone,email,address,category,referred_by,tier,consent_contact,consent_survey';
    assert.ok(text.startsWith(`\uFEFF${header}\r\n`), JSON.stringify(text.slice(0, 120)));
    assert.equal(text.trimEnd().split('\r\n').length, 2);
    // the page names the same columns, without first_visit / last_visit
    const shown = (await byTest(page, 'import-header').innerText()).replaceAll('\u200b', '');
    assert.equal(shown, header);
  });

  it('rejects a customers CSV with one bad line, naming the line and field', async () => {
    await byTest(page, 'menu-imports').click();
    await byTest(page, 'import-kind-customers').click();
    const csv = [
      'external_id,name,phone,email,category,consent_contact,consent_survey',
      'E2E-C1,Trần Văn Một,0912000111,mot@example.vn,first_time,true,true',
      'E2E-C2,Lê Thị Hai,12,,long_term,true,false',
      'E2E-C3,张伟,0912000333,,long_term,false,false',
    ].join('\n');
    await byTest(page, 'import-file').setInputFiles({
      name: 'khach-hang.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    assert.equal(await byTest(page, 'import-file-name').innerText(), 'khach-hang.csv');
    await byTest(page, 'import-run').click();
    const table = byTest(page, 'import-error-table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 1, await table.innerText());
    const cells = await rows.first().locator('td').allInnerTexts();
    assert.equal(cells[0].trim(), '3');
    assert.equal(cells[1].trim(), 'phone');
    assert.ok(cells[2].trim().length > 0);
    assert.match(await byTest(page, 'import-error-count').innerText(), /1/);
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      byTest(page, 'import-error-download').click(),
    ]);
    const lines = (await readFile(await report.path(), 'utf8')).trimEnd().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1], /^3,phone,customer\.phone_invalid,/);
  });

  it('dry-runs and then imports the corrected file', async () => {
    const csv = [
      'external_id,name,phone,email,category,consent_contact,consent_survey',
      'E2E-C1,Trần Văn Một,0912000111,mot@example.vn,first_time,true,true',
      'E2E-C2,Lê Thị Hai,0912000222,,long_term,true,false',
      'E2E-C3,张伟,0912000333,,long_term,false,false',
    ].join('\n');
    await byTest(page, 'import-file').setInputFiles({
      name: 'khach-hang-sua.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await byTest(page, 'import-dry-run').click();
    await byTest(page, 'import-result').waitFor();
    assert.equal((await byTest(page, 'import-total').innerText()).trim(), '3');
    await byTest(page, 'import-run').click();
    await page.locator('[data-test="import-result"] .el-alert--success').waitFor();
    assert.equal((await byTest(page, 'import-created').innerText()).trim(), '3');
    assert.equal((await byTest(page, 'import-updated').innerText()).trim(), '0');
    assert.equal((await byTest(page, 'import-unchanged').innerText()).trim(), '0');

    await byTest(page, 'menu-customers').click();
    await byTest(page, 'customer-search').fill('E2E-C3');
    await byTest(page, 'customer-search').press('Enter');
    await byTest(page, 'customer-table').locator('tbody tr', { hasText: '张伟' }).waitFor();
    // admin (like quality) may register customers by hand
    await byTest(page, 'customer-create').waitFor();
  });
});
