// Fills a SurveyJS definition the way a respondent would, in survey-core itself (node), and
// returns survey-core's own answers (survey.data) — used by tests/api/surveyjs-corpus.test.mjs
// and to write fuzz seeds (tests/fuzz/corpus-survey/).
import { createRequire } from 'node:module';

const webRequire = createRequire(new URL('../../web/package.json', import.meta.url));
const SurveyCore = webRequire('survey-core');

// A deterministic PRNG per fill, so every run posts the same answers.
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

const SPECIAL = new Set(['other', 'none', 'refused', 'dontknow', 'selectall']);

/** Fills one question as a respondent would; survey-core keeps the value in its data. */
function fill(q, r) {
  const pick = (a) => a[Math.floor(r() * a.length)];
  const type = q.getType();
  // Not the special items (other, none, ...) nor select-all, whose value is ''.
  const plain = () => (q.visibleChoices || []).filter((c) => !SPECIAL.has(String(c.value)) && c.value !== undefined && c.value !== '');
  switch (type) {
    case 'text': {
      const t = q.inputType;
      const lo = q.min !== undefined && q.min !== '' ? Number(q.min) : undefined;
      const hi = q.max !== undefined && q.max !== '' ? Number(q.max) : undefined;
      if (t === 'number' || t === 'range') {
        const a = Number.isFinite(lo) ? lo : 0, b = Number.isFinite(hi) ? hi : a + 100;
        q.value = Math.round(a + r() * (b - a));
      } else if (t === 'date') q.value = '2026-03-1' + Math.floor(r() * 9);
      else if (t === 'email') q.value = 'an.nguyen@example.vn';
      else if (t === 'tel') q.value = '098 123 4567';
      else if (t === 'url') q.value = 'https://example.vn';
      else if (t === 'color') q.value = '#1a2b3c';
      else if (t === 'month') q.value = '2026-03';
      else if (t === 'week') q.value = '2026-W10';
      else if (t === 'time') q.value = '10:30';
      else if (t === 'datetime-local') q.value = '2026-03-10T10:30';
      else q.value = pick(['Bác sĩ tận tình', '护士很好', 'Phòng chờ hơi nóng']).slice(0, q.maxLength > 0 ? q.maxLength : 100);
      return;
    }
    case 'comment': q.value = 'Góp ý: cần thêm ghế chờ'.slice(0, q.maxLength > 0 ? q.maxLength : 100); return;
    case 'rating': q.value = pick(q.visibleRateValues).value; return;
    case 'boolean': q.booleanValue = r() < 0.5; return;
    case 'radiogroup': case 'dropdown': case 'imagepicker': case 'buttongroup': {
      if (type === 'imagepicker' && q.multiSelect) {
        const cs = plain();
        if (cs.length) q.value = cs.filter(() => r() < 0.6).map((c) => c.value).slice(0, Math.max(1, q.maxSelectedChoices || cs.length));
        if (!q.value?.length && cs.length) q.value = [cs[0].value];
        return;
      }
      const cs = q.visibleChoices || [];
      if (!cs.length) return;
      const c = pick(cs);
      q.value = c.value;
      if (String(c.value) === 'other') q.otherValue = 'Khác: người quen giới thiệu';
      if (q.showCommentArea || q.hasComment) q.comment = 'Thêm chi tiết';
      return;
    }
    case 'checkbox': case 'tagbox': {
      const cs = plain();
      if (!cs.length) return;
      const max = q.maxSelectedChoices > 0 ? q.maxSelectedChoices : cs.length;
      const min = Math.max(1, q.minSelectedChoices || 0);
      let chosen = cs.filter(() => r() < 0.5).slice(0, max);
      if (chosen.length < min) chosen = cs.slice(0, Math.min(min, max));
      q.value = chosen.map((c) => c.value);
      return;
    }
    case 'ranking': {
      const cs = (q.visibleChoices || []).map((c) => c.value);
      q.value = cs.sort(() => r() - 0.5);
      return;
    }
    case 'multipletext':
      for (const it of q.items) {
        it.value = it.inputType === 'number' ? Math.floor(r() * 90) : it.inputType === 'email' ? 'an.nguyen@example.vn' : 'Nguyễn Văn An';
      }
      return;
    case 'matrix': {
      const v = {};
      // eachRowUnique: no two rows may take the same column.
      const cols = [...q.visibleColumns].sort(() => r() - 0.5);
      q.visibleRows.forEach((row, i) => { v[row.name] = q.eachRowUnique ? cols[i % cols.length].value : pick(q.visibleColumns).value; });
      q.value = v;
      return;
    }
    case 'matrixdropdown': case 'matrixdynamic':
      for (const row of q.visibleRows) for (const cell of row.cells) if (cell.question) fill(cell.question, r);
      return;
    case 'paneldynamic':
      for (const p of q.panels) for (const inner of p.questions) fill(inner, r);
      return;
    default:
      return; // expression (computed), html, image
  }
}

/** survey-core's answers for a definition: {data, valid, errors}. */
export function answersOf(definition, seed) {
  const survey = new SurveyCore.Model(definition);
  const r = rng(seed);
  for (const q of survey.getAllQuestions(true)) fill(q, r);
  const valid = survey.validate(false, false);
  const errors = valid ? [] : survey.getAllQuestions(true).filter((q) => q.errors?.length)
    .map((q) => `${q.name}: ${q.errors.map((e) => e.getText?.() ?? e.text).join('; ')} (value ${JSON.stringify(q.value)})`);
  return { data: survey.data, valid, errors };
}

