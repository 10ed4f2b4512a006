// Survey analysis (docs/api.md "Surveys" → "Analysis"): the figures of a known data set,
// computed here by hand formulas, must come back exactly (1e-9) — right after the responses are
// stored (before the server's folder ran) and again after it folded them; the CLI prints the
// same JSON; small slices are suppressed without any count; rankings; period comparison.
// World: ROOT → {UA (staff SA1, SA2), UB (staff SB), UC}; customers cL (long_term), cF (first_time).
// 26 paper forms: UA 14 (Jan 6, Feb 6, Mar 2), UB 9 (Jan 4, Feb 5), UC 3 (Feb).
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeStaff,
  makeCustomer, runCli, describeRes,
} from './harness.mjs';

// ---------------------------------------------------------------------------- constants
const Z = 1.959963984540054; // R: qnorm(0.975)
// R: for (d in 1:30) cat(d, sprintf("%.17g", qt(0.975, d))) — df = n − 1 of the slices used below
const QT975 = {
  1: 12.706204736174694, 2: 4.3026527297494619, 3: 3.1824463052837078, 4: 2.7764451051977934,
  5: 2.5705818356363137, 6: 2.4469118511449688, 7: 2.3646242515927844, 8: 2.3060041352041658,
  9: 2.2621571627982049, 10: 2.2281388519862739, 11: 2.2009851600916388, 12: 2.1788128296672284,
  13: 2.1603686564627917, 14: 2.1447866879178039, 15: 2.1314495455597751, 16: 2.1199052992212541,
  17: 2.1098155778333165, 18: 2.1009220402410382, 19: 2.0930240544083092, 20: 2.0859634472658648,
  21: 2.07961384472768, 22: 2.0738730679040258, 23: 2.0686576104190482, 24: 2.0638985616280254,
  25: 2.0595385527532977, 26: 2.0555294386428726, 27: 2.051830516480285, 28: 2.0484071417952445,
  29: 2.0452296421327034, 30: 2.0422724563012378,
};
const EPS = 1e-9;

const QUESTIONNAIRE = {
  title: 'Phân tích chất lượng',
  elements: [
    { type: 'rating', name: 'overall', role: 'overall' },
    { type: 'rating', name: 'nps', role: 'nps', rateMin: 0, rateMax: 10 },
    { type: 'rating', name: 'q1', dimension: 'care' },
    { type: 'rating', name: 'q2', dimension: 'care' },
    { type: 'rating', name: 'q3', dimension: 'care', reverse: true },
    { type: 'matrix', name: 'env', columns: [1, 2, 3, 4, 5], rows: [{ value: 'clean', dimension: 'env' }, { value: 'quiet', dimension: 'env' }] },
    { type: 'comment', name: 'comment' },
  ],
};
const SCALES = { overall: [1, 5], nps: [0, 10], q1: [1, 5], q2: [1, 5], q3: [1, 5], 'env.clean': [1, 5], 'env.quiet': [1, 5] };
const DIMENSIONS = { care: ['q1', 'q2', 'q3'], env: ['env.clean', 'env.quiet'] };
const REVERSE = new Set(['q3']);
const keyed = (name, x) => (REVERSE.has(name) ? SCALES[name][0] + SCALES[name][1] - x : x);

// ---------------------------------------------------------------------------- the data set
/** 26 responses from a fixed generator (mulberry32), with a few unanswered questions. */
function dataset(w) {
  let seed = 14; // chosen so that every slice tested has top-2 answers, promoters, passives and detractors
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));
  const plan = [
    // [unit, staff, month, count]
    [w.ua, w.sa1, '01', 3], [w.ua, w.sa2, '01', 3], [w.ub, w.sb, '01', 4],
    [w.ua, w.sa1, '02', 3], [w.ua, w.sa2, '02', 3], [w.ub, w.sb, '02', 5], [w.uc, null, '02', 3],
    [w.ua, w.sa1, '03', 1], [w.ua, w.sa2, '03', 1],
  ];
  const rows = [];
  const day = { '01': 5, '02': 1, '03': 2 };
  for (const [unit, staff, month, count] of plan) {
    for (let i = 0; i < count; i++) {
      const base = 1 + Math.floor(rnd() * 5);
      const near = () => clamp(base + Math.round(rnd() * 2 - 1), 1, 5);
      const r = {
        unit: unit.code, staff: staff ? staff.employee_code : null,
        customer: rows.length % 2 ? 'F' : 'L',
        submitted_at: `2026-${month}-${String(day[month]++).padStart(2, '0')}T03:00:00Z`,
        answers: {
          overall: near(), nps: clamp(2 * base + Math.floor(rnd() * 3) - 1, 0, 10),
          q1: near(), q2: near(), q3: 6 - near(), env: { clean: near(), quiet: near() },
          comment: `Ý kiến số ${rows.length}`,
        },
      };
      rows.push(r);
    }
  }
  // unanswered questions
  delete rows[3].answers.overall;
  delete rows[6].answers.nps;
  delete rows[9].answers.env.quiet;
  delete rows[12].answers.q2;
  delete rows[20].answers.nps;
  return rows;
}

