// Questionnaires (docs/api.md "Surveys" → "Questionnaires"): the three templates upload and
// their scored items are derived from the SurveyJS JSON (matrix rows as `matrix.row`,
// dimension, reverse, role); validation problems are 422 with stable codes and a JSON-path
// `field`; PUT replaces a questionnaire without responses and versions one with responses;
// only admin and quality write; `servq survey create` prints just the id.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, runCli, writeTemp,
  listAll, describeRes,
} from './harness.mjs';

// ---------------------------------------------------------------------------- expected items
const valueOf = (x) => (x !== null && typeof x === 'object' ? x.value : x);
const scaleOf = (values) => ({ min: Math.min(...values), max: Math.max(...values), values });

/**
 * The scored and choice items a SurveyJS definition should yield, in document order, derived
 * here from the contract's rules (independently of the server).
 */
function expectedItems(def) {
  const out = [];
  const walk = (elements) => {
    for (const e of elements || []) {
      if (e.type === 'panel') { walk(e.elements); continue; }
      const own = { dimension: e.dimension ?? null, reverse: e.reverse === true, role: e.role ?? null };
      if (e.type === 'rating') {
        let values;
        if (Array.isArray(e.rateValues) && e.rateValues.length) values = e.rateValues.map((v) => Number(valueOf(v)));
        else {
          values = [];
          for (let x = e.rateMin ?? 1; x <= (e.rateMax ?? 5); x += e.rateStep ?? 1) values.push(x);
        }
        out.push({ name: e.name, type: 'rating', scale: scaleOf(values), choices: null, ...own });
      } else if (e.type === 'matrix') {
        const values = e.columns.map((c) => Number(valueOf(c)));
        for (const row of e.rows) {
          const r = row !== null && typeof row === 'object' ? row : { value: row };
          out.push({
            name: `${e.name}.${r.value}`, type: 'matrix', scale: scaleOf(values), choices: null,
            dimension: r.dimension ?? null, reverse: r.reverse === true, role: null,
          });
        }
      } else if (['radiogroup', 'checkbox', 'dropdown'].includes(e.type)) {
        out.push({ name: e.name, type: e.type, scale: null, choices: e.choices.map(valueOf), ...own });
      } else if (e.type === 'boolean') {
        out.push({ name: e.name, type: 'boolean', scale: null, choices: 'any', ...own });
      }
    }
  };
  walk(def.elements);
  for (const p of def.pages || []) walk(p.elements);
  return out;
}

/** The server's scored/choice items reduced to the fields the contract names. */
function scoredItems(items) {
  return items
    .filter((i) => i.scale !== null || i.choices !== null)
    .map((i) => ({
      name: i.name, type: i.type, scale: i.scale, choices: i.type === 'boolean' ? 'any' : i.choices,
      dimension: i.dimension, reverse: i.reverse, role: i.role,
    }));
}

/** The element path of a problem's `field` ("definition." is allowed in front of the contract's path). */
const fieldPath = (f) => String(f).replace(/^definition\.?/, '');

// A questionnaire exercising every supported type, nested panels and matrix row objects.
const CUSTOM = {
  title: { default: 'Khảo sát thử nghiệm', vi: 'Khảo sát thử nghiệm', 'zh-cn': '试验调查', en: 'Trial survey' },
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'html', name: 'intro', html: '<p>Xin chào</p>' },
        {
          type: 'panel', name: 'outer', elements: [
            { type: 'rating', name: 'r7', rateValues: [1, 2, 3, 4, 5, 6, 7], dimension: 'care' },
            { type: 'panel', name: 'inner', elements: [{ type: 'rating', name: 'r_rev', reverse: true, dimension: 'care' }] },
          ],
        },
        {
          type: 'matrix', name: 'grid',
          columns: [{ value: 1, text: 'Rất kém' }, { value: 2 }, { value: 3 }, { value: 4 }, { value: 5, text: 'Rất tốt' }],
          rows: [
            { value: 'clean', text: { default: 'Sạch sẽ', en: 'Clean' }, dimension: 'env' },
            { value: 'quiet', text: 'Yên tĩnh', dimension: 'env', reverse: true },
            'light',
          ],
        },
        { type: 'radiogroup', name: 'visit', choices: ['first', 'again', { value: 'often', text: 'Thường xuyên' }] },
        { type: 'checkbox', name: 'services', choices: [1, 2, 3] },
        { type: 'dropdown', name: 'source', choices: ['friend', 'web'] },
        { type: 'boolean', name: 'return' },
        { type: 'expression', name: 'calc', expression: '1 + 1' },
        { type: 'text', name: 'email_hint' },
      ],
    },
    {
      name: 'p2',
      elements: [
        { type: 'rating', name: 'recommend', role: 'nps', rateMin: 0, rateMax: 10 },
        { type: 'rating', name: 'sat', role: 'overall', rateValues: [{ value: 1, text: 'Tệ' }, 2, 3, 4, { value: 5, text: 'Tốt' }] },
        { type: 'comment', name: 'remarks' },
      ],
    },
  ],
};

