// The SurveyJS corpus (issue 11 §2): questionnaires as SurveyJS Creator writes them, for
// tests/api/surveyjs-corpus.test.mjs. Two parts, both deterministic (fixed seed):
//  - handwritten.json: definitions written by hand after reading SurveyJS's documentation and the
//    survey-library tests/markup (Creator's shapes: pages, panels, localised strings, validators,
//    triggers, calculated values, per-choice comments, boolean properties written as strings);
//  - generated ones: for every question class in survey-core's Serializer (descendants of
//    "question"), definitions whose properties are chosen from the class's own property metadata
//    (Serializer.findClass(type).properties: type, choices, default) so that every property
//    Creator can write appears in some definition.
// Each entry: {id, definition, expect: "accept" | "refuse", reason?, refusedType?}.
// Usage: node generate.cjs [out.json] (writes the corpus; the test builds it in memory).
'use strict';
const path = require('node:path');
const { createRequire } = require('node:module');
const webRequire = createRequire(path.join(__dirname, '../../web/package.json'));
const { Serializer } = webRequire('survey-core');

// Types servq refuses, with the reason (the test expects exactly these refusals).
const REFUSED = {
  file: 'a file upload: servq stores no files from respondents',
  signaturepad: 'a drawn signature: an image, not an answer servq can analyse',
  slider: 'not accepted yet: survey-core 3 slider (number or range) is not in the accepted list',
  imagemap: 'not accepted yet: areas of an image',
  empty: 'an empty question has no answer',
};
// Display elements: accepted, nothing to answer.
const DISPLAY = new Set(['html', 'image']);
// Abstract bases, never written as a type.
const ABSTRACT = new Set(['question', 'matrixbase', 'matrixdropdownbase', 'selectbase', 'checkboxbase', 'textbase', 'nonvalue']);

// Properties the generator does not give random values, with the reason (they would change what
// the respondent can answer in ways the filler cannot follow, or need references to other
// elements that the generator writes itself where it uses them).
const SKIPPED = {
  name: 'set by the generator', type: 'set by the generator', page: 'structural', state: 'layout only',
  visible: 'a hidden question is not answered', visibleIf: 'conditions are written by hand (handwritten.json)',
  enableIf: 'condition', requiredIf: 'condition', resetValueIf: 'condition', setValueIf: 'condition',
  setValueExpression: 'expression', defaultValue: 'value', defaultValueExpression: 'expression', correctAnswer: 'value',
  validators: 'written by hand', bindings: 'refers to other questions', valueName: 'written by hand',
  choicesFromQuestion: 'written by hand', choicesByUrl: 'needs a web service', choicesVisibleIf: 'condition',
  choicesEnableIf: 'condition', choiceValuesFromQuestion: 'refers to another question', choiceTextsFromQuestion: 'refers to another question',
  choices: 'set by the generator', rateValues: 'set by the generator in some definitions', columns: 'set by the generator',
  rows: 'set by the generator', items: 'set by the generator', templateElements: 'set by the generator',
  detailElements: 'set by the generator', readOnly: 'a read-only question is not answered', isRequired: 'set by the generator',
  minValueExpression: 'expression', maxValueExpression: 'expression', rowsVisibleIf: 'condition', columnsVisibleIf: 'condition',
  templateVisibleIf: 'condition', defaultRowValue: 'value', defaultPanelValue: 'value', maskType: 'written by hand (masks change the value)',
  maskSettings: 'written by hand', min: 'set per input type', max: 'set per input type', step: 'set per input type',
  inputType: 'set by the generator', cellType: 'set by the generator', choicesLazyLoadEnabled: 'needs a server callback',
  allowCustomChoices: 'written by hand', valuePropertyName: 'written by hand', keyName: 'refers to a column',
  storeOthersAsComment: 'written by hand', expression: 'set by the generator', totalExpression: 'expression',
  clearIfInvisible: 'layout', renderAs: 'needs a custom renderer', multiSelect: 'set by the generator',
  minSelectedChoices: 'set by the generator', maxSelectedChoices: 'set by the generator', choicesMin: 'set by the generator',
  choicesMax: 'set by the generator', choicesStep: 'set by the generator', rowCount: 'set by the generator',
  minRowCount: 'set by the generator', maxRowCount: 'set by the generator', panelCount: 'set by the generator',
  minPanelCount: 'set by the generator', maxPanelCount: 'set by the generator', autoGenerate: 'with rateValues only',
  rateCount: 'set by the generator', rateMin: 'set by the generator', rateMax: 'set by the generator', rateStep: 'set by the generator',
  maxLength: 'set by the generator', valueTrue: 'set by the generator', valueFalse: 'set by the generator',
  selectToRankEnabled: 'set by the generator', showOtherItem: 'set by the generator', showNoneItem: 'set by the generator',
  showRefuseItem: 'set by the generator', showDontKnowItem: 'set by the generator', showSelectAllItem: 'set by the generator',
  showCommentArea: 'set by the generator', hasOther: 'set by the generator', hasNone: 'set by the generator',
  hasComment: 'set by the generator', hasSelectAll: 'set by the generator', customLabels: 'slider only',
  displayMode: 'set by the generator', triggers: 'written by hand', calculatedValues: 'written by hand',
};