/** Flat {item name: number} of a response's scored answers. */
const flat = (a) => {
  const out = {};
  for (const k of ['overall', 'nps', 'q1', 'q2', 'q3']) if (a[k] !== undefined) out[k] = a[k];
  if (a.env) for (const [row, v] of Object.entries(a.env)) out[`env.${row}`] = v;
  return out;
};

// ---------------------------------------------------------------------------- hand formulas
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => sum(xs) / xs.length;
const variance = (xs) => { const m = mean(xs); return sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1); };
const covariance = (xs, ys) => { const mx = mean(xs), my = mean(ys); return sum(xs.map((x, i) => (x - mx) * (ys[i] - my))) / (xs.length - 1); };
const sd = (xs) => Math.sqrt(variance(xs));
const corr = (xs, ys) => {
  const mx = mean(xs), my = mean(ys);
  const sxy = sum(xs.map((x, i) => (x - mx) * (ys[i] - my)));
  return sxy / Math.sqrt(sum(xs.map((x) => (x - mx) ** 2)) * sum(ys.map((y) => (y - my) ** 2)));
};
function wilson(k, n) {
  const p = k / n, z2 = Z * Z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [centre - half, centre + half];
}
function npsOf(xs) {
  const n = xs.length;
  const P = xs.filter((x) => x >= 9).length, D = xs.filter((x) => x <= 6).length;
  const pP = P / n, pD = D / n;
  const value = (pP - pD) * 100;
  const half = Math.sqrt((pP + pD - (pP - pD) ** 2) / n) * 100 * Z;
  return { value, ci95: [Math.max(-100, value - half), Math.min(100, value + half)], promoters: P, passives: n - P - D, detractors: D, n };
}
/** Cronbach's alpha of the columns of `m` (rows = respondents). */
function alpha(cols) {
  const k = cols.length;
  const totals = cols[0].map((_, i) => sum(cols.map((c) => c[i])));
  return (k / (k - 1)) * (1 - sum(cols.map(variance)) / variance(totals));
}
function stdAlpha(cols) {
  const k = cols.length;
  const rs = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) rs.push(corr(cols[i], cols[j]));
  const r = mean(rs);
  return (k * r) / (1 + (k - 1) * r);
}

/** Every figure of the contract that these tests check, for a list of responses. */
function figures(rows, minGroup = 5) {
  const F = rows.map((r) => flat(r.answers));
  const answered = (name) => F.filter((f) => f[name] !== undefined).map((f) => f[name]);
  const out = { n: rows.length };
  const ov = answered('overall');
  const top = ov.filter((x) => x >= 4).length;
  out.csat = { value: top / ov.length, ci95: wilson(top, ov.length), n: ov.length };
  out.nps = npsOf(answered('nps'));
  out.questions = {};
  for (const [name, [lo, hi]] of Object.entries(SCALES)) {
    const xs = answered(name);
    const q = { n: xs.length, distribution: {} };
    for (let v = lo; v <= hi; v++) q.distribution[String(v)] = xs.filter((x) => x === v).length;
    if (!REVERSE.has(name) && xs.length >= 2) {
      q.mean = mean(xs);
      q.sd = sd(xs);
      assert.ok(QT975[xs.length - 1], `qt(0.975, ${xs.length - 1}) is in the table`);
      const half = QT975[xs.length - 1] * q.sd / Math.sqrt(xs.length);
      q.ci95 = [q.mean - half, q.mean + half];
      q.top2 = xs.filter((x) => x >= hi - 1).length / xs.length;
    }
    out.questions[name] = q;
  }
  out.dimensions = {};
  for (const [dim, items] of Object.entries(DIMENSIONS)) {
    const complete = F.filter((f) => items.every((i) => f[i] !== undefined));
    const cols = items.map((i) => complete.map((f) => keyed(i, f[i])));
    const d = { n: complete.length, mean: sum(cols.map(sum)) / (items.length * complete.length) };
    d.alpha = alpha(cols);
    d.std_alpha = stdAlpha(cols);
    d.items = items.map((name, i) => {
      const others = cols.filter((_, j) => j !== i);
      const rest = complete.map((_, r) => sum(others.map((c) => c[r])));
      // one item left has no alpha: like psych::alpha (R), report cov(dropped, kept) / var(kept) then
      const ifDeleted = others.length >= 2 ? alpha(others) : covariance(cols[i], others[0]) / variance(others[0]);
      return { name, r_drop: corr(cols[i], rest), alpha_if_deleted: ifDeleted };
    });
    out.dimensions[dim] = d;
  }
  // drivers: overall on the dimension scores (complete cases), two predictors
  const dc = F.filter((f) => f.overall !== undefined && Object.values(DIMENSIONS).flat().every((i) => f[i] !== undefined));
  const score = (dim) => dc.map((f) => sum(DIMENSIONS[dim].map((i) => keyed(i, f[i]))));
  const y = dc.map((f) => f.overall);
  const r1 = corr(score('care'), y), r2 = corr(score('env'), y), r12 = corr(score('care'), score('env'));
  const R2 = (r1 * r1 + r2 * r2 - 2 * r1 * r2 * r12) / (1 - r12 * r12);
  // Johnson's relative weights: Λ = R^½ of the predictors' correlation matrix, β* = Λ⁻¹ r_y
  const a = (Math.sqrt(1 + r12) + Math.sqrt(1 - r12)) / 2, b = (Math.sqrt(1 + r12) - Math.sqrt(1 - r12)) / 2;
  const det = a * a - b * b;
  const beta = [(a * r1 - b * r2) / det, (a * r2 - b * r1) / det];
  const rw = [a * a * beta[0] ** 2 + b * b * beta[1] ** 2, b * b * beta[0] ** 2 + a * a * beta[1] ** 2];
  out.drivers = { n: dc.length, r2: R2, items: { care: { r: r1, relative_weight: rw[0] }, env: { r: r2, relative_weight: rw[1] } } };
  // trend by month
  const months = [...new Set(rows.map((r) => r.submitted_at.slice(0, 7)))].sort();
  out.trend = months.map((m) => {
    const sub = rows.filter((r) => r.submitted_at.startsWith(m));
    if (sub.length < minGroup) return { month: m, suppressed: true };
    const f = figures1(sub, minGroup);
    return { month: m, n: sub.length, csat: f.csat, nps: f.nps, mean: f.mean };
  });
  return out;
}
/** CSAT, NPS and the overall mean only (for trend and ranking rows); a figure counted on fewer
 * than minGroup answers is suppressed (null), as docs/api.md says. */