const mini = (extra = []) => ({
  title: 'Khảo sát nhanh',
  elements: [{ type: 'rating', name: 'overall', role: 'overall' }, { type: 'comment', name: 'comment' }, ...extra],
});

suite('survey questionnaires', () => {
  const s = useServer();
  const w = {};

  before(async () => {
    const admin = await s.admin();
    w.unit = await makeUnit(admin, { code: uid('KN'), name: 'Khoa Nội' });
    w.templates = expectStatus(await admin.get('/survey-templates'), 200);
    w.quality = await s.makeUser('quality');
    w.head = await s.makeUser('head', { unit: w.unit.code });
    w.staff = await s.makeUser('staff', { unit: w.unit.code });
    w.director = await s.makeUser('director');
    w.auditor = await s.makeUser('auditor');
  });

  // ---- templates
  test('GET /survey-templates lists servqual, after_service and kiosk with a title and a definition', async () => {
    assert.ok(Array.isArray(w.templates), JSON.stringify(w.templates).slice(0, 300));
    assert.deepEqual(w.templates.map((t) => t.key).sort(), ['after_service', 'kiosk', 'servqual']);
    for (const t of w.templates) {
      assert.ok(t.title, `title of ${t.key}`);
      assert.equal(typeof t.definition, 'object', `definition of ${t.key}`);
    }
  });

  for (const key of ['servqual', 'after_service', 'kiosk']) {
    test(`POST /surveys with the ${key} template → 201 with the items derived from its definition`, async () => {
      const admin = await s.admin();
      const def = w.templates.find((t) => t.key === key).definition;
      const r = await admin.post('/surveys', { definition: def });
      const b = expectStatus(r, 201);
      assert.equal(typeof b.id, 'number');
      assert.equal(b.version, 1);
      assert.equal(b.status, 'active');
      assert.equal(b.response_count, 0);
      assert.equal(typeof b.family_id, 'number');
      assert.deepEqual(scoredItems(b.items), expectedItems(def), `items of ${key}`);
      const g = expectStatus(await admin.get(`/surveys/${b.id}`), 200);
      assert.deepEqual(g.definition, def, 'the definition is kept as given (localised texts too)');
      assert.deepEqual(scoredItems(g.items), expectedItems(def));
    });
  }

  test('the servqual template gives matrix rows as matrix.row items with dimensions and its reverse rows', async () => {
    const admin = await s.admin();
    const def = w.templates.find((t) => t.key === 'servqual').definition;
    const b = expectStatus(await admin.post('/surveys', { definition: def }), 201);
    const rows = b.items.filter((i) => i.type === 'matrix');
    assert.ok(rows.length >= 10, JSON.stringify(rows.map((i) => i.name)));
    for (const i of rows) assert.match(i.name, /^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/, i.name);
    assert.deepEqual([...new Set(rows.map((i) => i.dimension))].sort(),
      ['assurance', 'empathy', 'reliability', 'responsiveness', 'tangibles']);
    assert.ok(rows.filter((i) => i.reverse).length >= 1, 'reverse rows kept');
    assert.equal(b.items.filter((i) => i.role === 'overall').length, 1);
    assert.equal(b.items.filter((i) => i.role === 'nps').length, 1);
    assert.deepEqual(b.items.find((i) => i.role === 'nps').scale, scaleOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  test('a questionnaire using every type, nested panels and matrix row objects derives the expected items', async () => {
    const admin = await s.admin();
    const b = expectStatus(await admin.post('/surveys', { definition: CUSTOM }), 201);
    const want = expectedItems(CUSTOM);
    assert.deepEqual(want.map((i) => i.name),
      ['r7', 'r_rev', 'grid.clean', 'grid.quiet', 'grid.light', 'visit', 'services', 'source', 'return', 'recommend', 'sat']);
    assert.deepEqual(scoredItems(b.items), want);
    const names = b.items.map((i) => i.name);
    for (const n of ['intro', 'outer', 'inner', 'p1']) assert.ok(!names.includes(n), `${n} is not an item`);
    // An expression is counted as a number (issue 11 §2): an item of its own, not scored.
    assert.equal(b.items.find((i) => i.name === 'calc')?.type, 'expression');
  });

  test('title defaults to the questionnaire\'s own; `title` in the body overrides it', async () => {
    const admin = await s.admin();
    const b = expectStatus(await admin.post('/surveys', { definition: CUSTOM, title: 'Đợt khảo sát quý 1' }), 201);
    assert.equal(b.title, 'Đợt khảo sát quý 1');
  });

  test('GET /surveys lists questionnaires without their definition; q and status filter', async () => {
    const admin = await s.admin();
    const title = `Tìm thấy ${uid('T')}`;
    const b = expectStatus(await admin.post('/surveys', { definition: mini(), title }), 201);
    const all = await listAll(admin, '/surveys');
    assert.ok(all.some((x) => x.id === b.id));
    for (const x of all) assert.equal(x.definition, undefined, `definition in the list: ${JSON.stringify(x).slice(0, 200)}`);
    const q = expectStatus(await admin.get(`/surveys?q=${encodeURIComponent(title)}`), 200);
    assert.deepEqual(q.items.map((x) => x.id), [b.id]);
    const archived = await listAll(admin, '/surveys?status=archived');
    assert.ok(!archived.some((x) => x.id === b.id));
  });

  // ---- validation
  const invalid = [
    ['an unsupported question type', 'survey.question_type_unsupported',
      { pages: [{ elements: [{ type: 'text', name: 't' }, { type: 'slider', name: 'sl' }] }] }, 'pages[0].elements[1]'],
    ['a rating with rateMin 5 > rateMax 1', 'survey.rating_scale_missing',
      { pages: [{ elements: [{ type: 'text', name: 't' }, { type: 'rating', name: 'a', rateMin: 5, rateMax: 1 }] }] }, 'pages[0].elements[1]'],
    ['a rating with non-numeric rateValues', 'survey.rating_scale_missing',
      { elements: [{ type: 'comment', name: 'c' }, { type: 'rating', name: 'a', rateValues: ['tốt', 'xấu'] }] }, 'elements[1]'],
    ['a duplicate name (inside a panel)', 'survey.duplicate_name',
      { elements: [{ type: 'rating', name: 'a' }, { type: 'panel', name: 'p', elements: [{ type: 'text', name: 'a' }] }] }, 'elements[1].elements[0]'],
    ['an nps question on 1..5', 'survey.nps_scale',
      { elements: [{ type: 'rating', name: 'rec', role: 'nps' }] }, 'elements[0]'],
    ['an nps question on 0..9', 'survey.nps_scale',
      { pages: [{ elements: [{ type: 'rating', name: 'rec', role: 'nps', rateMin: 0, rateMax: 9 }] }] }, 'pages[0].elements[0]'],
    ['two overall questions', 'survey.overall_duplicate',
      { elements: [{ type: 'rating', name: 'o1', role: 'overall' }, { type: 'rating', name: 'o2', role: 'overall' }] }, 'elements[1]'],
    ['a question without a name', 'survey.name_required',
      { elements: [{ type: 'rating', name: 'a' }, { type: 'rating' }] }, 'elements[1]'],
    ['a matrix with a single column', 'survey.matrix_columns',
      { elements: [{ type: 'matrix', name: 'm', columns: ['đồng ý'], rows: ['r1'] }] }, 'elements[0]'],
    ['reverse on a text question', 'survey.reverse_unscored',
      { elements: [{ type: 'text', name: 't', reverse: true }] }, 'elements[0]'],
  ];
  for (const [what, code, def, path] of invalid) {
    test(`${what} → 422 ${code} with field at ${path}`, async () => {
      const admin = await s.admin();
      const r = await admin.post('/surveys', { definition: def });
      const p = expectProblem(r, 422, code);
      assert.ok(fieldPath(p.field).startsWith(path), `field ${JSON.stringify(p.field)} should be the JSON path ${path}: ${describeRes(r)}`);
    });
  }

  test('every problem of a definition at once: 422 survey.definition_invalid listing each with its JSON path, code and params', async () => {
    const admin = await s.admin();
    const def = { pages: [{ elements: [
      { type: 'rating', name: 'ok' },
      { type: 'file', name: 'q2' },
      { type: 'panel', name: 'p', elements: [{ type: 'signaturepad', name: 'sig' }, { type: 'rating', name: 'ok' }] },
      { type: 'rating', name: 'bad', rateMin: 5, rateMax: 1 },
    ] }] };
    const r = await admin.post('/surveys', { definition: def });
    const p = expectProblem(r, 422, 'survey.definition_invalid');
    // Expected list written from the definition above, in document order.
    assert.deepEqual(p.errors.map((e) => [e.path, e.code, e.params]), [
      ['pages[0].elements[1]', 'survey.question_type_unsupported', { type: 'file', name: 'q2' }],
      ['pages[0].elements[2].elements[0]', 'survey.question_type_unsupported', { type: 'signaturepad', name: 'sig' }],
      ['pages[0].elements[2].elements[1]', 'survey.duplicate_name', { name: 'ok' }],
      ['pages[0].elements[3]', 'survey.rating_scale_missing', { name: 'bad' }],
    ]);
    assert.equal(p.error_count, 4);
    for (const e of p.errors) assert.ok(e.message.length > 0);
  });

  test('a definition that is not a questionnaire → 422 survey.definition_invalid; nothing is stored', async () => {
    const admin = await s.admin();
    const before = expectStatus(await admin.get('/surveys?page_size=1'), 200).total;
    for (const def of ['not json', 42, {}, { pages: [] }]) {
      expectProblem(await admin.post('/surveys', { definition: def }), 422, 'survey.definition_invalid');
    }
    expectProblem(await admin.post('/surveys', { title: 'x' }), 422);
    assert.equal(expectStatus(await admin.get('/surveys?page_size=1'), 200).total, before);
  });

  // ---- PUT and versions
  test('PUT on a questionnaire without responses replaces it: 200, same id, new items', async () => {
    const admin = await s.admin();
    const a = expectStatus(await admin.post('/surveys', { definition: mini() }), 201);
    const def2 = mini([{ type: 'rating', name: 'waiting', dimension: 'waiting_time' }]);
    const r = await admin.put(`/surveys/${a.id}`, { definition: def2, title: 'Bản sửa' });
    const b = expectStatus(r, 200);
    assert.equal(b.id, a.id);
    assert.equal(b.version, a.version);
    assert.equal(b.status, 'active');
    assert.equal(b.title, 'Bản sửa');
    assert.deepEqual(scoredItems(b.items), expectedItems(def2));
    const g = expectStatus(await admin.get(`/surveys/${a.id}`), 200);
    assert.deepEqual(g.definition, def2);
    const fam = (await listAll(admin, '/surveys')).filter((x) => x.family_id === a.family_id);
    assert.equal(fam.length, 1, 'no new version was made');
  });

  test('PUT with an invalid definition → 422 and the questionnaire is unchanged', async () => {
    const admin = await s.admin();
    const a = expectStatus(await admin.post('/surveys', { definition: mini() }), 201);
    expectProblem(await admin.put(`/surveys/${a.id}`, { definition: { elements: [{ type: 'slider', name: 'x' }] } }), 422, 'survey.question_type_unsupported');
    assert.deepEqual(expectStatus(await admin.get(`/surveys/${a.id}`), 200).definition, mini());
  });

  test('PUT after a response exists → 201 new id, version+1, same family; the old one is archived and keeps its response', async () => {
    const admin = await s.admin();
    const a = expectStatus(await admin.post('/surveys', { definition: mini() }), 201);
    const resp = expectStatus(await admin.post(`/surveys/${a.id}/responses`, { unit: w.unit.code, answers: { overall: 4, comment: 'Ổn' } }), 201);
    const def2 = mini([{ type: 'rating', name: 'nps', role: 'nps', rateMin: 0, rateMax: 10 }]);
    const r = await admin.put(`/surveys/${a.id}`, { definition: def2 });
    const b = expectStatus(r, 201);
    assert.notEqual(b.id, a.id);
    assert.equal(b.version, a.version + 1);
    assert.equal(b.family_id, a.family_id);
    assert.equal(b.status, 'active');
    assert.deepEqual(scoredItems(b.items), expectedItems(def2));
    const old = expectStatus(await admin.get(`/surveys/${a.id}`), 200);
    assert.equal(old.status, 'archived');
    assert.equal(old.version, a.version);
    assert.deepEqual(old.definition, mini(), 'the old version keeps its definition');
    assert.equal(old.response_count, 1);
    const oldResponses = expectStatus(await admin.get(`/surveys/${a.id}/responses`), 200);
    assert.deepEqual(oldResponses.items.map((x) => x.id), [resp.id]);
    assert.deepEqual(oldResponses.items[0].answers, { overall: 4, comment: 'Ổn' });
    assert.equal(expectStatus(await admin.get(`/surveys/${b.id}/responses`), 200).total, 0);
    const nw = expectStatus(await admin.get(`/surveys/${b.id}`), 200);
    assert.equal(nw.response_count, 0);
    const archived = await listAll(admin, '/surveys?status=archived');
    assert.ok(archived.some((x) => x.id === a.id) && !archived.some((x) => x.id === b.id));
  });

  test('PUT of an unknown questionnaire → 404 survey.not_found', async () => {
    const admin = await s.admin();
    expectProblem(await admin.put('/surveys/987654', { definition: mini() }), 404, 'survey.not_found');
    expectProblem(await admin.get('/surveys/987654'), 404, 'survey.not_found');
  });

  // ---- roles
  test('quality may create and replace questionnaires', async () => {
    const q = w.quality.client;
    const a = expectStatus(await q.post('/surveys', { definition: mini() }), 201);
    expectStatus(await q.put(`/surveys/${a.id}`, { definition: mini([{ type: 'text', name: 'note' }]) }), 200);
  });

  for (const role of ['head', 'staff', 'director', 'auditor']) {
    test(`${role === 'auditor' ? 'an' : 'a'} ${role} may read but not create or replace questionnaires (403 auth.forbidden)`, async () => {
      const admin = await s.admin();
      const c = w[role].client;
      const before = expectStatus(await admin.get('/surveys?page_size=1'), 200).total;
      expectProblem(await c.post('/surveys', { definition: mini() }), 403, 'auth.forbidden');
      const a = expectStatus(await admin.post('/surveys', { definition: mini() }), 201);
      expectProblem(await c.put(`/surveys/${a.id}`, { definition: mini([{ type: 'text', name: 'x' }]) }), 403, 'auth.forbidden');
      assert.deepEqual(expectStatus(await admin.get(`/surveys/${a.id}`), 200).definition, mini());
      assert.equal(expectStatus(await admin.get('/surveys?page_size=1'), 200).total, before + 1);
      expectStatus(await c.get(`/surveys/${a.id}`), 200);
      expectStatus(await c.get('/surveys'), 200);
      expectStatus(await c.get('/survey-templates'), 200);
    });
  }

  // ---- CLI
  test('servq survey create --file prints just the new id; the questionnaire is served by the API', async () => {
    const admin = await s.admin();
    const file = writeTemp(s.dir, 'q.json', JSON.stringify(CUSTOM));
    const r = await runCli(['survey', 'create', '--db', s.db, '--file', file]);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /^\d+\n$/, `stdout is only the id: ${JSON.stringify(r.stdout)}`);
    const id = Number(r.stdout.trim());
    const g = expectStatus(await admin.get(`/surveys/${id}`), 200);
    assert.equal(g.id, id);
    assert.equal(g.title, CUSTOM.title.default);
    assert.deepEqual(g.definition, CUSTOM);
    assert.deepEqual(scoredItems(g.items), expectedItems(CUSTOM));
  });

  test('servq survey create --title sets the title; an invalid file exits non-zero and prints no id', async () => {
    const admin = await s.admin();
    const file = writeTemp(s.dir, 'q2.json', JSON.stringify(mini()));
    const r = await runCli(['survey', 'create', '--db', s.db, '--file', file, '--title', 'Khảo sát CLI']);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /^\d+\n$/);
    assert.equal(expectStatus(await admin.get(`/surveys/${r.stdout.trim()}`), 200).title, 'Khảo sát CLI');
    const before = expectStatus(await admin.get('/surveys?page_size=1'), 200).total;
    const bad = writeTemp(s.dir, 'bad.json', JSON.stringify({ elements: [{ type: 'rating', name: 'n', role: 'nps' }] }));
    const r2 = await runCli(['survey', 'create', '--db', s.db, '--file', bad]);
    assert.notEqual(r2.code, 0);
    assert.equal(r2.stdout.trim(), '');
    assert.match(r2.stderr, /nps/);
    assert.equal(expectStatus(await admin.get('/surveys?page_size=1'), 200).total, before);
  });
});
