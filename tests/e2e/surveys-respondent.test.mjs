// The respondent's side of surveys (PRODUCT.md S2, S3, F5) on a phone (390×844): a customer
// opens a personal link from the demo's "link" campaign, answers in Vietnamese, sends, sees the
// thank-you; the same link then says it was already used. An unhappy answer (NPS 0–6) opens a
// feedback case that the head of the unit finds in their queue. Answers survive a lost
// connection (kept on the device, sent again on "send now"), and a kiosk offers a fresh form in
// the chosen language after each response.
//
// SERVQ_E2E_URL=http://host:port runs the journeys against a server that is already running
// (with the demo data) instead of starting one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTest, launchBrowser, login, newPage, startServer } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
const COMMENT = 'Thời gian chờ khám quá lâu, nhân viên chưa hướng dẫn rõ (kiểm thử e2e khảo sát)';

/** A SurveyJS text ({default, vi, zh-cn, en} or a string) in one language. */
function textIn(v, lang) {
  if (!v) return '';
  if (typeof v === 'string') return v;
  return v[lang] ?? v.default ?? Object.values(v)[0] ?? '';
}

/** The questionnaire's pages as lists of {name, type, ...} (top-level elements = one page). */
function pagesOf(definition) {
  const flat = (els) => (els ?? []).flatMap((e) => (e.type === 'panel' ? flat(e.elements) : [e]));
  if (Array.isArray(definition.pages)) return definition.pages.map((p) => flat(p.elements));
  return [flat(definition.elements)];
}