function figures1(rows, minGroup = 0) {
  const F = rows.map((r) => flat(r.answers));
  const ov = F.filter((f) => f.overall !== undefined).map((f) => f.overall);
  const nps = F.filter((f) => f.nps !== undefined).map((f) => f.nps);
  return {
    n: rows.length,
    csat: ov.length < minGroup ? null : ov.filter((x) => x >= 4).length / ov.length,
    nps: nps.length < minGroup ? null : npsOf(nps).value,
    mean: mean(ov),
  };
}

// ---------------------------------------------------------------------------- comparison
function near(actual, expected, where) {
  if (expected === null) return assert.equal(actual, null, where);
  assert.equal(typeof actual, 'number', `${where}: expected a number near ${expected}, got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs(actual - expected) <= EPS, `${where}: got ${actual}, expected ${expected} (diff ${actual - expected})`);
}
const nearPair = (a, e, where) => {
  assert.ok(Array.isArray(a) && a.length === 2, `${where}: ${JSON.stringify(a)}`);
  near(a[0], e[0], `${where}[0]`);
  near(a[1], e[1], `${where}[1]`);
};

/** Asserts that an analysis body carries the figures of `rows`. */
function checkAnalysis(body, rows, label, minGroup = 5) {
  const e = figures(rows, minGroup);
  assert.equal(body.suppressed, false, `${label}: suppressed`);
  assert.equal(body.n, e.n, `${label}: n`);
  near(body.csat.value, e.csat.value, `${label}: csat.value`);
  nearPair(body.csat.ci95, e.csat.ci95, `${label}: csat.ci95`);
  assert.equal(body.csat.n, e.csat.n, `${label}: csat.n`);
  near(body.nps.value, e.nps.value, `${label}: nps.value`);
  nearPair(body.nps.ci95, e.nps.ci95, `${label}: nps.ci95`);
  for (const k of ['promoters', 'passives', 'detractors', 'n']) assert.equal(body.nps[k], e.nps[k], `${label}: nps.${k}`);
  for (const [name, q] of Object.entries(e.questions)) {
    const got = body.questions.find((x) => x.name === name);
    assert.ok(got, `${label}: question ${name} in ${JSON.stringify(body.questions.map((x) => x.name))}`);
    if (q.n < minGroup && got.suppressed === true) { noCounts(got, `${label}: ${name}`); continue; }
    assert.equal(got.n, q.n, `${label}: ${name}.n`);
    assert.deepEqual(got.distribution, q.distribution, `${label}: ${name}.distribution`);
    if (q.mean === undefined) continue;
    near(got.mean, q.mean, `${label}: ${name}.mean`);
    near(got.sd, q.sd, `${label}: ${name}.sd`);
    nearPair(got.ci95, q.ci95, `${label}: ${name}.ci95`);
    near(got.top2, q.top2, `${label}: ${name}.top2`);
  }
  for (const [name, d] of Object.entries(e.dimensions)) {
    const got = body.dimensions.find((x) => x.name === name);
    assert.ok(got, `${label}: dimension ${name}`);
    if (d.n < minGroup && got.suppressed === true) { noCounts(got, `${label}: ${name}`); continue; }
    assert.equal(got.n, d.n, `${label}: ${name}.n`);
    near(got.mean, d.mean, `${label}: ${name}.mean`);
    near(got.alpha, d.alpha, `${label}: ${name}.alpha`);
    near(got.std_alpha, d.std_alpha, `${label}: ${name}.std_alpha`);
    assert.deepEqual(got.items.map((i) => i.name), d.items.map((i) => i.name), `${label}: ${name} items`);
    for (const [i, it] of d.items.entries()) {
      near(got.items[i].r_drop, it.r_drop, `${label}: ${name}.${it.name}.r_drop`);
      near(got.items[i].alpha_if_deleted, it.alpha_if_deleted, `${label}: ${name}.${it.name}.alpha_if_deleted`);
    }
  }
  if (e.drivers.n < minGroup && body.drivers === null) {
    assert.deepEqual(body.ipa, [], `${label}: no IPA without drivers`);
  } else checkDrivers(body, e, label);
  checkTrend(body, e, label);
}

/** A block suppressed on its own (fewer answers than min_group) carries no counts. */
function noCounts(block, where) {
  for (const k of ['n', 'distribution', 'mean', 'sd', 'ci95', 'top2', 'alpha', 'items']) {
    assert.equal(block[k], undefined, `${where}: suppressed block has ${k}: ${JSON.stringify(block)}`);
  }
}

function checkDrivers(body, e, label) {
  assert.ok(body.drivers, `${label}: drivers`);
  assert.equal(body.drivers.target, 'overall');
  assert.equal(body.drivers.n, e.drivers.n, `${label}: drivers.n`);
  near(body.drivers.r2, e.drivers.r2, `${label}: drivers.r2`);
  for (const [name, d] of Object.entries(e.drivers.items)) {
    const got = body.drivers.items.find((x) => x.name === name);
    assert.ok(got, `${label}: driver ${name}`);
    near(got.r, d.r, `${label}: driver ${name}.r`);
    near(got.relative_weight, d.relative_weight, `${label}: driver ${name}.relative_weight`);
  }
  // IPA: importance = relative weight, performance = the dimension's mean, split at the means, equal = high
  assert.equal(body.ipa.length, 2, `${label}: ipa`);
  const impMean = mean(Object.values(e.drivers.items).map((d) => d.relative_weight));
  const perfMean = mean(Object.values(e.dimensions).map((d) => d.mean));
  for (const p of body.ipa) {
    near(p.importance, e.drivers.items[p.name].relative_weight, `${label}: ipa ${p.name}.importance`);
    near(p.performance, e.dimensions[p.name].mean, `${label}: ipa ${p.name}.performance`);
    const hiI = p.importance >= impMean - 1e-12, hiP = p.performance >= perfMean - 1e-12;
    const quad = hiI ? (hiP ? 'keep_up' : 'concentrate') : (hiP ? 'possible_overkill' : 'low_priority');
    assert.equal(p.quadrant, quad, `${label}: ipa ${p.name}.quadrant`);
  }
}

function checkTrend(body, e, label) {
  assert.deepEqual(body.trend.map((t) => t.month), e.trend.map((t) => t.month), `${label}: trend months`);
  for (const [i, t] of e.trend.entries()) {
    const got = body.trend[i];
    if (t.suppressed) {
      assert.deepEqual(got, { month: t.month, suppressed: true }, `${label}: trend ${t.month} suppressed without counts`);
      continue;
    }
    assert.equal(got.n, t.n, `${label}: trend ${t.month}.n`);
    near(got.csat, t.csat, `${label}: trend ${t.month}.csat`);
    near(got.nps, t.nps, `${label}: trend ${t.month}.nps`);
    near(got.mean, t.mean, `${label}: trend ${t.month}.mean`);
  }
}

/** Recursively equal, numbers within 1e-9. */
function deepClose(a, b, path = '$') {
  if (typeof a === 'number' && typeof b === 'number') return near(a, b, path);
  if (Array.isArray(b)) {
    assert.ok(Array.isArray(a) && a.length === b.length, `${path}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b).slice(0, 200)}`);
    return b.forEach((x, i) => deepClose(a[i], x, `${path}[${i}]`));
  }
  if (b && typeof b === 'object') {
    assert.ok(a && typeof a === 'object', `${path}: ${JSON.stringify(a)}`);
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${path}: keys`);
    for (const k of Object.keys(b)) deepClose(a[k], b[k], `${path}.${k}`);
    return;
  }
  assert.equal(a, b, path);
}