// A small deterministic PRNG (mulberry32) so the corpus is the same on every run.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['Thái độ phục vụ', '护士的态度', 'Waiting time', 'Vệ sinh khu khám bệnh', '医生解释清楚', 'Thời gian chờ'];
const LOCALES = [{ default: 'How was the nurse?', vi: 'Điều dưỡng phục vụ thế nào?', 'zh-cn': '护士服务如何？' }];

// A value for a property from its metadata: its type, its list of choices, its default.
function valueFor(prop, r, className) {
  const type = prop.type || 'string';
  const pick = (a) => a[Math.floor(r() * a.length)];
  let choices = [];
  try {
    choices = typeof prop.getChoices === 'function' ? prop.getChoices(null) || [] : prop.choices || [];
  } catch {
    choices = [];
  }
  choices = choices.map((c) => (c && typeof c === 'object' && 'value' in c ? c.value : c)).filter((c) => typeof c !== 'object');
  if (type === 'boolean' || type === 'switch') {
    const b = r() < 0.5;
    return r() < 0.25 ? String(b) : b; // Creator and hand-edited JSON write "true"/"false" too
  }
  if (choices.length) return pick(choices);
  if (type === 'number') return 1 + Math.floor(r() * 4);
  if (type === 'text') return r() < 0.5 ? pick(TEXTS) : pick(LOCALES);
  if (type === 'string') return pick(TEXTS);
  if (type === 'html') return '<p>Cảm ơn <b>quý khách</b></p>';
  return undefined; // other types (objects, arrays, expressions): not generated at random
}

// Random values for a few of the class's writable, serialisable properties.
function randomProps(className, r, count) {
  const cls = Serializer.findClass(className);
  const out = {};
  const props = cls.properties.filter((p) => p.isSerializable !== false && !p.readOnly && !SKIPPED[p.name] && p.visible !== false);
  for (let i = 0; i < count && props.length; i++) {
    const p = props[Math.floor(r() * props.length)];
    const v = valueFor(p, r, className);
    if (v !== undefined) out[p.name] = v;
  }
  return out;
}

function allProps(className) {
  const cls = Serializer.findClass(className);
  return cls.properties.filter((p) => p.isSerializable !== false && !p.readOnly && !SKIPPED[p.name]).map((p) => p.name);
}

const choiceList = (r, n, numeric) =>
  Array.from({ length: n }, (_, i) =>
    numeric ? i + 1 : r() < 0.5 ? `c${i + 1}` : { value: `c${i + 1}`, text: r() < 0.5 ? TEXTS[i % TEXTS.length] : { default: `Choice ${i + 1}`, vi: `Lựa chọn ${i + 1}`, 'zh-cn': `选项 ${i + 1}` } });

const INPUTS = ['text', 'number', 'range', 'date', 'email', 'tel', 'url', 'color', 'month', 'week', 'time', 'datetime-local', 'password'];

