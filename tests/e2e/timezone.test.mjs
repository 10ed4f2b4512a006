// The organisation's time zone in the browser: a case received at 06:30 on 1 October in Hanoi
// (23:30Z on 30 September) shows as 06:30 on 1 October although the browser itself runs in
// Europe/Berlin (where that instant is 01:30); after the admin switches the organisation to
// Asia/Shanghai on the settings page, the same case shows 07:30. Hours by hand: Hanoi UTC+7,
// Shanghai UTC+8, Berlin UTC+2 (CEST) on that date.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTest, launchBrowser, login, newPage, startServer } from './helpers.mjs';

describe('organisation time zone', () => {
  let server;
  let browser;
  let page;
  let caseId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser, { locale: 'en', timezoneId: 'Europe/Berlin' });
    await login(page, server.url, 'admin');
    // the case, through the API with the session of the page
    caseId = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const r = await fetch('/api/v1/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
        body: JSON.stringify({
          received_at: '2026-10-01T06:30:00+07:00',
          channel: 'phone',
          kind: 'complaint',
          category: 'attitude',
          content: 'Giờ nhận theo giờ Hà Nội',
        }),
      });
      if (r.status !== 201) throw new Error(`POST /feedback: ${r.status} ${await r.text()}`);
      return (await r.json()).id;
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const receivedText = async () => {
    await page.goto(`${server.url}/feedback/${caseId}`);
    const detail = byTest(page, 'case-detail');
    await detail.waitFor();
    await detail.getByText('Giờ nhận theo giờ Hà Nội').waitFor();
    const all = await detail.textContent();
    // "Received" is followed by its value (the label and value cells of el-descriptions)
    return /Received\s*([^A-Z]*[AP]M)/.exec(all)?.[1] ?? all;
  };

  it("shows the received time in the organisation's zone, not the browser's", async () => {
    const text = await receivedText();
    assert.match(text, /10\/1\/26,\s*6:30\s*AM/, text);
    assert.doesNotMatch(text, /1:30/, text);
  });

  it('follows the zone the admin sets on the settings page', async () => {
    await byTest(page, 'menu-orgSettings').click();
    const zone = byTest(page, 'settings-time-zone');
    await zone.waitFor();
    await zone.click();
    await page.keyboard.type('Asia/Shanghai');
    await page.keyboard.press('Enter');
    await byTest(page, 'settings-save').click();
    await page.locator('.el-message--success').waitFor();
    const text = await receivedText();
    assert.match(text, /10\/1\/26,\s*7:30\s*AM/, text);
  });
});