const SUPPRESSED_KEYS = ['filters', 'min_group', 'suppressed', 'survey_id'];
function checkSuppressed(r, label) {
  const b = expectStatus(r, 200);
  assert.deepEqual(Object.keys(b).sort(), SUPPRESSED_KEYS, `${label}: ${r.text.slice(0, 300)}`);
  assert.equal(b.suppressed, true);
  assert.ok(!/"(n|count|promoters|passives|detractors|distribution|csat|nps|questions|trend)"\s*:/.test(r.text), `${label}: no counts in ${r.text}`);
}

/** Rankings: the contract documents a bare array; accept an {items} wrapper here (its own test checks the shape). */
const listOf = (b) => (Array.isArray(b) ? b : b && b.items);

async function buildWorld(s, w, { count } = {}) {
  const admin = await s.admin();
  w.root = await makeUnit(admin, { code: uid('ROOT'), name: 'Tập đoàn' });
  w.ua = await makeUnit(admin, { code: uid('UA'), name: 'Khoa Nội', parent: w.root.code });
  w.ub = await makeUnit(admin, { code: uid('UB'), name: 'Khoa Ngoại', parent: w.root.code });
  w.uc = await makeUnit(admin, { code: uid('UC'), name: 'Khoa Nhi', parent: w.root.code });
  w.sa1 = await makeStaff(admin, { unit: w.ua.code, name: 'Lê Văn An' });
  w.sa2 = await makeStaff(admin, { unit: w.ua.code, name: 'Phạm Thị Ánh' });
  w.sb = await makeStaff(admin, { unit: w.ub.code, name: 'Võ Minh Bảo' });
  w.cL = await makeCustomer(admin, { category: 'long_term' });
  w.cF = await makeCustomer(admin, { category: 'first_time' });
  w.survey = expectStatus(await admin.post('/surveys', { definition: QUESTIONNAIRE }), 201);
  w.rows = dataset(w).slice(0, count);
}

