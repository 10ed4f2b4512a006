// The web app's side of issue 11 in Chromium, under the server's Content-Security-Policy:
// - walking login → dashboard → feedback list → a survey analysis → a questionnaire preview →
//   a public kiosk page raises no CSP violation (securitypolicyviolation events and console CSP
//   errors alike);
// - a unit named like an XSS payload shows as text in a chart tooltip of the survey analysis;
// - a questionnaire with hostile HTML (as a server that did not sanitise would send it) is
//   rendered on the kiosk page only sanitised, its titles as text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { WEB_ROOT, byTest, launchBrowser, login, newPage, startServer } from './helpers.mjs';

const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const PAYLOAD = '<img src=x onerror=window.__xss=1>';

/** An API session of `user` (cookie + CSRF token) for fetch from node. */
async function apiSession(url, user) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ login: user, password: `servq-demo-${user}` }),
  });
  assert.equal(res.status, 200, `login ${user}`);
  const { csrf_token: csrf } = await res.json();
  const headers = {
    'Content-Type': 'application/json',
    Origin: url,
    Cookie: res.headers.get('set-cookie').split(';')[0],
    'X-CSRF-Token': csrf,
  };
  const call = async (method, p, body) => {
    const r = await fetch(`${url}/api/v1${p}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${p}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { get: (p) => call('GET', p), patch: (p, b) => call('PATCH', p, b) };
}

const itemsOf = (x) => x?.items ?? x;

/** Records CSP violations of every page of `context`, across navigations. */
async function watchCsp(context) {
  const seen = [];
  await context.exposeBinding('__servqCsp', (_src, v) => seen.push(v));
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        window.__servqCsp({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          sample: e.sample,
          at: `${e.sourceFile}:${e.lineNumber}`,
          page: location.pathname,
        }),
      true,
    );
  });
  context.on('console', (m) => {
    if (/Content.Security.Policy|Refused to (execute|load|apply|evaluate|connect)/i.test(m.text()))
      seen.push({ console: m.text(), page: m.location()?.url });
  });
  return seen;
}

describe('web security in the browser', () => {
  let server;
  let browser;
  let demo;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const quality = await apiSession(server.url, 'quality');
    const surveys = itemsOf(await quality.get('/surveys?page_size=100'));
    const servqual = surveys.find((s) => s.title.includes('SERVQUAL')) ?? surveys[0];
    const campaigns = itemsOf(await quality.get('/campaigns?page_size=100'));
    const kioskCampaign = campaigns.find((c) => c.channel === 'kiosk' && c.status === 'open');
    const kiosk = itemsOf(await quality.get(`/campaigns/${kioskCampaign.id}/kiosks`))[0];
    const kioskSurvey = await (
      await fetch(`${server.url}/api/v1/public/surveys/kiosk/${kiosk.code}`)
    ).json();
    demo = { servqual: servqual.id, kiosk: kiosk.code, kioskDefinition: kioskSurvey.definition };
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the built app has no eval and no inline script', () => {
    const html = readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(m[1], /\bsrc=/, 'every script of index.html is a file');
      assert.equal(m[2].trim(), '', 'no inline script in index.html');
    }
    const dir = path.join(WEB_ROOT, 'assets');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      const js = readFileSync(path.join(dir, f), 'utf8');
      assert.doesNotMatch(js, /new Function\s*\(|[^.\w$]eval\s*\(/, `${f} uses eval`);
      assert.doesNotMatch(js, /onsubmit:\s*["'`]return false;["'`]/, `${f} has an inline handler`);
    }
  });

  it('walks login → dashboard → feedback → survey analysis → preview → kiosk without a CSP violation', async () => {
    const page = await newPage(browser, { locale: 'vi' });
    const seen = await watchCsp(page.context());

    const res = await page.goto(`${server.url}/login`);
    assert.equal(res.headers()['content-security-policy'], POLICY, 'the server sends the policy');
    await login(page, server.url, 'admin');
    await byTest(page, 'counter-customers').waitFor();
    await byTest(page, 'chart-months').waitFor();
    await page.waitForTimeout(500);

    await byTest(page, 'menu-feedback').click();
    await byTest(page, 'feedback-table').waitFor();
    await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' });

    await page.goto(`${server.url}/surveys/${demo.servqual}/analysis`);
    await byTest(page, 'chart-trend').waitFor();
    await byTest(page, 'comment').first().waitFor();
    await page.waitForTimeout(800);

    // the quality side's preview of a questionnaire (SurveyJS in display mode)
    await page.goto(`${server.url}/surveys/${demo.servqual}`);
    await page.locator('#tab-preview').click();
    await byTest(page, 'survey-preview').locator('[data-name]').first().waitFor();
    await page.waitForTimeout(300);

    await page.goto(`${server.url}/k/${demo.kiosk}`);
    const question = page.locator('[data-name]').first();
    await question.waitFor();
    // answer something, so that SurveyJS runs its expressions and conditions
    await page.locator('[data-name] label:has(input)').first().click();
    await page.waitForTimeout(500);

    assert.deepEqual(seen, [], 'no CSP violation');

    // the watcher itself works: an inline script is refused and reported
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.appendChild(s);
    });
    await page.waitForTimeout(300);
    assert.ok(seen.length > 0, 'a deliberate violation is seen');
    assert.equal(await page.evaluate(() => window.__inline), undefined);
    await page.context().close();
  });

  it('shows a unit named like an XSS payload as text in the ranking tooltip', async () => {
    const admin = await apiSession(server.url, 'admin');
    const ranking = itemsOf(await admin.get(`/surveys/${demo.servqual}/ranking?by=unit`));
    const row = ranking.find((r) => r.key && !r.suppressed);
    assert.ok(row, 'a unit with figures in the ranking');
    const units = itemsOf(await admin.get('/units?tree=1'));
    const unit = units.find((u) => u.code === row.key || String(u.id) === String(row.key));
    assert.ok(unit, `unit ${row.key}`);
    const name = `${PAYLOAD} Khoa Nội – 内科`;
    await admin.patch(`/units/${unit.id}`, { name });

    const page = await newPage(browser, { locale: 'vi' });
    await login(page, server.url, 'admin');
    await page.goto(`${server.url}/surveys/${demo.servqual}/analysis`);
    const card = byTest(page, 'chart-ranking');
    await card.scrollIntoViewIfNeeded();
    const chart = card.locator('x-vue-echarts, .echarts').first();
    await chart.waitFor();
    await page.waitForTimeout(800);
    const box = await chart.boundingBox();
    const n = ranking.length;
    const top = 10;
    const plot = box.height - 10 - 24;
    let found = null;
    for (let i = 0; i < n && !found; i++) {
      await page.mouse.move(box.x + 220, box.y + top + (i + 0.5) * (plot / n));
      await page.waitForTimeout(150);
      found = await chart.evaluate((el, literal) => {
        for (const d of el.querySelectorAll('div')) {
          if (d.style.zIndex && d.textContent.includes('Khoa Nội – 内科'))
            return { text: d.textContent, imgs: d.querySelectorAll('img').length, literal };
        }
        return null;
      }, name);
    }
    assert.ok(found, 'the tooltip of the renamed unit was shown');
    assert.equal(found.imgs, 0, 'no <img> element made from the name');
    assert.ok(found.text.includes(name), `the literal name in the tooltip: ${found.text}`);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await page.context().close();
  });

  it('renders a hostile questionnaire on the kiosk page only sanitised', async () => {
    const page = await newPage(browser, { locale: 'vi' });
    await page.route('**/api/v1/public/surveys/kiosk/**', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      const d = body.definition;
      const first = d.pages ? d.pages[0].elements : d.elements;
      first.unshift({
        type: 'html',
        name: 'sec_html',
        html: {
          default: `<p>Xin chào <b>quý khách</b> 您好</p>${PAYLOAD}<script>window.__xss=2</script><form action="https://evil.example"><input name="pw"></form><a href="javascript:window.__xss=3">liên kết</a>`,
        },
      });
      first[1].title = `${PAYLOAD} Câu hỏi`;
      d.completedHtml = `<b>Cảm ơn</b>${PAYLOAD}`;
      await route.fulfill({ response: res, json: body });
    });
    await page.goto(`${server.url}/k/${demo.kiosk}`);
    const html = page.locator('[data-name="sec_html"]');
    await html.waitFor();
    const inside = await html.evaluate((el) => ({
      text: el.textContent,
      bad: [...el.querySelectorAll('img, script, form, input')].map((e) => e.tagName),
      hrefs: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    }));
    assert.ok(inside.text.includes('Xin chào quý khách 您好'), inside.text);
    assert.deepEqual(
      inside.bad.filter((t) => t !== 'IMG'),
      [],
      'no script, form or input',
    );
    assert.equal(
      await html.locator('img[onerror], img[src="x"]').count(),
      0,
      'the payload image is stripped of its handler and source',
    );
    assert.deepEqual(inside.hrefs, [null], 'the javascript: link lost its href');
    const title = page.locator('[data-name]').nth(1).locator('.sd-question__title, h5').first();
    assert.ok((await title.textContent()).includes(PAYLOAD), 'the title shows the payload as text');
    assert.equal(await page.locator('[data-name] img[src="x"]').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await page.context().close();
  });

  for (const [lang, expected] of [
    ['vi', (title) => `Câu trả lời cho ${title} không hợp lệ.`],
    ['zh-CN', (title) => `对“${title}”的回答无效。`],
  ]) {
    it(`names the question of a refused answer in ${lang}`, async () => {
      const flat = (els) =>
        (els ?? []).flatMap((e) => (e.type === 'panel' ? flat(e.elements) : [e]));
      const d = demo.kioskDefinition;
      const all = d.pages ? d.pages.flatMap((p) => flat(p.elements)) : flat(d.elements);
      const rating = all.find((e) => e.type === 'rating');
      assert.ok(rating, 'the kiosk questionnaire has a rating question');
      const sjsLang = lang === 'zh-CN' ? 'zh-cn' : 'vi';
      const title =
        typeof rating.title === 'string'
          ? rating.title
          : (rating.title?.[sjsLang] ?? rating.title?.default ?? rating.name);

      const page = await newPage(browser, { locale: lang });
      // the form shows that one question; the answer sent is out of its scale, as a client that
      // skipped SurveyJS's own checks would send it: the server refuses it (survey.answer_invalid)
      await page.route('**/api/v1/public/surveys/kiosk/**', async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        body.definition = {
          ...body.definition,
          pages: [{ name: 'p1', elements: [{ ...rating, isRequired: false }] }],
        };
        delete body.definition.elements;
        await route.fulfill({ response: res, json: body });
      });
      await page.route('**/api/v1/public/responses', async (route) => {
        const body = route.request().postDataJSON();
        body.answers = { [rating.name]: 99 };
        await route.continue({ postData: JSON.stringify(body) });
      });
      await page.goto(`${server.url}/k/${demo.kiosk}`);
      await byTest(page, `resp-lang-${lang}`).click();
      await page.locator(`[data-name="${rating.name}"] label:has(input)`).first().click();
      await page.locator('.sd-navigation__complete-btn, input.sd-btn--action').last().click();
      const alert = byTest(page, 'resp-invalid');
      await alert.waitFor();
      assert.equal(await alert.getAttribute('data-code'), 'survey.answer_invalid');
      const text = await alert.innerText();
      assert.ok(text.includes(expected(title)), `${lang}: ${text}`);
      await page.context().close();
    });
  }
});
