// Questionnaires and answers from untrusted hands (issue 11): a definition nested 4 000 panels
// deep is refused with 422 survey.definition_too_deep (it used to crash the server); every
// answer is checked against its question's type and options (a rating is a number on its scale,
// never "5" or 4.5), on public responses and on paper forms, while what survey-core itself
// writes is accepted; HTML in a definition (html questions, completedHtml and the like,
// localised or not) is sanitised when it is saved, so the public survey endpoints only ever
// hand out the sanitised markup.
import { before } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, runCli, countOf, describeRes, REPO,
} from './harness.mjs';

/**
 * The JSON text of a definition with `levels` panels, each the only element of the one before, a
 * rating at the bottom. Written as text: JSON.stringify itself overflows at this depth.
 */
function nestedPanelsText(levels) {
  const open = [];
  for (let i = levels - 1; i >= 0; i--) open.push(`[{"type":"panel","name":"p${i}","elements":`);
  return `{"title":"Lồng nhau","pages":[{"name":"page1","elements":${open.join('')}`
    + '[{"type":"rating","name":"deep"}]' + '}]'.repeat(levels) + '}]}';
}

const QUESTIONNAIRE = {
  title: 'Ý kiến khách hàng',
  elements: [
    { type: 'rating', name: 'overall', role: 'overall' },
    { type: 'rating', name: 'nps', role: 'nps', rateMin: 0, rateMax: 10 },
    { type: 'rating', name: 'labels', rateValues: [{ value: '1', text: 'Kém' }, { value: '2', text: 'Tốt' }] },
    { type: 'radiogroup', name: 'visit', choices: ['first', 'again'] },
    { type: 'dropdown', name: 'who', choices: ['self', 'family'], showOtherItem: true },
    { type: 'checkbox', name: 'services', choices: ['lab', 'xray'], showOtherItem: true, storeOthersAsComment: false },
    { type: 'boolean', name: 'return' },
    { type: 'boolean', name: 'yn', valueTrue: 'yes', valueFalse: 'no' },
    { type: 'text', name: 'name' },
    { type: 'text', name: 'age', inputType: 'number' },
    { type: 'comment', name: 'comment' },
    { type: 'expression', name: 'twice', expression: '{overall} * 2' },
    { type: 'matrix', name: 'env', columns: [1, 2, 3, 4, 5], rows: ['clean', 'quiet'] },
  ],
};

/** Answers, and the problem field they must be refused on. */
const WRONG = [
  [{ overall: '5' }, 'overall'],
  [{ overall: 4.5 }, 'overall'],
  [{ overall: 6 }, 'overall'],
  [{ overall: true }, 'overall'],
  [{ overall: [5] }, 'overall'],
  [{ nps: 11 }, 'nps'],
  [{ labels: '3' }, 'labels'],
  [{ visit: 'never' }, 'visit'],
  [{ visit: ['first'] }, 'visit'],
  [{ who: 3 }, 'who'],
  [{ services: 'lab' }, 'services'],
  [{ services: [{ x: 1 }] }, 'services'],
  [{ return: 'true' }, 'return'],
  [{ return: 1 }, 'return'],
  [{ yn: true }, 'yn'],
  [{ name: 5 }, 'name'],
  [{ name: 'x'.repeat(10_001) }, 'name'],
  [{ comment: { text: 'x' } }, 'comment'],
  [{ age: [1] }, 'age'],
  [{ env: { clean: '5' } }, 'env'],
  [{ env: { clean: 2.5 } }, 'env'],
  [{ twice: { x: 1 } }, 'twice'],
];

/** What survey-core writes for QUESTIONNAIRE, filled in node with the real library. */
async function surveyCoreAnswers() {
  const { Model } = await import(pathToFileURL(join(REPO, 'web/node_modules/survey-core/fesm/survey-core.mjs')).href);
  const m = new Model(QUESTIONNAIRE);
  m.setValue('overall', 4);
  m.setValue('nps', 9);
  m.setValue('labels', '2');
  m.setValue('visit', 'again');
  m.setValue('who', 'other');
  m.setComment('who', 'Hàng xóm');
  m.setValue('services', ['lab', 'other']);
  m.getQuestionByName('services').otherValue = 'Siêu âm';
  m.getQuestionByName('return').booleanValue = true;
  m.getQuestionByName('yn').booleanValue = false;
  m.setValue('name', 'Nguyễn Thị Lan');
  m.getQuestionByName('age').value = 42;
  m.setValue('comment', '医生很耐心');
  m.setValue('env', { clean: 5, quiet: 4 });
  return m.data;
}

