// The closed feedback loop in the browser (PRODUCT.md F1–F4): quality logs a phone complaint about
// KHOA-NOI with the keyboard only, verifies, accepts and escalates it; the head of KHOA-NOI
// resolves; a "not satisfied" callback reopens it; the head resolves again; a "satisfied" callback
// closes it; the case page shows every step. Also full-text search in both scripts and the
// auditor's masked customer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTest, launchBrowser, login, newPage, startServer } from './helpers.mjs';

const CONTENT = 'Thái độ nhân viên tiếp đón rất cộc lốc (kiểm thử e2e)';

/** Takes the case action `action` through its dialog; `fill` sets the dialog's own fields. */
async function act(page, action, fill) {
  const btn = byTest(page, `action-${action}`);
  await btn.waitFor();
  await btn.click();
  const dialog = page.locator('.el-dialog:visible', { has: byTest(page, 'action-submit') });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.locator('[data-test="action-submit"]').click();
  await dialog.waitFor({ state: 'hidden' });
}

async function statusText(page) {
  return (await page.locator('.el-page-header [data-test="fb-status"]').innerText()).trim();
}

describe('feedback closed loop', () => {
  let server;
  let browser;
  let quality;
  let head;
  let caseUrl;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    quality = await newPage(browser, { locale: 'vi' });
    head = await newPage(browser, { locale: 'vi' });
    await login(quality, server.url, 'quality');
    await login(head, server.url, 'head');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs a phone complaint with the keyboard only', async () => {
    const page = quality;
    await byTest(page, 'menu-feedbackNew').click();
    await byTest(page, 'fb-phone').waitFor();
    // the phone box has the focus at once
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-test') === 'fb-phone',
    );
    const kb = page.keyboard;
    await kb.type('0912000111');
    await kb.press('Tab');
    await kb.type('Nguyễn Văn Thử');
    await kb.press('Tab');
    await kb.type('12 Phố Huế, Hà Nội');
    await kb.press('Tab'); // anonymous checkbox
    await kb.press('Tab'); // channel (phone by default)
    await kb.press('Tab'); // kind (complaint by default)
    await kb.press('Tab'); // content
    await kb.type(CONTENT);
    await kb.press('Tab'); // unit
    await kb.type('KHOA-NOI');
    await page
      .locator('.el-select-dropdown__item.is-hovering', { hasText: '(KHOA-NOI)' })
      .waitFor();
    await kb.press('Enter');
    await kb.press('Tab'); // staff
    await kb.press('Tab'); // category
    await kb.type('Thái độ');
    await page.locator('.el-select-dropdown__item.is-hovering', { hasText: 'Thái độ' }).waitFor();
    await kb.press('Enter');
    await kb.press('Tab'); // severity
    await kb.type('Cao');
    await page.locator('.el-select-dropdown__item.is-hovering', { hasText: 'Cao' }).waitFor();
    await kb.press('Enter');
    await kb.press('Control+Enter');

    const ref = byTest(page, 'fb-reference');
    await ref.waitFor();
    assert.match((await ref.innerText()).trim(), /^PH-\d{4}-\d{6}$/);
    // "log another" has the focus so Enter starts the next call
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-test') === 'fb-another',
    );
    await byTest(page, 'fb-open').click();
    await byTest(page, 'case-detail').waitFor();
    caseUrl = page.url();
    const detail = await byTest(page, 'case-detail').innerText();
    assert.ok(detail.includes(CONTENT), 'content kept verbatim');
    assert.ok(detail.includes('KHOA-NOI'));
    assert.ok(detail.includes('Thái độ phục vụ'));
    assert.ok(detail.includes('Cao'));
    assert.ok(detail.includes('Điện thoại'), 'channel phone');
    // Shown in the national form of the organisation's region (grouped: "0912 000 111").
    assert.equal((await byTest(page, 'case-phone').innerText()).replace(/\D/g, ''), '0912000111');
  });

  it('is verified, accepted and escalated by quality', async () => {
    await act(quality, 'verify');
    await byTest(quality, 'action-accept').waitFor();
    await act(quality, 'accept', (d) =>
      d.locator('textarea[data-test="action-note"]').fill('Tiếp nhận xử lý'),
    );
    await act(quality, 'escalate');
    await byTest(quality, 'action-escalate').waitFor({ state: 'detached' });
    assert.equal(await statusText(quality), 'Đang xử lý');
  });

  it('is resolved by the head of KHOA-NOI, reopened by an unhappy callback, resolved again, closed', async () => {
    await head.goto(caseUrl);
    await act(head, 'resolve', (d) =>
      d.locator('textarea[data-test="action-resolution"]').fill('Đã nhắc nhở nhân viên'),
    );
    await head
      .locator('.el-page-header [data-test="fb-status"]', { hasText: 'Đã giải quyết' })
      .waitFor();

    await quality.reload();
    await act(quality, 'callback', async (d) => {
      await d.locator('[data-test="outcome-not_satisfied"]').click();
    });
    await quality
      .locator('.el-page-header [data-test="fb-status"]', { hasText: 'Đang xử lý' })
      .waitFor();
    assert.ok((await byTest(quality, 'case-detail').innerText()).includes('mở lại 1 lần'));

    await head.reload();
    await act(head, 'resolve', (d) =>
      d.locator('textarea[data-test="action-resolution"]').fill('Xin lỗi khách, đào tạo lại'),
    );
    await head
      .locator('.el-page-header [data-test="fb-status"]', { hasText: 'Đã giải quyết' })
      .waitFor();

    await quality.reload();
    await act(quality, 'callback', async (d) => {
      await d.locator('[data-test="outcome-satisfied"]').click();
    });
    await quality
      .locator('.el-page-header [data-test="fb-status"]', { hasText: 'Đã đóng' })
      .waitFor();
  });

  it('shows every step on the case page with who and when', async () => {
    await quality.goto(caseUrl);
    const items = byTest(quality, 'timeline-item');
    await items.first().waitFor();
    const steps = await items.evaluateAll((els) =>
      els.map((el) => ({
        action: el.getAttribute('data-action'),
        actor: el.querySelector('[data-test="timeline-actor"]')?.textContent?.trim(),
        at: el.querySelector('[data-test="timeline-at"]')?.textContent?.trim(),
        text: el.textContent,
      })),
    );
    assert.deepEqual(
      steps.map((s) => s.action),
      ['receive', 'verify', 'accept', 'escalate', 'resolve', 'callback', 'resolve', 'callback'],
    );
    assert.deepEqual(
      steps.map((s) => s.actor),
      ['quality', 'quality', 'quality', 'quality', 'head', 'quality', 'head', 'quality'],
    );
    for (const s of steps) assert.match(s.at ?? '', /\d/, `${s.action} has a time`);
    assert.ok(steps[2].text.includes('Tiếp nhận xử lý'), 'the note is shown');
    assert.ok(steps[4].text.includes('Đã nhắc nhở nhân viên'), 'the resolution is shown');
    assert.ok(steps[5].text.includes('Không hài lòng'), 'the callback outcome is shown');
    assert.ok(steps[5].text.includes('Đã giải quyết → Đang xử lý'), 'reopened');
    assert.ok(steps[7].text.includes('Hài lòng'));
    assert.ok(steps[7].text.includes('Đã đóng'));
  });

  it('finds "thai do" and "态度" by full-text search in the log', async () => {
    const page = quality;
    await byTest(page, 'menu-feedback').click();
    const table = byTest(page, 'feedback-table');
    await table.locator('tbody tr').first().waitFor();
    const search = byTest(page, 'fb-search');
    for (const [q, expect] of [
      ['thai do', 'Thái độ'],
      ['态度', '态度'],
    ]) {
      const answered = page.waitForResponse(
        (r) =>
          r.url().includes('/api/v1/feedback?') &&
          r.url().includes(`q=${encodeURIComponent(q).replace(/%20/g, '+')}`),
      );
      await search.fill(q);
      await search.press('Enter');
      await answered;
      await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' });
      const rows = await table.locator('tbody tr').allInnerTexts();
      assert.ok(rows.length > 0, `${q} finds cases`);
      assert.ok(
        rows.some((r) => r.includes(expect)),
        `${q} finds a case containing ${expect}`,
      );
    }
  });

  it('shows the auditor a case without the customer phone', async () => {
    const page = await newPage(browser, { locale: 'vi' });
    await login(page, server.url, 'auditor');
    assert.equal(await byTest(page, 'menu-feedbackNew').count(), 0, 'no intake for the auditor');
    await page.goto(caseUrl);
    await byTest(page, 'case-customer').waitFor();
    const phone = (await byTest(page, 'case-phone').innerText()).trim();
    assert.equal(phone, '—');
    const customer = await byTest(page, 'case-customer').innerText();
    assert.ok(!customer.replace(/\D/g, '').includes('912000111'), 'no phone for the auditor, in any form');
    assert.ok(!customer.includes('Nguyễn Văn Thử'), 'no name for the auditor');
    assert.equal(await byTest(page, 'case-actions').locator('[data-test^="action-"]').count(), 0);
    await page.context().close();
  });
});