// The essential properties of a question of `type` (what makes it answerable), varied by r.
function essentials(type, name, r) {
  const q = { type, name };
  const pick = (a) => a[Math.floor(r() * a.length)];
  switch (type) {
    case 'text': {
      q.inputType = pick(INPUTS);
      if (q.inputType === 'number' || q.inputType === 'range') {
        if (r() < 0.6) { q.min = r() < 0.5 ? 0 : '1'; q.max = r() < 0.5 ? 100 : '120'; }
      } else if (q.inputType === 'date' && r() < 0.5) {
        q.min = '2020-01-01'; q.max = '2030-12-31';
      } else if (r() < 0.3) q.maxLength = 50;
      break;
    }
    case 'comment': if (r() < 0.3) q.maxLength = 200; break;
    case 'rating':
      if (r() < 0.3) q.rateValues = [1, 2, 3, 4, 5].map((v) => (r() < 0.5 ? v : { value: v, text: String(v) }));
      else if (r() < 0.5) { q.rateMin = 0; q.rateMax = 10; }
      else if (r() < 0.5) q.rateCount = 3 + Math.floor(r() * 7);
      if (r() < 0.3) q.displayMode = pick(['auto', 'buttons', 'dropdown']);
      break;
    case 'boolean':
      if (r() < 0.5) { q.valueTrue = pick(['yes', 'Có', 1]); q.valueFalse = pick(['no', 'Không', 0]); }
      break;
    case 'radiogroup': case 'dropdown': case 'checkbox': case 'tagbox': case 'imagepicker': case 'buttongroup': {
      if (type === 'dropdown' && r() < 0.25) { q.choicesMin = 1; q.choicesMax = 5 + Math.floor(r() * 5); break; }
      q.choices = type === 'imagepicker'
        ? Array.from({ length: 3 }, (_, i) => ({ value: `img${i}`, imageLink: `https://example.org/${i}.png` }))
        : choiceList(r, 3 + Math.floor(r() * 4), r() < 0.2);
      if (type !== 'imagepicker' && type !== 'buttongroup') {
        if (r() < 0.35) q[r() < 0.5 ? 'showOtherItem' : 'hasOther'] = r() < 0.8 ? true : 'true';
        if (r() < 0.3) q[r() < 0.5 ? 'showNoneItem' : 'hasNone'] = true;
        if (r() < 0.2) q.showRefuseItem = true;
        if (r() < 0.2) q.showDontKnowItem = true;
        if (r() < 0.3) q[r() < 0.5 ? 'showCommentArea' : 'hasComment'] = true;
      }
      if (type === 'checkbox' && r() < 0.3) q[r() < 0.5 ? 'showSelectAllItem' : 'hasSelectAll'] = true;
      if ((type === 'checkbox' || type === 'tagbox') && r() < 0.3) q.maxSelectedChoices = 2;
      if (type === 'checkbox' && r() < 0.2) q.minSelectedChoices = 1;
      if (type === 'imagepicker' && r() < 0.5) q.multiSelect = true;
      break;
    }
    case 'ranking':
      q.choices = choiceList(r, 3 + Math.floor(r() * 3), false);
      if (r() < 0.3) q.selectToRankEnabled = true;
      break;
    case 'multipletext':
      q.items = [{ name: 'ten' }, { name: 'tuoi', inputType: 'number' }, { name: 'email', inputType: 'email', title: { default: 'E-mail', 'zh-cn': '邮箱' } }];
      break;
    case 'matrix':
      q.rows = ['clean', { value: 'quiet', text: { default: 'Quiet', vi: 'Yên tĩnh' } }];
      q.columns = r() < 0.5 ? [1, 2, 3, 4, 5] : ['Column 1', 'Column 2', 'Column 3'];
      break;
    case 'matrixdropdown':
      q.rows = ['r1', 'r2'];
      q.choices = [1, 2, 3, 4, 5];
      q.columns = [
        { name: 'score' },
        { name: 'seen', cellType: 'boolean' },
        { name: 'note', cellType: 'text' },
        { name: 'which', cellType: pick(['checkbox', 'radiogroup', 'tagbox']), choices: ['a', 'b', 'c'] },
        { name: 'stars', cellType: 'rating' },
      ].slice(0, 2 + Math.floor(r() * 4));
      if (r() < 0.3) q.cellType = 'radiogroup';
      break;
    case 'matrixdynamic':
      q.rowCount = 1 + Math.floor(r() * 3);
      q.columns = [{ name: 'drug', cellType: 'text' }, { name: 'doses', cellType: 'dropdown', choices: [1, 2, 3] }, { name: 'ok', cellType: 'boolean' }];
      if (r() < 0.3) q.detailPanelMode = 'underRow', q.detailElements = [{ type: 'comment', name: 'why' }];
      break;
    case 'paneldynamic':
      q.panelCount = 1 + Math.floor(r() * 3);
      q.templateElements = [
        { type: 'text', name: 'who' },
        { type: 'rating', name: 'score' },
        { type: 'checkbox', name: 'what', choices: ['a', 'b'] },
      ];
      if (r() < 0.3) q.templateElements.push({ type: 'paneldynamic', name: 'inner', panelCount: 1, templateElements: [{ type: 'radiogroup', name: 'x', choices: [1, 2] }] });
      break;
    case 'expression':
      q.expression = r() < 0.5 ? '1 + 2' : "'ok'";
      break;
    case 'html': q.html = '<p>Xin chào <b>quý khách</b></p>'; break;
    case 'image': q.imageLink = 'https://example.org/logo.png'; break;
    case 'file': q.storeDataAsText = true; break;
    default: break;
  }
  return q;
}

