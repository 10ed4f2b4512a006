// The SurveyJS corpus (issue 11 §2 "Questionnaires from SurveyJS Creator"; tests/surveyjs-corpus/):
// 200+ definitions as Creator writes them, handwritten and generated from survey-core's own
// property metadata. For each one: POST it; if accepted, load it in survey-core (node), fill every
// question the way a respondent would (values from each question's own visible choices, rate
// values, min/max), check survey-core's own validation passes, post `survey.data` through the
// public kiosk endpoint (5 times, the organisation's minimum group), run the analysis and check
// every counted item of the questionnaire has figures; if refused, the refusal must be the
// expected one (file, signaturepad, ...: the problem lists the question by name and path).
import { before, after } from 'node:test';
import { createRequire } from 'node:module';
import { suite, test, useServer, expectStatus, assert, uid, makeUnit } from './harness.mjs';

const require = createRequire(import.meta.url);
const { corpus, REFUSED } = require('../surveyjs-corpus/generate.cjs');
import { answersOf } from '../surveyjs-corpus/fill.mjs';

suite('SurveyJS corpus: accepted, answered by survey-core, analysed; refused only as expected', () => {
  const s = useServer({ serveArgs: ['--kiosk-rate', '0'] });
  const entries = corpus();
  const figures = { definitions: entries.length, accepted: 0, answered: 0, analysed: 0, refused: [] };
  const problems = [];
  let admin, unit;

  before(async () => {
    admin = await s.admin();
    unit = await makeUnit(admin, { code: uid('SJS'), name: 'Khoa Khám bệnh' });
  });

  after(() => {
    const reasons = {};
    for (const x of figures.refused) reasons[`${x.type}: ${x.reason}`] = (reasons[`${x.type}: ${x.reason}`] || 0) + 1;
    console.log(`SurveyJS corpus: ${figures.definitions} definitions, ${figures.accepted} accepted, ${figures.answered} answered by survey-core, ${figures.analysed} analysed, ${figures.refused.length} refused`);
    for (const [k, n] of Object.entries(reasons)) console.log(`  refused ${n}× ${k}`);
    if (problems.length) console.log(problems.slice(0, 40).join('\n'));
  });

  test('the corpus holds at least 200 definitions and covers every question type survey-core knows', () => {
    assert.ok(entries.length >= 200, `${entries.length} definitions`);
    const types = new Set(entries.flatMap((e) => JSON.stringify(e.definition).match(/"type":"[a-z]+"/g) || []).map((t) => t.slice(8, -1)));
    const { questionTypes } = require('../surveyjs-corpus/generate.cjs');
    for (const t of questionTypes()) assert.ok(types.has(t), `no definition with a ${t} question`);
  });

  test('every definition: accepted, answered and analysed — or refused with the expected reason', { timeout: 600_000 }, async () => {
    let seed = 1;
    for (const e of entries) {
      const created = await admin.post('/surveys', { definition: e.definition });
      if (e.expect === 'refuse') {
        if (created.status !== 422) {
          problems.push(`${e.id}: expected a refusal (${e.reason}), got ${created.status}`);
          continue;
        }
        const list = created.body.errors || [];
        const hit = list.find((x) => x.code === 'survey.question_type_unsupported' && x.params?.type === e.refusedType && x.params?.name === e.refusedName);
        if (!hit) problems.push(`${e.id}: refused, but not for ${e.refusedType} ${e.refusedName}: ${JSON.stringify(created.body).slice(0, 300)}`);
        else {
          assert.match(hit.path, /^pages\[0\]\.elements\[1\]$/);
          figures.refused.push({ id: e.id, type: e.refusedType, reason: e.reason });
        }
        continue;
      }
      if (created.status !== 201) {
        problems.push(`${e.id}: refused ${created.status} ${JSON.stringify(created.body).slice(0, 400)}`);
        continue;
      }
      figures.accepted++;
      const survey = created.body;
      const camp = expectStatus(await admin.post('/campaigns', { survey_id: survey.id, name: `Corpus ${e.id}`, channel: 'kiosk' }), 201);
      const kiosk = expectStatus(await admin.post(`/campaigns/${camp.id}/kiosks`, { unit: unit.code }), 201);
      // What the respondent's page loads: the stored (sanitised) definition.
      const pub = expectStatus(await s.client().get(`/public/surveys/kiosk/${kiosk.code}`), 200);
      let ok = true;
      for (let k = 0; k < 5 && ok; k++) {
        const a = answersOf(pub.definition, seed++);
        if (!a.valid) {
          problems.push(`${e.id}: survey-core's own validation failed: ${a.errors.join(' | ')}`);
          ok = false;
          break;
        }
        const r = await s.client().post('/public/responses', { kiosk: kiosk.code, answers: a.data, lang: 'vi' });
        if (r.status !== 201) {
          problems.push(`${e.id}: the server refused survey-core's answers ${JSON.stringify(a.data).slice(0, 300)}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
          ok = false;
        }
      }
      if (!ok) continue;
      figures.answered++;
      const an = await admin.get(`/surveys/${survey.id}/analysis`);
      if (an.status !== 200 || an.body.suppressed || an.body.n !== 5) {
        problems.push(`${e.id}: analysis ${an.status} ${JSON.stringify(an.body).slice(0, 300)}`);
        continue;
      }
      // Every counted item (not verbatims) of the questionnaire has figures in the analysis.
      const named = new Set(an.body.questions.map((x) => x.name));
      // Counted: items with a scale or choices, expressions and number items (their mean);
      // text answers are verbatims and choices the definition does not list (choicesFromQuestion) are kept as text.
      const counted = survey.items.filter((it) => it.scale || it.choices || it.type === 'expression');
      const missing = counted.filter((it) => !named.has(it.name));
      if (missing.length) {
        problems.push(`${e.id}: analysis lacks ${missing.map((m) => m.name).join(', ')}`);
        continue;
      }
      figures.analysed++;
    }
    assert.deepEqual(problems, []);
    assert.ok(figures.accepted >= 200, `${figures.accepted} accepted`);
    assert.equal(figures.answered, figures.accepted);
    assert.equal(figures.analysed, figures.accepted);
    assert.equal(figures.refused.length, entries.filter((e) => e.expect === 'refuse').length);
    assert.deepEqual(Object.keys(REFUSED).sort(), [...new Set(figures.refused.map((x) => x.type))].sort());
  });
});
