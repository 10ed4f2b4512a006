// Import errors in the user's language (issue 11 §2): in Chromium, a feedback file with an
// impossible date is imported from the import page in Vietnamese and in Chinese; the error
// table shows the message translated from the problem's code and params, naming the row as
// Excel numbers it and the column. The date order is pre-set from the UI language (day-first in
// Vietnamese, year-first in Chinese), so each language types the date its own way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTest, launchBrowser, login, newPage, startServer } from './helpers.mjs';

describe('import errors in the user language', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // Expected texts written from the locale messages (web/src/locales/*.json
  // errors.import.date_impossible) with row 3, column received_at and the typed value.
  const cases = [
    {
      lang: 'vi',
      typed: '31/02/2026 08:00',
      good: '01/10/2026 06:30',
      expected:
        'Hàng 3, cột received_at: “31/02/2026 08:00” không phải là ngày có thật; định dạng cần: DD/MM/YYYY [HH:MM[:SS]].',
    },
    {
      lang: 'zh-CN',
      typed: '2026年2月31日 08:00',
      good: '2026年10月1日 06:30',
      expected:
        '第 3 行“received_at”列：“2026年2月31日 08:00”不是存在的日期；应为 YYYY-MM-DD [HH:MM[:SS]]。',
    },
  ];

  for (const c of cases) {
    it(`${c.lang}: an impossible date is shown translated, with row and column`, async () => {
      const page = await newPage(browser, { locale: c.lang });
      await login(page, server.url, 'admin');
      await byTest(page, 'menu-imports').click();
      await byTest(page, 'import-kind-feedback').click();
      // Row 2 holds a quoted newline, so the bad row 3 starts on line 4 of the file.
      const csv = [
        'external_id,received_at,channel,kind,content',
        `E2E-I18N-${c.lang}-1,${c.good},phone,complaint,"Chờ lâu\r\n等了很久"`,
        `E2E-I18N-${c.lang}-2,${c.typed},phone,complaint,Thái độ`,
      ].join('\r\n');
      await byTest(page, 'import-file').setInputFiles({
        name: 'gop-y.csv',
        mimeType: 'text/csv',
        buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
      });
      await byTest(page, 'import-dry-run').click();
      const table = byTest(page, 'import-error-table');
      await table.waitFor();
      const rows = table.locator('tbody tr');
      assert.equal(await rows.count(), 1, await table.innerText());
      assert.equal((await byTest(page, 'import-error-row').first().innerText()).trim(), '3');
      assert.equal(
        (await byTest(page, 'import-error-message').first().innerText()).trim(),
        c.expected,
      );
      await page.context().close();
    });
  }
});
