// Shared set-up of the browser tests: a scratch servq (demo data) on a free port serving the
// built SPA, and Debian's chromium driven by playwright-core from web/node_modules.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = require(path.join(ROOT, 'web/node_modules/playwright-core'));

export const SERVQ = process.env.SERVQ_BIN ?? path.join(ROOT, 'build/servq');
export const WEB_ROOT = path.join(ROOT, 'web/dist');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Starts `servq serve` on a demo database in a temp dir; resolves once it listens. */
export async function startServer() {
  if (!existsSync(SERVQ)) throw new Error(`${SERVQ} is missing: build the server first`);
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT}/index.html is missing: run "npm run build" in web/ first`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'servq-e2e-'));
  const db = path.join(dir, 'e2e.sqlite');
  const demo = spawnSync(SERVQ, ['demo', '--db', db], { encoding: 'utf8', timeout: 120_000 });
  if (demo.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`servq demo failed (${demo.status}): ${demo.stderr}${demo.stdout}`);
  }
  const proc = spawn(
    SERVQ,
    ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web-root', WEB_ROOT],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`servq did not start: ${stderr}`)), 20_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /servq listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`servq exited with ${code}: ${stderr}`));
    });
  });
  proc.stdout.resume();
  return {
    url,
    db,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own cookies and localStorage) with a page of the screenshot size;
 * `timezoneId` sets the browser's own time zone. */
export async function newPage(browser, { locale, timezoneId } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId });
  if (locale) {
    await context.addInitScript((l) => {
      if (!sessionStorage.getItem('servq.e2e.locale-set')) {
        localStorage.setItem('servq.locale', l);
        sessionStorage.setItem('servq.e2e.locale-set', '1');
      }
    }, locale);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export const byTest = (page, id) => page.locator(`[data-test="${id}"]`);

export async function login(page, url, user, password = `servq-demo-${user}`) {
  await page.goto(`${url}/login`);
  await byTest(page, 'login-user').fill(user);
  await byTest(page, 'login-password').fill(password);
  await byTest(page, 'login-submit').click();
  await byTest(page, 'side-menu').waitFor();
}

/** Picks the option whose text contains `text` (or matches a RegExp) in the open select / tree-select popper. */
export async function pickOption(page, trigger, text) {
  await trigger.click();
  const popper = page.locator('.el-popper:visible, .el-select__popper:visible').last();
  await popper.getByText(text, { exact: false }).first().click();
}