suite('questionnaires and answers from untrusted hands', () => {
  const s = useServer();
  const w = {};
  const total = async () => countOf(await s.admin(), `/surveys/${w.survey.id}/responses`);

  before(async () => {
    const admin = await s.admin();
    w.unit = await makeUnit(admin, { code: uid('UT'), name: 'Khoa Khám bệnh' });
    w.survey = expectStatus(await admin.post('/surveys', { definition: QUESTIONNAIRE }), 201);
    const gen = await runCli(['generate', 'links', '--db', s.db, '--survey', String(w.survey.id), '--count', '5']);
    assert.equal(gen.code, 0, gen.stderr);
    w.tokens = gen.stdout.split('\n').filter(Boolean);
  });

  // ---- nesting depth
  test('a definition with 4 000 nested panels is refused (400 / 422), 40 → 422 naming the path; the server lives on', async () => {
    const admin = await s.admin();
    const before = await countOf(admin, '/surveys');
    const deep = nestedPanelsText(4000);
    // 8 000 JSON levels: the HTTP layer refuses the body before anything walks it ...
    expectProblem(await admin.post('/surveys', `{"definition":${deep}}`), 400, 'http.json_too_deep');
    expectProblem(await admin.put(`/surveys/${w.survey.id}`, `{"definition":${deep}}`), 400, 'http.json_too_deep');
    // ... and a definition sent as a string holding JSON is bounded the same way, as a 422 on it
    expectProblem(await admin.post('/surveys', JSON.stringify({ definition: deep })), 422, 'survey.definition_too_deep', 'definition');
    // 40 panels (about 85 JSON levels) pass the JSON bound: the questionnaire reader names the path
    const forty = nestedPanelsText(40);
    for (const body of [`{"definition":${forty}}`, JSON.stringify({ definition: forty })]) {
      const p = expectProblem(await admin.post('/surveys', body), 422, 'survey.definition_too_deep');
      assert.match(String(p.field), /^definition\.pages\[0\]\.elements(\[0\]\.elements)+$/, p.field);
    }
    expectProblem(await admin.put(`/surveys/${w.survey.id}`, `{"definition":${forty}}`), 422, 'survey.definition_too_deep');
    // Still serving, nothing stored, and a reasonable nesting is accepted.
    expectStatus(await admin.get('/health'), 200);
    assert.equal(await countOf(admin, '/surveys'), before);
    expectStatus(await admin.post('/surveys', `{"definition":${nestedPanelsText(10)}}`), 201);
  });

  // ---- answers
  test('public responses: answers that do not fit their question → 422 survey.answer_invalid naming it; nothing stored', async () => {
    const pub = s.client();
    const before = await total();
    for (const [answers, field] of WRONG) {
      const r = await pub.post('/public/responses', { token: w.tokens[0], answers, lang: 'vi' });
      assert.equal(r.status, 422, `${JSON.stringify(answers).slice(0, 80)}: ${describeRes(r)}`);
      const p = expectProblem(r, 422, 'survey.answer_invalid', field);
      assert.ok(p.detail && p.detail.length > field.length, `detail says what was expected: ${r.text}`);
    }
    expectProblem(await pub.post('/public/responses', { token: w.tokens[0], answers: { overall: 4, mood: 2 }, lang: 'vi' }),
      422, 'survey.answer_unknown', 'mood');
    assert.equal(await total(), before);
  });

  test('a rating answer is refused as a string and explained: "5" is not 5', async () => {
    const r = await s.client().post('/public/responses', { token: w.tokens[0], answers: { overall: '5' }, lang: 'vi' });
    const p = expectProblem(r, 422, 'survey.answer_invalid', 'overall');
    assert.match(p.detail, /integer from 1 to 5/);
  });

  test('paper forms: the same answers are refused the same way; nothing stored', async () => {
    const admin = await s.admin();
    const before = await total();
    for (const [answers, field] of WRONG) {
      const r = await admin.post(`/surveys/${w.survey.id}/responses`, { answers, unit: w.unit.code });
      assert.equal(r.status, 422, `${JSON.stringify(answers).slice(0, 80)}: ${describeRes(r)}`);
      expectProblem(r, 422, 'survey.answer_invalid', field);
    }
    assert.equal(await total(), before);
  });

  test('what survey-core writes (other texts, valueTrue/valueFalse, numeric inputs, expressions) is accepted on both routes', async () => {
    const answers = await surveyCoreAnswers();
    // The library's own output, as the web app posts it (checked here so the test means what it says).
    assert.equal(answers.who, 'other');
    assert.equal(answers['who-Comment'], 'Hàng xóm');
    assert.deepEqual(answers.services, ['lab', 'Siêu âm']);
    assert.equal(answers.yn, 'no');
    assert.equal(answers.age, 42);
    assert.equal(answers.twice, 8);
    const before = await total();
    expectStatus(await s.client().post('/public/responses', { token: w.tokens[1], answers, lang: 'vi' }), 201);
    expectStatus(await (await s.admin()).post(`/surveys/${w.survey.id}/responses`, { answers, unit: w.unit.code }), 201);
    assert.equal(await total(), before + 2);
  });

  // ---- HTML
  test('HTML in a definition is sanitised on save: the public endpoint returns no handler, no script, the text kept', async () => {
    const admin = await s.admin();
    const definition = {
      title: 'Khảo sát có HTML',
      completedHtml: '<h3>Cảm ơn quý khách!</h3><script>fetch("/api/v1/users")</script>',
      completedBeforeHtml: { default: '<b onclick="steal()">Đã trả lời</b>', 'zh-cn': '<b>已回答</b><iframe src="https://evil.example"></iframe>' },
      loadingHtml: '<meta http-equiv="refresh" content="0;url=https://evil.example">Đang tải',
      completedHtmlOnCondition: [{ expression: '{overall} < 3', html: '<a href="javascript:alert(1)">Gọi lại</a><form action="https://evil.example"><input name="pw"></form>' }],
      pages: [{
        name: 'p1',
        elements: [
          { type: 'html', name: 'intro', html: '<img src=x onerror=alert(1)><b>Xin chào</b>' },
          { type: 'panel', name: 'inner', elements: [{ type: 'html', name: 'note', html: { default: '<svg onload=alert(1)></svg><i>Lưu ý</i>', 'zh-cn': '<i>注意</i>' } }] },
          { type: 'rating', name: 'overall', role: 'overall' },
        ],
      }],
    };
    const created = expectStatus(await admin.post('/surveys', { definition }), 201);
    const camp = expectStatus(await admin.post('/campaigns', { survey_id: created.id, name: 'Kiosk HTML', channel: 'kiosk' }), 201);
    const kiosk = expectStatus(await admin.post(`/campaigns/${camp.id}/kiosks`, { unit: w.unit.code }), 201);
    const check = (text, d) => {
      for (const bad of ['onerror', 'onclick', 'onload', '<script', 'javascript:', '<iframe', '<meta', '<form', '<input', '<svg', 'steal()', 'alert(1)']) {
        assert.ok(!text.includes(bad), `${bad} in ${text.slice(0, 2000)}`);
      }
      const els = d.pages[0].elements;
      assert.equal(els[0].html, '<img><b>Xin chào</b>');
      assert.deepEqual(els[1].elements[0].html, { default: '<i>Lưu ý</i>', 'zh-cn': '<i>注意</i>' });
      assert.equal(d.completedHtml, '<h3>Cảm ơn quý khách!</h3>');
      assert.deepEqual(d.completedBeforeHtml, { default: '<b>Đã trả lời</b>', 'zh-cn': '<b>已回答</b>' });
      assert.equal(d.loadingHtml, 'Đang tải');
      assert.equal(d.completedHtmlOnCondition[0].html, '<a>Gọi lại</a>');
      assert.equal(d.completedHtmlOnCondition[0].expression, '{overall} < 3');
    };
    const pub = await s.client().get(`/public/surveys/kiosk/${kiosk.code}`);
    check(JSON.stringify(expectStatus(pub, 200)), pub.body.definition);
    const own = await admin.get(`/surveys/${created.id}`);
    check(JSON.stringify(expectStatus(own, 200).definition), own.body.definition);
    // Replacing the questionnaire goes through the same sanitiser.
    const replaced = { ...definition, completedHtml: '<p>Mới</p><img src="data:text/html,x" onerror="x()">' };
    expectStatus(await admin.put(`/surveys/${created.id}`, { definition: replaced }), 200);
    const again = expectStatus(await s.client().get(`/public/surveys/kiosk/${kiosk.code}`), 200);
    assert.equal(again.definition.completedHtml, '<p>Mới</p><img>');
  });
});
