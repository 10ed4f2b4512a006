// Saves <page>-<lang>.png (1280x800) of the main pages in every language. `make test` writes them
// to a scratch folder (SERVQ_SCREENSHOTS unset) so a test run leaves the repository unchanged;
// `make screenshots` sets SERVQ_SCREENSHOTS=docs/screenshots to refresh the committed ones.
import { after, before, describe, it } from 'node:test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, byTest, launchBrowser, login, newPage, startServer } from './helpers.mjs';

const OUT = process.env.SERVQ_SCREENSHOTS
  ? path.resolve(ROOT, process.env.SERVQ_SCREENSHOTS)
  : mkdtempSync(path.join(os.tmpdir(), 'servq-screenshots-'));
const PAGES = [
  { name: 'dashboard', path: '/', ready: 'counter-customers', settle: 1500 },
  { name: 'units', path: '/units', ready: 'unit-tree' },
  { name: 'staff', path: '/staff', ready: 'staff-table' },
  { name: 'customers', path: '/customers', ready: 'customer-table' },
  { name: 'encounters', path: '/encounters', ready: 'encounter-table' },
  { name: 'imports', path: '/imports', ready: 'import-kind' },
  { name: 'audit', path: '/audit', ready: 'audit-table' },
  { name: 'feedback-new', menu: 'feedbackNew', ready: 'feedback-intake' },
  { name: 'feedback', menu: 'feedback', ready: 'feedback-table' },
  // the case page: opened from the first row of the feedback log
  {
    name: 'feedback-case',
    menu: 'feedback',
    open: '[data-test^="fb-ref-"]',
    ready: 'case-timeline',
  },
  { name: 'feedback-dashboard', menu: 'feedbackDashboard', ready: 'fb-measures', settle: 1200 },
];
const LANGS = ['vi', 'zh-CN', 'en'];

/** Creates and edits a unit through the API so the audit page has before/after to show. */
async function seedAuditTrail(url) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'servq-demo-admin' }),
  });
  const { csrf_token: csrf } = await login.json();
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf };
  const created = await fetch(`${url}/api/v1/units`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code: 'PK-LB', name: 'Phòng khám vệ tinh', parent: 'CN1' }),
  });
  const unit = await created.json();
  await fetch(`${url}/api/v1/units/${unit.id}`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ name: 'Phòng khám vệ tinh Long Biên' }),
  });
}

describe('screenshots', () => {
  let server;
  let browser;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    await seedAuditTrail(server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('login page in Vietnamese', async () => {
    const page = await newPage(browser, { locale: 'vi' });
    await page.goto(`${server.url}/login`);
    await byTest(page, 'login-submit').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(OUT, 'login-vi.png') });
    await page.context().close();
  });

  for (const lang of LANGS) {
    it(`main pages in ${lang}`, async () => {
      const page = await newPage(browser, { locale: lang });
      await login(page, server.url, 'admin');
      for (const p of PAGES) {
        await byTest(page, `menu-${p.menu ?? p.name}`).click();
        if (p.open) {
          await page.locator(p.open).first().click();
        }
        await byTest(page, p.ready).waitFor();
        await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' });
        if (p.name === 'units') {
          await page.locator('[data-test^="unit-node-"]').nth(2).click();
        }
        if (p.name === 'audit') {
          const unitWord = { vi: 'Đơn vị', 'zh-CN': '部门', en: 'Unit' }[lang];
          const row = page.locator('tr.el-table__row', { hasText: unitWord }).first();
          const expand = row.locator('.el-table__expand-icon');
          if (await expand.count()) await expand.click();
        }
        await page.waitForTimeout(p.settle ?? 400);
        await page.screenshot({ path: path.join(OUT, `${p.name}-${lang}.png`) });
      }
      await page.context().close();
    });
  }
});