/** A phone-sized context of its own (no cookies, no stored answers). */
async function phone(browser, extra = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    ...extra,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Clicks the choice of value `v` in a rating question (numbers, smileys, stars alike). */
async function rate(page, name, v) {
  await page.locator(`[data-name="${name}"] label:has(input[value="${v}"])`).first().click();
}

/**
 * Answers the page of the questionnaire on screen, as a respondent would, through SurveyJS's own
 * controls: `choose(element)` gives the value for a rating (or null to skip it), matrices get
 * "agree" on every row, comments get `comment`.
 */
async function answerPage(page, elements, { choose, comment, matrices = true }) {
  for (const e of elements) {
    const q = page.locator(`[data-name="${e.name}"]`);
    if (!(await q.count()) || !(await q.first().isVisible())) continue;
    if (e.type === 'rating') {
      const v = choose(e);
      if (v !== null && v !== undefined) await rate(page, e.name, v);
    } else if (e.type === 'matrix' && matrices) {
      const rows = q.locator('tr.sd-table__row');
      const n = await rows.count();
      for (let i = 0; i < n; i++) {
        const cells = rows.nth(i).locator('label.sd-matrix__label');
        const k = await cells.count();
        if (k) await cells.nth(Math.min(3, k - 1)).click();
      }
    } else if ((e.type === 'comment' || e.type === 'text') && comment) {
      await q.locator('textarea, input').first().fill(comment);
    } else if (e.isRequired && (e.type === 'radiogroup' || e.type === 'checkbox')) {
      await q.locator('label.sd-item').first().click();
    } else if (e.isRequired && e.type === 'boolean') {
      await q.locator('.sd-boolean, label').first().click();
    }
  }
}

/** Goes through every page of the questionnaire and presses "complete". */
async function answerAll(page, definition, opts) {
  const pages = pagesOf(definition);
  for (let i = 0; i < pages.length; i++) {
    await page.locator('[data-test="resp-form"] .sd-question').first().waitFor();
    await answerPage(page, pages[i], opts);
    const next = page.locator('.sd-navigation__next-btn:visible');
    if (i < pages.length - 1 && (await next.count())) {
      await next.click();
    }
  }
  await page.locator('.sd-navigation__complete-btn:visible').click();
}

describe('survey respondent (phone)', () => {
  let server;
  let browser;
  let quality; // an API context signed in as quality
  const started = new Date(Date.now() - 60_000).toISOString();
  /** unused personal links of the demo's link campaign in KHOA-NOI (the demo head's unit) */
  let invitations = [];
  let definition;
  let detractor = false;
  let npsName = null;

  before(async () => {
    server = process.env.SERVQ_E2E_URL
      ? { url: process.env.SERVQ_E2E_URL.replace(/\/$/, ''), stop: async () => {} }
      : await startServer();
    browser = await launchBrowser();
    const ctx = await browser.newContext();
    quality = ctx.request;
    const signIn = await quality.post(`${server.url}/api/v1/auth/login`, {
      data: { login: 'quality', password: 'servq-demo-quality' },
    });
    assert.equal(signIn.status(), 200, 'quality signs in');
    const campaigns = await (
      await quality.get(`${server.url}/api/v1/campaigns`, { params: { page_size: 500 } })
    ).json();
    const link = (campaigns.items ?? campaigns).find(
      (c) => c.channel === 'link' && c.status === 'open',
    );
    assert.ok(link, 'the demo has an open campaign with personal links');
    const inv = await (
      await quality.get(`${server.url}/api/v1/campaigns/${link.id}/invitations`, {
        params: { used: 'false', unit: 'KHOA-NOI', page_size: 50 },
      })
    ).json();
    invitations = (inv.items ?? []).filter((i) => !i.used_at && i.token);
    assert.ok(invitations.length >= 2, 'two unused personal links in KHOA-NOI');
    const pub = await quality.get(
      `${server.url}/api/v1/public/surveys/token/${invitations[0].token}`,
    );
    assert.equal(pub.status(), 200, 'the link opens (and is not used up by looking)');
    definition = (await pub.json()).definition;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('answers a personal link in Vietnamese on a phone and sees the thank-you', async () => {
    const page = await phone(browser);
    const token = invitations[0].token;
    await page.goto(`${server.url}/s/${token}`);
    await page.locator('[data-test="resp-form"] .sd-question').first().waitFor();

    // Vietnamese by default: our switcher, SurveyJS's own strings and the questionnaire's texts
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
    assert.equal(await byTest(page, 'resp-lang-vi').getAttribute('aria-pressed'), 'true');
    const first = pagesOf(definition)[0].find((e) => e.title);
    const body = await page.locator('body').innerText();
    if (first)
      assert.ok(body.includes(textIn(first.title, 'vi')), 'the first question in Vietnamese');
    assert.match(body, /Tiếp theo|Hoàn thành/, "SurveyJS's buttons in Vietnamese");
    assert.ok(!(await page.locator('[data-test="side-menu"]').count()), 'no app shell');
    // nothing runs off the side of the phone
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);

    const sent = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/public/responses') && r.request().method() === 'POST',
    );
    await answerAll(page, definition, {
      choose: (e) => {
        if (e.role === 'nps') {
          npsName = e.name;
          detractor = true;
          return 3;
        }
        if (e.role === 'overall') return (e.rateMin ?? 1) + 1;
        return e.rateMax ? e.rateMax - 1 : 4;
      },
      comment: COMMENT,
    });
    const answer = await sent;
    assert.equal(answer.status(), 201, 'the response is stored');
    const posted = answer.request().postDataJSON();
    assert.equal(posted.token, token);
    assert.equal(posted.lang, 'vi');
    assert.match(posted.submission_id, /^[0-9a-f-]{36}$/i);
    if (npsName) assert.equal(posted.answers[npsName], 3);

    await byTest(page, 'resp-thanks').waitFor();
    assert.match(await byTest(page, 'resp-thanks').innerText(), /cảm ơn/i);
    // acknowledged: nothing is left waiting on the device
    const kept = await page.evaluate((k) => localStorage.getItem(k), `servq.survey.token.${token}`);
    assert.equal(kept, null);

    // the same link again: already used, said in Vietnamese
    await page.reload();
    const refused = byTest(page, 'resp-refused');
    await refused.waitFor();
    assert.equal(await refused.getAttribute('data-code'), 'survey.link_used');
    assert.match(await refused.innerText(), /đã được sử dụng/);
    await page.context().close();
  });

  it("puts a detractor's answer into the unit head's queue as a survey complaint", async (t) => {
    if (!detractor) {
      t.skip('the questionnaire has no NPS question');
      return;
    }
    const page = await newPage(browser, { locale: 'vi' });
    await login(page, server.url, 'head');
    // The case opens just after the response is stored (within about a second): ask a few times.
    let mine = null;
    for (let attempt = 0; attempt < 50 && !mine; attempt++) {
      if (attempt) await new Promise((res) => setTimeout(res, 100));
      const r = await page.request.get(`${server.url}/api/v1/feedback`, {
        params: { channel: 'survey', from: started, page_size: 100 },
      });
      assert.equal(r.status(), 200);
      const cases = (await r.json()).items ?? [];
      mine = cases.find((c) => (c.content ?? '').includes(COMMENT)) ?? cases[0];
    }
    assert.ok(mine, 'a feedback case with channel survey was opened');
    assert.equal(mine.channel, 'survey');
    assert.equal(mine.kind, 'complaint');

    await byTest(page, 'menu-feedbackQueue').click();
    const queue = byTest(page, 'queue-table');
    await queue.locator('tbody tr').first().waitFor();
    const row = queue.locator('tbody tr', { hasText: mine.reference });
    assert.equal(await row.count(), 1, `${mine.reference} is in the head's queue`);
    await row.locator('a').first().click();
    await byTest(page, 'case-detail').waitFor();
    assert.match(await byTest(page, 'case-detail').innerText(), /khảo sát/i, 'channel survey');
    await page.context().close();
  });

  it('keeps the answers through a lost connection and sends them once it is back', async () => {
    const page = await phone(browser);
    const token = invitations[1].token;
    await page.goto(`${server.url}/s/${token}`);
    await page.locator('[data-test="resp-form"] .sd-question').first().waitFor();
    const pages = pagesOf(definition);
    for (let i = 0; i < pages.length; i++) {
      await answerPage(page, pages[i], {
        choose: (e) => (e.role === 'nps' ? 9 : e.role === 'overall' ? (e.rateMax ?? 5) : null),
        matrices: false,
      });
      if (i < pages.length - 1) await page.locator('.sd-navigation__next-btn:visible').click();
    }
    await page.context().setOffline(true);
    await page.locator('.sd-navigation__complete-btn:visible').click();
    const waiting = byTest(page, 'resp-waiting');
    await waiting.waitFor();
    assert.match(await byTest(page, 'resp-kept').innerText(), /lưu trên thiết bị/);
    const kept = JSON.parse(
      await page.evaluate((k) => localStorage.getItem(k), `servq.survey.token.${token}`),
    );
    assert.equal(kept.completed, true, 'the completed answers wait on the device');
    assert.ok(Object.keys(kept.answers).length > 0);

    // "send now" while still offline: tried again at once, still kept, still waiting
    await byTest(page, 'resp-retry').click();
    await byTest(page, 'resp-retry').waitFor();
    assert.match(await byTest(page, 'resp-kept').innerText(), /lưu trên thiết bị/);

    // back online: the page sends by itself when the browser says so, or on "send now"
    await page.context().setOffline(false);
    await page.locator('[data-test="resp-thanks"], [data-test="resp-retry"]').first().waitFor();
    try {
      await byTest(page, 'resp-retry').click({ timeout: 2000 });
    } catch {
      /* already sent on the browser's "online" event */
    }
    await byTest(page, 'resp-thanks').waitFor();
    assert.equal(
      await page.evaluate((k) => localStorage.getItem(k), `servq.survey.token.${token}`),
      null,
    );
    const used = await (
      await quality.get(`${server.url}/api/v1/public/surveys/token/${token}`)
    ).json();
    assert.equal(used.code, 'survey.link_used', 'stored exactly once, the link is used');
    await page.context().close();
  });

  it('gives a kiosk a fresh form in the chosen language after each response', async () => {
    const campaigns = await (
      await quality.get(`${server.url}/api/v1/campaigns`, { params: { page_size: 500 } })
    ).json();
    const kioskCampaign = (campaigns.items ?? campaigns).find(
      (c) => c.channel === 'kiosk' && c.status === 'open',
    );
    assert.ok(kioskCampaign, 'the demo has a kiosk campaign');
    const kiosks = await (
      await quality.get(`${server.url}/api/v1/campaigns/${kioskCampaign.id}/kiosks`)
    ).json();
    const kiosk = (kiosks.items ?? kiosks)[0];
    // kiosk codes are random, not demo-kiosk-<unit id> (issue 11: guessable codes let anyone answer)
    assert.match(kiosk.code, /^[A-Za-z0-9_-]{12,}$/);
    assert.doesNotMatch(kiosk.code, /demo-kiosk/);
    assert.ok(kiosk?.code, 'a kiosk code');
    const def = (
      await (await quality.get(`${server.url}/api/v1/public/surveys/kiosk/${kiosk.code}`)).json()
    ).definition;

    const page = await phone(browser);
    await page.goto(`${server.url}/k/${kiosk.code}`);
    await page.locator('[data-test="resp-form"] .sd-question').first().waitFor();
    await byTest(page, 'resp-lang-zh-CN').click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    const first = pagesOf(def)[0].find((e) => e.title);
    if (first) {
      await page.getByText(textIn(first.title, 'zh-cn'), { exact: false }).first().waitFor();
    }
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/responses'));
    await answerAll(page, def, {
      choose: (e) => (e.role === 'nps' ? 10 : (e.rateMax ?? 5)),
      comment: '护士态度很好 (e2e)',
    });
    const answer = await sent;
    assert.equal(answer.request().postDataJSON().lang, 'zh-cn');
    assert.ok(answer.request().postDataJSON().kiosk, 'sent as a kiosk response');
    await byTest(page, 'resp-thanks').waitFor();
    assert.match(await byTest(page, 'resp-thanks').innerText(), /谢谢/);

    await byTest(page, 'resp-new').click();
    await page.locator('[data-test="resp-form"] .sd-question').first().waitFor();
    assert.equal(await byTest(page, 'resp-lang-vi').getAttribute('aria-pressed'), 'true');
    assert.equal(
      await page.locator('[data-test="resp-form"] input[type="radio"]:checked').count(),
      0,
      'the next customer starts with an empty form',
    );
    await page.context().close();
  });
});
