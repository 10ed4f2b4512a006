// Issue 11 §2: a questionnaire from SurveyJS Creator with several problems is refused with every
// problem listed at once — each with its JSON path — and the list is shown translated in the
// questionnaire editor (the create dialog), here in Vietnamese and in Chinese.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  byTest,
  launchBrowser,
  login,
  newPage,
  startServer,
} from "./helpers.mjs";

const DEFINITION = {
  title: "Phiếu có câu hỏi không hỗ trợ",
  pages: [
    {
      name: "p1",
      elements: [
        { type: "rating", name: "overall" },
        { type: "file", name: "q4" },
        { type: "signaturepad", name: "chuky" },
      ],
    },
  ],
};

// The messages of web/src/locales/{vi,zh-CN}.json errors.survey.question_type_unsupported with
// the params the server sends.
const EXPECTED = {
  vi: [
    "Câu hỏi “q4” có kiểu “file”, không thể trả lời ở đây",
    "Câu hỏi “chuky” có kiểu “signaturepad”, không thể trả lời ở đây",
  ],
  "zh-CN": [
    "问题“q4”的类型为“file”，此处无法作答",
    "问题“chuky”的类型为“signaturepad”，此处无法作答",
  ],
};

describe("questionnaire problems in the editor, translated", () => {
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

  for (const lang of ["vi", "zh-CN"]) {
    it(`lists every refused question with its path in ${lang}`, async () => {
      const page = await newPage(browser, { locale: lang });
      await login(page, server.url, "admin");
      await page.goto(`${server.url}/surveys`);
      await byTest(page, "survey-new").click();
      await byTest(page, "mode-json").click();
      await page
        .locator(
          'textarea[data-test="survey-json"], [data-test="survey-json"] textarea',
        )
        .first()
        .fill(JSON.stringify(DEFINITION));
      await byTest(page, "survey-create-submit").click();
      const items = page.locator('[data-test="problem-list"] li');
      await items.first().waitFor();
      const texts = await items.allInnerTexts();
      assert.equal(texts.length, 2, texts.join(" | "));
      assert.ok(texts[0].startsWith("pages[0].elements[1]"), texts[0]);
      assert.ok(texts[1].startsWith("pages[0].elements[2]"), texts[1]);
      for (let i = 0; i < 2; i++)
        assert.ok(texts[i].includes(EXPECTED[lang][i]), `${lang}: ${texts[i]}`);
      await page.context().close();
    });
  }
});
