// Saves <page>-<lang>.png (1280x800) of the main pages in every language, the survey pages (the
// analysis dashboard as one tall picture) and the respondent's pages on a phone (390x844).
// `make test` writes them to a scratch folder (SERVQ_SCREENSHOTS unset) so a test run leaves the
// repository unchanged; `make screenshots` sets SERVQ_SCREENSHOTS=docs/screenshots to refresh the
// committed ones. SERVQ_BIN picks another server binary (helpers.mjs).
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
// `demo` = what surveyDemo() finds through the API
const SURVEY_PAGES = [
  { name: 'surveys', path: () => '/surveys', ready: 'survey-table' },
  { name: 'survey-detail', path: () => '/surveys/1', ready: 'survey-items' },
  // the SERVQUAL questionnaire's dashboard, from the KPI cards to the comments
  {
    name: 'survey-analysis',
    path: (demo) => `/surveys/${demo.servqual}/analysis`,
    ready: 'comment',
    full: true,
    settle: 1500,
  },
  // the after-service letters campaign
  { name: 'campaign-detail', path: (demo) => `/campaigns/${demo.letter}`, ready: 'inv-table' },
];
// public pages, no login: a unit's kiosk and a personal link, in the language the respondent picks
const RESPONDENT_PAGES = [
  { name: 'respondent-kiosk', path: (demo) => demo.kiosk },
  { name: 'respondent-link', path: (demo) => `/s/${demo.token}` },
];
const PHONE = { width: 390, height: 844 };

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

/** The demo's SERVQUAL questionnaire, its letter campaign and an unused link, asked as quality. */
async function surveyDemo(url) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'quality', password: 'servq-demo-quality' }),
  });
  const headers = { Cookie: login.headers.get('set-cookie').split(';')[0] };
  const get = async (p) => (await fetch(`${url}/api/v1${p}`, { headers })).json();
  const surveys = await get('/surveys?page_size=100');
  const campaigns = (await get('/campaigns?page_size=100')).items;
  const servqual = surveys.items.find((s) => s.title.includes('SERVQUAL'));
  const letter = campaigns.find((c) => c.channel === 'letter');
  const link = campaigns.find((c) => c.channel === 'link' && c.status === 'open');
  const unused = await get(`/campaigns/${link.id}/invitations?used=false&page_size=1`);
  // kiosk codes are random: take the code of the fifth unit's kiosk from the kiosk campaign
  const kioskCampaign = campaigns.find((c) => c.channel === 'kiosk');
  const kiosks = (await get(`/campaigns/${kioskCampaign.id}/kiosks`)).items;
  const kiosk = kiosks[Math.min(3, kiosks.length - 1)];
  return {
    servqual: servqual.id,
    letter: letter.id,
    token: unused.items[0].token,
    kiosk: kiosk.url,
  };
}

/** Waits until no Vue transition or finite CSS animation is under way (tags zoom in, say). */
async function stillness(page) {
  await page.waitForFunction(
    () =>
      !document.querySelector('[class*="-enter-"], [class*="-leave-"]') &&
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

describe('screenshots', () => {
  let server;
  let browser;
  let demo;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    await seedAuditTrail(server.url);
    demo = await surveyDemo(server.url);
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

  for (const lang of LANGS) {
    it(`survey pages in ${lang}`, async () => {
      const page = await newPage(browser, { locale: lang });
      await login(page, server.url, 'admin');
      for (const p of SURVEY_PAGES) {
        await page.goto(`${server.url}${p.path(demo)}`);
        await byTest(page, p.ready).first().waitFor();
        await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' });
        if (p.full) {
          // the app scrolls inside its main pane: grow the window to the pane's whole height
          const height = await page.evaluate(() => {
            const main = document.querySelector('.shell-main');
            return Math.ceil(main.getBoundingClientRect().top + main.scrollHeight);
          });
          await page.setViewportSize({ width: 1280, height });
        }
        await page.waitForTimeout(p.settle ?? 400);
        await stillness(page);
        await page.screenshot({ path: path.join(OUT, `${p.name}-${lang}.png`) });
        if (p.full) await page.setViewportSize({ width: 1280, height: 800 });
      }
      await page.context().close();
    });

    it(`respondent pages in ${lang} on a phone`, async () => {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      for (const p of RESPONDENT_PAGES) {
        await page.goto(`${server.url}${p.path(demo)}`);
        await page.locator('[data-test="resp-form"] .sd-question').first().waitFor();
        await byTest(page, `resp-lang-${lang}`).click();
        await page.locator(`html[lang="${lang}"]`).waitFor();
        await page.waitForTimeout(400);
        await stillness(page);
        await page.screenshot({ path: path.join(OUT, `${p.name}-${lang}.png`) });
      }
      await context.close();
    });
  }
});