function questionTypes() {
  return Serializer.getAllClasses().filter((n) => Serializer.isDescendantOf(n, 'question') && !ABSTRACT.has(n)).sort();
}

function generated() {
  const out = [];
  const r = rng(20261207);
  const types = questionTypes();
  for (const type of types) {
    // Every writable property of the class appears in some definition: walk them in groups, plus
    // a few random combinations.
    const props = allProps(type);
    const groups = [];
    for (let i = 0; i < props.length; i += 6) groups.push(props.slice(i, i + 6));
    const runs = Math.max(groups.length, 10);
    for (let k = 0; k < runs; k++) {
      const q = essentials(type, `q_${type}`, r);
      for (const p of groups[k % Math.max(groups.length, 1)] || []) {
        const prop = Serializer.findProperty(type, p);
        const v = prop ? valueFor(prop, r, type) : undefined;
        if (v !== undefined) q[p] = v;
      }
      Object.assign(q, randomProps(type, r, 2), essentials(type, q.name, rng(k + 1)));
      const elements = [q];
      // Refused types sit among accepted questions: the refusal must still name them.
      elements.unshift({ type: 'rating', name: 'overall', role: 'overall', title: LOCALES[0] });
      const def = { title: { default: `Generated ${type} ${k + 1}`, vi: `Phiếu ${type} ${k + 1}` }, pages: [{ name: 'p1', elements }] };
      if (r() < 0.3) def.locale = r() < 0.5 ? 'vi' : 'zh-cn';
      const entry = { id: `gen-${type}-${k + 1}`, definition: def, expect: REFUSED[type] ? 'refuse' : 'accept' };
      if (REFUSED[type]) Object.assign(entry, { reason: REFUSED[type], refusedType: type, refusedName: q.name });
      out.push(entry);
    }
  }
  return out;
}

function corpus() {
  const hand = require('./handwritten.json').map((e) => ({ expect: 'accept', ...e }));
  return [...hand, ...generated()];
}

module.exports = { corpus, questionTypes, REFUSED, DISPLAY, SKIPPED };

if (require.main === module) {
  const c = corpus();
  const file = process.argv[2];
  if (file) require('node:fs').writeFileSync(file, JSON.stringify(c, null, 1));
  const by = {};
  for (const e of c) by[e.expect] = (by[e.expect] || 0) + 1;
  console.log(c.length, 'definitions', JSON.stringify(by), 'types', questionTypes().join(' '));
}
