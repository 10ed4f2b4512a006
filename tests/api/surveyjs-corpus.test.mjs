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
    // Definitions run four at a time (the server answers in parallel); seeds depend only on the
    // definition's place in the corpus, so every run posts the same answers.
    const one = async (e, index) => {
      let seed = 1 + index * 5;
      const created = await admin.post('/surveys', { definition: e.definition });
      if (e.expect === 'refuse') {
        if (created.status !== 422) {
          problems.push(`${e.id}: expected a refusal (${e.reason}), got ${created.status}`);
          return;
        }
        const list = created.body.errors || [];
        const hit = list.find((x) => x.code === 'survey.question_type_unsupported' && x.params?.type === e.refusedType && x.params?.name === e.refusedName);
        if (!hit) problems.push(`${e.id}: refused, but not for ${e.refusedType} ${e.refusedName}: ${JSON.stringify(created.body).slice(0, 300)}`);
        else {
          assert.match(hit.path, /^pages\[0\]\.elements\[1\]$/);
          figures.refused.push({ id: e.id, type: e.refusedType, reason: e.reason });
        }
        return;
      }
      if (created.status !== 201) {
        problems.push(`${e.id}: refused ${created.status} ${JSON.stringify(created.body).slice(0, 400)}`);
        return;
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
      if (!ok) return;
      figures.answered++;
      const an = await admin.get(`/surveys/${survey.id}/analysis`);
      if (an.status !== 200 || an.body.suppressed || an.body.n !== 5) {
        problems.push(`${e.id}: analysis ${an.status} ${JSON.stringify(an.body).slice(0, 300)}`);
        return;
      }
      // Every counted item (not verbatims) of the questionnaire has figures in the analysis.
      const named = new Set(an.body.questions.map((x) => x.name));
      // Counted: items with a scale or choices, expressions and number items (their mean);
      // text answers are verbatims and choices the definition does not list (choicesFromQuestion) are kept as text.
      const counted = survey.items.filter((it) => it.scale || it.choices || it.type === 'expression');
      const missing = counted.filter((it) => !named.has(it.name));
      if (missing.length) {
        problems.push(`${e.id}: analysis lacks ${missing.map((m) => m.name).join(', ')}`);
        return;
      }
      figures.analysed++;
    };
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const i = next++;
        await one(entries[i], i);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    assert.deepEqual(problems, []);
    assert.ok(figures.accepted >= 200, `${figures.accepted} accepted`);
    assert.equal(figures.answered, figures.accepted);
    assert.equal(figures.analysed, figures.accepted);
    assert.equal(figures.refused.length, entries.filter((e) => e.expect === 'refuse').length);
    assert.deepEqual(Object.keys(REFUSED).sort(), [...new Set(figures.refused.map((x) => x.type))].sort());
  });

  test('analysis of the Creator types: figures computed by hand for five known responses', async () => {
    const definition = {
      title: 'Phân tích tay',
      elements: [
        { type: 'ranking', name: 'rk', choices: ['a', 'b', 'c'] },
        { type: 'tagbox', name: 'tb', choices: ['x', 'y'] },
        { type: 'matrixdropdown', name: 'md', choices: [1, 2, 3], rows: ['r1', 'r2'], columns: [{ name: 's' }] },
        { type: 'matrixdynamic', name: 'dyn', columns: [{ name: 'd', cellType: 'dropdown', choices: [1, 2] }] },
        { type: 'multipletext', name: 'mt', items: [{ name: 'age', inputType: 'number' }] },
        { type: 'expression', name: 'e', expression: '{mt.age} * 2' },
        { type: 'boolean', name: 'bl' },
      ],
    };
    const rows = [
      { rk: ['a', 'b', 'c'], tb: ['x'], md: { r1: { s: 1 }, r2: { s: 3 } }, dyn: [{ d: 1 }, { d: 2 }], mt: { age: 30 }, e: 60, bl: true },
      { rk: ['b', 'a', 'c'], tb: ['x', 'y'], md: { r1: { s: 2 } }, dyn: [{ d: 1 }], mt: { age: 40 }, e: 80, bl: false },
      { rk: ['a', 'c', 'b'], tb: ['y'], md: { r1: { s: 3 }, r2: { s: 3 } }, dyn: [], mt: { age: 50 }, e: 100, bl: true },
      { rk: ['c', 'a', 'b'], tb: ['x'], md: { r1: { s: 1 } }, dyn: [{ d: 2 }, { d: 2 }], mt: { age: 20 }, e: 40, bl: true },
      { rk: ['a', 'b', 'c'], tb: ['y'], md: { r1: { s: 2 }, r2: { s: 2 } }, dyn: [{ d: 1 }], mt: { age: 60 }, e: 120, bl: false },
    ];
    const survey = expectStatus(await admin.post('/surveys', { definition }), 201);
    const camp = expectStatus(await admin.post('/campaigns', { survey_id: survey.id, name: 'Hand', channel: 'kiosk' }), 201);
    const kiosk = expectStatus(await admin.post(`/campaigns/${camp.id}/kiosks`, { unit: unit.code }), 201);
    for (const answers of rows) expectStatus(await s.client().post('/public/responses', { kiosk: kiosk.code, answers, lang: 'vi' }), 201);
    // An answer outside the definition is refused, naming the question.
    for (const [answers, name] of [[{ rk: ['a', 'a'] }, 'rk'], [{ md: { r1: { s: 4 } } }, 'md'], [{ dyn: [{ d: 3 }] }, 'dyn'], [{ tb: ['z'] }, 'tb']]) {
      const r = await s.client().post('/public/responses', { kiosk: kiosk.code, answers, lang: 'vi' });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.code, 'survey.answer_invalid');
      assert.equal(r.body.field, name);
      assert.deepEqual(r.body.params, { name });
    }
    const an = expectStatus(await admin.get(`/surveys/${survey.id}/analysis`), 200);
    const q = Object.fromEntries(an.questions.map((x) => [x.name, x]));
    const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);
    // Ranks by hand: a 1,2,1,2,1; b 2,1,3,3,2; c 3,3,2,1,3.
    close(q['rk.a'].mean_rank, 7 / 5, 'rk.a mean rank'); close(q['rk.a'].first_share, 3 / 5, 'rk.a first');
    close(q['rk.b'].mean_rank, 11 / 5, 'rk.b mean rank'); close(q['rk.b'].first_share, 1 / 5, 'rk.b first');
    close(q['rk.c'].mean_rank, 12 / 5, 'rk.c mean rank'); close(q['rk.c'].first_share, 1 / 5, 'rk.c first');
    assert.equal(q['rk.a'].row, 'a');
    // tagbox like checkbox: x in R1, R2, R4; y in R2, R3, R5.
    assert.deepEqual(q.tb.distribution, { x: 3, y: 3 });
    // matrixdropdown per row and column: r1.s = 1, 2, 3, 1, 2; r2.s on 3 answers only (< min_group 5).
    assert.deepEqual([q['md.r1.s'].row, q['md.r1.s'].column, q['md.r1.s'].n], ['r1', 's', 5]);
    assert.deepEqual(q['md.r1.s'].distribution, { 1: 2, 2: 2, 3: 1 });
    assert.equal(q['md.r2.s'].suppressed, true);
    // matrixdynamic per column, every row counted: d = 1, 2, 1, 2, 2, 1.
    assert.deepEqual([q['dyn.d'].column, q['dyn.d'].n, q['dyn.d'].distribution], ['d', 6, { 1: 3, 2: 3 }]);
    // multipletext per item and the expression as numbers: ages 30..60 mean 40; e = 2 × age mean 80.
    close(q['mt.age'].mean, 40, 'mt.age mean');
    close(q.e.mean, 80, 'e mean');
    // boolean counts.
    assert.deepEqual(q.bl.distribution, { true: 3, false: 2 });
  });
});