async function submitAll(s, w) {
  const admin = await s.admin();
  for (const r of w.rows) {
    const body = { answers: r.answers, unit: r.unit, submitted_at: r.submitted_at, customer_phone: (r.customer === 'L' ? w.cL : w.cF).phone };
    if (r.staff) body.staff = r.staff;
    expectStatus(await admin.post(`/surveys/${w.survey.id}/responses`, body), 201);
  }
}

// ============================================================================ suite 1
suite('survey analysis', () => {
  const s = useServer();
  const w = {};
  const A = (q = '') => `/surveys/${w.survey.id}/analysis${q}`;
  const rowsOf = (pred) => w.rows.filter(pred);

  before(async () => {
    await buildWorld(s, w);
    await submitAll(s, w);
    // immediately: the folder (every second) has likely not run for the last forms
    w.immediate = await (await s.admin()).get(A());
  });

  test('the whole questionnaire right after the forms were stored: every figure equals the hand computation', async () => {
    const b = expectStatus(w.immediate, 200);
    assert.equal(b.survey_id, w.survey.id);
    assert.equal(b.min_group, 5);
    checkAnalysis(b, w.rows, 'immediate');
  });

  test('… and after the folder ran (1.5 s later) the figures are the same', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const b = expectStatus(await (await s.admin()).get(A()), 200);
    checkAnalysis(b, w.rows, 'folded');
    deepClose(b, w.immediate.body);
  });

  test('a form added now counts at once (before the next fold) and afterwards', async () => {
    const admin = await s.admin();
    const extra = { unit: w.ub.code, staff: w.sb.employee_code, customer: 'L', submitted_at: '2026-02-20T03:00:00Z',
      answers: { overall: 2, nps: 4, q1: 2, q2: 1, q3: 5, env: { clean: 2, quiet: 3 } } };
    expectStatus(await admin.post(`/surveys/${w.survey.id}/responses`,
      { answers: extra.answers, unit: extra.unit, staff: extra.staff, submitted_at: extra.submitted_at, customer_phone: w.cL.phone }), 201);
    w.rows.push(extra);
    checkAnalysis(expectStatus(await admin.get(A()), 200), w.rows, 'just added');
    await new Promise((r) => setTimeout(r, 1500));
    checkAnalysis(expectStatus(await admin.get(A()), 200), w.rows, 'just added, folded');
  });

  test('slices: unit, unit subtree, staff, category, channel, from/to (inclusive) equal the hand figures', async () => {
    const admin = await s.admin();
    const cases = [
      [`?unit=${w.ua.code}`, rowsOf((r) => r.unit === w.ua.code)],
      [`?unit=${w.root.code}`, w.rows],
      [`?staff=${w.sb.employee_code}`, rowsOf((r) => r.staff === w.sb.employee_code)],
      ['?category=long_term', rowsOf((r) => r.customer === 'L')],
      ['?category=first_time', rowsOf((r) => r.customer === 'F')],
      ['?channel=paper', w.rows],
      ['?from=2026-02-01&to=2026-02-28', rowsOf((r) => r.submitted_at.startsWith('2026-02'))],
      ['?from=2026-01-01&to=2026-01-14', rowsOf((r) => r.submitted_at.startsWith('2026-01'))], // the last January form is on the 14th
      [`?unit=${w.ua.code}&from=2026-02-01&to=2026-03-31`, rowsOf((r) => r.unit === w.ua.code && r.submitted_at >= '2026-02')],
    ];
    for (const [q, rows] of cases) {
      assert.ok(rows.length >= 5, `${q}: the data set gives ${rows.length}`);
      const r = await admin.get(A(q));
      checkAnalysis(expectStatus(r, 200), rows, q);
    }
  });

  test('combined filters (staff with dates or category, unit with category, category with dates) equal the hand figures or are suppressed', async () => {
    const admin = await s.admin();
    const feb = (r) => r.submitted_at.startsWith('2026-02');
    const cases = [
      [`?staff=${w.sb.employee_code}&from=2026-02-01&to=2026-02-28`, rowsOf((r) => r.staff === w.sb.employee_code && feb(r))],
      [`?staff=${w.sa1.employee_code}&category=long_term`, rowsOf((r) => r.staff === w.sa1.employee_code && r.customer === 'L')],
      [`?staff=${w.sa2.employee_code}&unit=${w.ua.code}`, rowsOf((r) => r.staff === w.sa2.employee_code)],
      [`?unit=${w.ub.code}&category=first_time`, rowsOf((r) => r.unit === w.ub.code && r.customer === 'F')],
      [`?unit=${w.ua.code}&category=long_term`, rowsOf((r) => r.unit === w.ua.code && r.customer === 'L')],
      ['?category=long_term&from=2026-02-01&to=2026-03-31', rowsOf((r) => r.customer === 'L' && r.submitted_at >= '2026-02')],
      [`?unit=${w.ub.code}&channel=paper&from=2026-01-01&to=2026-02-28`, rowsOf((r) => r.unit === w.ub.code)],
    ];
    let shown = 0;
    for (const [q, rows] of cases) {
      const r = await admin.get(A(q));
      if (rows.length >= 5) {
        checkAnalysis(expectStatus(r, 200), rows, q);
        shown++;
      } else checkSuppressed(r, `${q} (${rows.length} forms)`);
    }
    assert.ok(shown >= 4, `${shown} of the combined slices are large enough to check`);
  });

  test('an unknown questionnaire → 404 survey.not_found; an unknown unit → 404 unit.not_found', async () => {
    const admin = await s.admin();
    expectProblem(await admin.get('/surveys/987654/analysis'), 404, 'survey.not_found');
    expectProblem(await admin.get(A('?unit=NO-SUCH-UNIT')), 404, 'unit.not_found');
  });

  test('filters are echoed in `filters`', async () => {
    const b = expectStatus(await (await s.admin()).get(A(`?unit=${w.ua.code}&from=2026-01-01&to=2026-03-31`)), 200);
    assert.deepEqual(b.filters, { unit: w.ua.code, from: '2026-01-01', to: '2026-03-31' });
  });

  // ---- suppression
  test('a slice with fewer than 5 responses → {survey_id, filters, min_group, suppressed: true} and no counts at all', async () => {
    const admin = await s.admin();
    checkSuppressed(await admin.get(A(`?unit=${w.uc.code}`)), 'UC (3 forms)');
    checkSuppressed(await admin.get(A('?from=2026-03-01&to=2026-03-31')), 'March (2 forms)');
    checkSuppressed(await admin.get(A('?channel=link')), 'no forms at all');
    const b = expectStatus(await admin.get(A(`?unit=${w.uc.code}`)), 200);
    assert.equal(b.survey_id, w.survey.id);
    assert.equal(b.min_group, 5);
    assert.deepEqual(b.filters, { unit: w.uc.code });
  });

  test('min_group above the organisation minimum suppresses more; below it → 422 survey.min_group_invalid', async () => {
    const admin = await s.admin();
    const nB = rowsOf((r) => r.unit === w.ub.code).length;
    checkSuppressed(await admin.get(A(`?unit=${w.ub.code}&min_group=${nB + 1}`)), `UB with min_group ${nB + 1}`);
    const ok = expectStatus(await admin.get(A(`?unit=${w.ua.code}&min_group=6`)), 200);
    assert.equal(ok.min_group, 6);
    checkAnalysis(ok, rowsOf((r) => r.unit === w.ua.code), 'UA with min_group 6', 6);
    expectProblem(await admin.get(A('?min_group=1')), 422, 'survey.min_group_invalid');
    expectProblem(await admin.get(A('?min_group=4')), 422, 'survey.min_group_invalid');
  });

  // ---- comparison
  test('compare periods: February vs January → compare {from, to, n} and csat/nps/questions p_values', async () => {
    const admin = await s.admin();
    const feb = rowsOf((r) => r.submitted_at.startsWith('2026-02'));
    const jan = rowsOf((r) => r.submitted_at.startsWith('2026-01'));
    const b = expectStatus(await admin.get(A('?from=2026-02-01&to=2026-02-28&compare_from=2026-01-01&compare_to=2026-01-31')), 200);
    checkAnalysis(b, feb, 'February');
    assert.ok(b.compare, 'compare present');
    assert.equal(b.compare.n, jan.length);
    assert.equal(b.compare.from, '2026-01-01');
    assert.equal(b.compare.to, '2026-01-31');
    const p = b.compare.csat.p_value;
    assert.equal(typeof p, 'number', JSON.stringify(b.compare.csat));
    assert.ok(p >= 0 && p <= 1, `p_value ${p}`);
    near(Math.abs(b.compare.csat.diff), Math.abs(figures1(feb).csat - figures1(jan).csat), 'compare.csat |diff|');
    assert.equal(typeof b.compare.nps.p_value, 'number');
    near(Math.abs(b.compare.nps.diff), Math.abs(figures1(feb).nps - figures1(jan).nps), 'compare.nps |diff|');
    const qo = b.compare.questions.find((x) => x.name === 'overall');
    assert.ok(qo && typeof qo.p_value === 'number' && typeof qo.t === 'number' && typeof qo.df === 'number', JSON.stringify(b.compare.questions));
    near(Math.abs(qo.diff), Math.abs(figures1(feb).mean - figures1(jan).mean), 'compare overall |diff|');
    const plain = expectStatus(await admin.get(A('?from=2026-02-01&to=2026-02-28')), 200);
    assert.equal(plain.compare, undefined, 'no compare without compare_from/compare_to');
  });

  // ---- ranking
  test('ranking by unit: UA and UB with n, csat, nps, mean; UC suppressed without counts', async () => {
    const admin = await s.admin();
    const r = await admin.get(`/surveys/${w.survey.id}/ranking?by=unit`);
    const items = listOf(expectStatus(r, 200));
    assert.ok(Array.isArray(items), describeRes(r));
    const by = Object.fromEntries(items.map((x) => [x.key, x]));
    assert.deepEqual(Object.keys(by).sort(), [w.ua.code, w.ub.code, w.uc.code].sort());
    for (const u of [w.ua, w.ub]) {
      const e = figures1(rowsOf((x) => x.unit === u.code), 5);
      const got = by[u.code];
      assert.equal(got.name, u.name);
      assert.equal(got.n, e.n);
      near(got.csat, e.csat, `${u.code}.csat`);
      near(got.nps, e.nps, `${u.code}.nps`);
      near(got.mean, e.mean, `${u.code}.mean`);
    }
    assert.deepEqual(by[w.uc.code], { key: w.uc.code, name: w.uc.name, suppressed: true });
    const shown = items.filter((x) => !x.suppressed).map((x) => x.csat);
    assert.deepEqual(shown, [...shown].sort((a, b) => b - a), 'ranked by CSAT, best first');
  });

  test('ranking by staff: SA1, SA2, SB with their figures', async () => {
    const admin = await s.admin();
    const items = listOf(expectStatus(await admin.get(`/surveys/${w.survey.id}/ranking?by=staff`), 200));
    const by = Object.fromEntries(items.map((x) => [x.key, x]));
    for (const st of [w.sa1, w.sa2, w.sb]) {
      const e = figures1(rowsOf((x) => x.staff === st.employee_code), 5);
      const got = by[st.employee_code];
      assert.ok(got, `${st.employee_code} in ${JSON.stringify(items)}`);
      assert.equal(got.n, e.n);
      near(got.csat, e.csat, `${st.employee_code}.csat`);
      near(got.nps, e.nps, `${st.employee_code}.nps`);
    }
  });

  test('GET /surveys/{id}/ranking answers the documented object {survey_id, by, min_group, filters, items[]}', async () => {
    const r = await (await s.admin()).get(`/surveys/${w.survey.id}/ranking?by=unit`);
    expectStatus(r, 200);
    assert.equal(r.body.by, 'unit');
    assert.equal(r.body.survey_id, w.survey.id);
    assert.equal(r.body.min_group, 5);
    assert.ok(Array.isArray(r.body.items), `items is an array, got ${r.text.slice(0, 200)}`);
  });

  // ---- CLI and naive
  const cliArgs = (extra = []) => ['analyze', 'survey', '--db', s.db, '--survey', String(w.survey.id), ...extra, '--format', 'json'];

  test('servq analyze survey --format json prints only JSON, identical to the API (whole questionnaire)', async () => {
    const r = await runCli(cliArgs());
    assert.equal(r.code, 0, r.stderr);
    let parsed;
    assert.doesNotThrow(() => { parsed = JSON.parse(r.stdout); }, `stdout is only JSON: ${r.stdout.slice(0, 200)}`);
    const api = expectStatus(await (await s.admin()).get(A()), 200);
    assert.deepEqual(parsed, api);
  });

  test('servq analyze survey with filters and a comparison prints the API\'s JSON for the same query', async () => {
    const r = await runCli(cliArgs(['--unit', w.ua.code, '--from', '2026-01-01', '--to', '2026-02-28',
      '--compare-from', '2026-03-01', '--compare-to', '2026-03-31']));
    assert.equal(r.code, 0, r.stderr);
    const parsed = JSON.parse(r.stdout);
    const api = expectStatus(await (await s.admin()).get(A(`?unit=${w.ua.code}&from=2026-01-01&to=2026-02-28&compare_from=2026-03-01&compare_to=2026-03-31`)), 200);
    assert.deepEqual(parsed, api);
    const r2 = await runCli(cliArgs(['--unit', w.uc.code]));
    assert.deepEqual(JSON.parse(r2.stdout), expectStatus(await (await s.admin()).get(A(`?unit=${w.uc.code}`)), 200));
  });

  test('servq analyze survey --naive prints the same figures', async () => {
    for (const extra of [[], ['--staff', w.sa1.employee_code, '--from', '2026-01-01', '--to', '2026-03-31'], ['--category', 'long_term']]) {
      const a = await runCli(cliArgs(extra));
      const b = await runCli([...cliArgs(extra), '--naive']);
      assert.equal(b.code, 0, b.stderr);
      deepClose(JSON.parse(b.stdout), JSON.parse(a.stdout));
    }
  });

  test('?naive is not exposed by the API: not in openapi.json and it changes nothing', async () => {
    const admin = await s.admin();
    const spec = expectStatus(await admin.get('/openapi.json'), 200);
    const op = spec.paths['/api/v1/surveys/{id}/analysis'].get;
    assert.ok(!op.parameters.some((p) => p.name === 'naive'), JSON.stringify(op.parameters.map((p) => p.name)));
    const plain = expectStatus(await admin.get(A()), 200);
    const r = await admin.get(A('?naive=1'));
    if (r.status === 200) assert.deepEqual(r.body, plain);
    else expectProblem(r, 422);
  });
});

// ============================================================================ suite 2
suite('survey analysis without the background folder', () => {
  const s = useServer({ serveArgs: ['--fold-interval', '3600'] });
  const w = {};

  before(async () => {
    await buildWorld(s, w, { count: 17 });
    await submitAll(s, w);
  });

  test('nothing folded yet: the figures are exact from the pending forms', async () => {
    checkAnalysis(expectStatus(await (await s.admin()).get(`/surveys/${w.survey.id}/analysis`), 200), w.rows, 'unfolded');
  });

  test('after `servq fold` the figures are the same (nothing counted twice)', async () => {
    const f = await runCli(['fold', '--db', s.db]);
    assert.equal(f.code, 0, f.stderr);
    const admin = await s.admin();
    checkAnalysis(expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis`), 200), w.rows, 'folded by the CLI');
    const f2 = await runCli(['fold', '--db', s.db]);
    assert.equal(f2.code, 0, f2.stderr);
    checkAnalysis(expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis`), 200), w.rows, 'folded twice');
    checkAnalysis(expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis?unit=${w.ua.code}`), 200),
      w.rows.filter((r) => r.unit === w.ua.code), 'UA folded');
  });

  test('half folded: forms added after the fold count together with the folded ones', async () => {
    const admin = await s.admin();
    const more = dataset(w).slice(17);
    for (const r of more) {
      const body = { answers: r.answers, unit: r.unit, submitted_at: r.submitted_at, customer_phone: (r.customer === 'L' ? w.cL : w.cF).phone };
      if (r.staff) body.staff = r.staff;
      expectStatus(await admin.post(`/surveys/${w.survey.id}/responses`, body), 201);
    }
    w.rows.push(...more);
    checkAnalysis(expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis`), 200), w.rows, 'half folded');
    const cli = await runCli(['analyze', 'survey', '--db', s.db, '--survey', String(w.survey.id), '--format', 'json']);
    assert.deepEqual(JSON.parse(cli.stdout), expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis`), 200));
  });
});
