// Survey analysis (docs/api.md "Analysis", PRODUCT.md S4/S5): the answer's shapes, the filter
// bar → query, and the pure pieces the dashboard draws from — series with gaps for suppressed
// months, importance–performance quadrants, significance marks and each chart's CSV.
import type { Query } from '@/app/api';
import { BOM, csvLine } from '@/shared/csv';

export type Ci = [number, number] | null;

export interface CsatFigure {
  value: number | null;
  ci95: Ci;
  n: number;
}

export interface NpsFigure {
  value: number | null;
  ci95: Ci;
  promoters: number;
  passives: number;
  detractors: number;
  n: number;
}

/** A question's figures; a question answered by fewer than min_group in the slice comes as
 * {name, type, dimension, suppressed: true} only, and choice questions have no mean. */
export interface QuestionStat {
  name: string;
  type?: string;
  dimension: string | null;
  suppressed?: boolean;
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: Ci;
  top2: number | null;
  distribution: Record<string, number>;
}

export interface ItemReliability {
  name: string;
  reverse?: boolean;
  r_drop: number | null;
  alpha_if_deleted: number | null;
}

/** A dimension's figures; {name, suppressed: true} below min_group. */
export interface DimensionStat {
  name: string;
  suppressed?: boolean;
  n: number;
  mean: number | null;
  alpha: number | null;
  std_alpha: number | null;
  items: ItemReliability[];
}

export interface Drivers {
  target: string;
  n: number;
  r2: number | null;
  items: { name: string; r: number | null; relative_weight: number | null }[];
}

export type Quadrant = 'keep_up' | 'concentrate' | 'low_priority' | 'possible_overkill';
export const QUADRANTS: Quadrant[] = [
  'keep_up',
  'concentrate',
  'low_priority',
  'possible_overkill',
];

export interface IpaPoint {
  name: string;
  importance: number;
  performance: number;
  quadrant: Quadrant;
}

export type TrendPoint =
  | { month: string; n: number; csat: number | null; nps: number | null; mean: number | null }
  | { month: string; suppressed: true };

export interface TestResult {
  diff: number | null;
  z?: number | null;
  t?: number | null;
  df?: number | null;
  p_value: number | null;
}

export interface Comparison {
  from: string;
  to: string;
  /** the comparison period has fewer than min_group responses: no figures */
  suppressed?: boolean;
  n: number;
  csat: TestResult | null;
  nps: TestResult | null;
  questions: (TestResult & { name: string })[];
  /** the comparison period's own CSAT and NPS (servq adds them) */
  csat_value?: CsatFigure | null;
  nps_value?: NpsFigure | null;
}

export interface AnalysisFull {
  survey_id: number;
  filters: Record<string, unknown>;
  min_group: number;
  n: number;
  suppressed: false;
  csat: CsatFigure | null;
  nps: NpsFigure | null;
  questions: QuestionStat[];
  dimensions: DimensionStat[];
  drivers: Drivers | null;
  ipa: IpaPoint[];
  trend: TrendPoint[];
  compare?: Comparison | null;
}

export interface AnalysisSuppressed {
  survey_id: number;
  filters: Record<string, unknown>;
  min_group: number;
  suppressed: true;
}

export type Analysis = AnalysisFull | AnalysisSuppressed;

export type RankingRow =
  | {
      key: string;
      name: string;
      n: number;
      csat: number | null;
      nps: number | null;
      mean: number | null;
    }
  | { key: string; name: string; suppressed: true };

export interface CommentRow {
  response_id: number;
  submitted_at: string;
  unit: string | null;
  question: string;
  text: string;
  lang?: string;
  feedback_id?: number | null;
}

/** The filter bar as the page holds it (days YYYY-MM-DD from the pickers). */
export interface AnalysisFilters {
  range: [string, string] | null;
  unit: string | null;
  staff: string;
  category: string;
  channel: string;
  campaign: number | null;
  compare: [string, string] | null;
}

export function emptyAnalysisFilters(): AnalysisFilters {
  return {
    range: null,
    unit: null,
    staff: '',
    category: '',
    channel: '',
    campaign: null,
    compare: null,
  };
}

/** Filters → the query of GET /surveys/{id}/analysis, /ranking and /comments (dates inclusive). */
export function analysisQuery(f: AnalysisFilters): Query {
  const q: Query = {};
  if (f.range?.[0]) q.from = f.range[0];
  if (f.range?.[1]) q.to = f.range[1];
  if (f.unit) q.unit = f.unit;
  if (f.staff.trim()) q.staff = f.staff.trim();
  if (f.category) q.category = f.category;
  if (f.channel) q.channel = f.channel;
  if (f.campaign) q.campaign = f.campaign;
  if (f.compare?.[0] && f.compare?.[1]) {
    q.compare_from = f.compare[0];
    q.compare_to = f.compare[1];
  }
  return q;
}

/** The same filters as the page's own URL query (so a reload keeps them). */
export function analysisFiltersToRoute(f: AnalysisFilters): Record<string, string> {
  const r: Record<string, string> = {};
  for (const [k, v] of Object.entries(analysisQuery(f))) {
    if (v !== undefined && v !== null && v !== '') r[k] = String(v);
  }
  return r;
}

export function routeToAnalysisFilters(q: Record<string, unknown>): AnalysisFilters {
  const str = (v: unknown) =>
    Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '';
  const day = (v: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(str(v)) ? str(v) : '');
  const pair = (a: unknown, b: unknown): [string, string] | null =>
    day(a) && day(b) ? [day(a), day(b)] : null;
  const campaign = Number(str(q.campaign));
  return {
    range: pair(q.from, q.to),
    unit: str(q.unit) || null,
    staff: str(q.staff),
    category: str(q.category),
    channel: str(q.channel),
    campaign: Number.isInteger(campaign) && campaign > 0 ? campaign : null,
    compare: pair(q.compare_from, q.compare_to),
  };
}

export function isSuppressedTrend(p: TrendPoint): p is { month: string; suppressed: true } {
  return 'suppressed' in p && p.suppressed === true;
}

/** Trend points → one x axis of months (sorted) and series with null where a month is
 * suppressed or has no figure, so the chart shows a gap rather than a made-up line. */
export function trendSeries(trend: TrendPoint[]): {
  months: string[];
  n: (number | null)[];
  csat: (number | null)[];
  nps: (number | null)[];
  mean: (number | null)[];
  suppressed: boolean[];
} {
  const rows = [...trend].sort((a, b) => a.month.localeCompare(b.month));
  const out = {
    months: [] as string[],
    n: [] as (number | null)[],
    csat: [] as (number | null)[],
    nps: [] as (number | null)[],
    mean: [] as (number | null)[],
    suppressed: [] as boolean[],
  };
  for (const p of rows) {
    out.months.push(p.month);
    if (isSuppressedTrend(p)) {
      out.n.push(null);
      out.csat.push(null);
      out.nps.push(null);
      out.mean.push(null);
      out.suppressed.push(true);
    } else {
      out.n.push(p.n ?? null);
      out.csat.push(p.csat ?? null);
      out.nps.push(p.nps ?? null);
      out.mean.push(p.mean ?? null);
      out.suppressed.push(false);
    }
  }
  return out;
}

/** The quadrant of a point given the means of importance and performance (docs/api.md: split
 * at the means, equal counts as high). */
export function quadrantOf(
  importance: number,
  performance: number,
  meanImportance: number,
  meanPerformance: number,
): Quadrant {
  const hiI = importance >= meanImportance;
  const hiP = performance >= meanPerformance;
  if (hiI && hiP) return 'keep_up';
  if (hiI) return 'concentrate';
  if (hiP) return 'possible_overkill';
  return 'low_priority';
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}

export interface QuadrantBox {
  quadrant: Quadrant;
  x: [number, number];
  y: [number, number];
}

/** The IPA chart's frame: the mean lines, padded axis ranges and the four quadrant boxes
 * (keep_up top right, concentrate bottom right, low_priority bottom left, possible_overkill
 * top left). */
export function ipaLayout(points: Pick<IpaPoint, 'importance' | 'performance'>[]): {
  meanX: number;
  meanY: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  boxes: QuadrantBox[];
} {
  const xs = points.map((p) => p.importance);
  const ys = points.map((p) => p.performance);
  const meanX = mean(xs);
  const meanY = mean(ys);
  const pad = (lo: number, hi: number) => {
    const span = hi - lo || Math.abs(hi) || 1;
    return [lo - span * 0.12, hi + span * 0.12] as const;
  };
  const [x0, x1] = xs.length ? pad(Math.min(...xs), Math.max(...xs)) : [0, 1];
  const [y0, y1] = ys.length ? pad(Math.min(...ys), Math.max(...ys)) : [0, 1];
  const round = (v: number, up: boolean) => {
    const f = 1000;
    return up ? Math.ceil(v * f) / f : Math.floor(v * f) / f;
  };
  const xMin = Math.max(0, round(x0, false));
  const xMax = round(x1, true);
  const yMin = round(y0, false);
  const yMax = round(y1, true);
  return {
    meanX,
    meanY,
    xMin,
    xMax,
    yMin,
    yMax,
    boxes: [
      { quadrant: 'keep_up', x: [meanX, xMax], y: [meanY, yMax] },
      { quadrant: 'concentrate', x: [meanX, xMax], y: [yMin, meanY] },
      { quadrant: 'low_priority', x: [xMin, meanX], y: [yMin, meanY] },
      { quadrant: 'possible_overkill', x: [xMin, meanX], y: [meanY, yMax] },
    ],
  };
}

/** Points with their quadrant checked against the layout (the server's wins when present). */
export function withQuadrants(points: IpaPoint[]): IpaPoint[] {
  const { meanX, meanY } = ipaLayout(points);
  return points.map((p) => ({
    ...p,
    quadrant: QUADRANTS.includes(p.quadrant)
      ? p.quadrant
      : quadrantOf(p.importance, p.performance, meanX, meanY),
  }));
}

export const SIGNIFICANCE = 0.05;

/** Whether a test's p-value marks a significant change (p < 0.05). */
export function isSignificant(p: number | null | undefined, alpha = SIGNIFICANCE): boolean {
  return typeof p === 'number' && Number.isFinite(p) && p < alpha;
}

/** A distribution's score keys in numeric order ("1".."5", "0".."10"); others after, as text. */
export function distributionKeys(questions: Pick<QuestionStat, 'distribution'>[]): string[] {
  const set = new Set<string>();
  for (const q of questions) for (const k of Object.keys(q.distribution ?? {})) set.add(k);
  return [...set].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    if (Number.isFinite(na)) return -1;
    if (Number.isFinite(nb)) return 1;
    return a.localeCompare(b);
  });
}

/** Each key's share of a question's answers (0..1), null when nobody answered. */
export function distributionShares(
  q: Pick<QuestionStat, 'distribution'>,
  keys: string[],
): (number | null)[] {
  const total = keys.reduce((s, k) => s + (q.distribution?.[k] ?? 0), 0);
  return keys.map((k) => (total > 0 ? (q.distribution?.[k] ?? 0) / total : null));
}

/** Ranking rows → bar values of one metric; suppressed rows and missing figures are null. */
export function rankingValues(
  rows: RankingRow[],
  metric: 'csat' | 'nps' | 'mean',
): { key: string | null; name: string | null; value: number | null; suppressed: boolean }[] {
  return rows.map((r) =>
    'suppressed' in r && r.suppressed
      ? { key: r.key, name: r.name, value: null, suppressed: true }
      : {
          key: r.key,
          name: r.name,
          value: (r as { csat: number | null; nps: number | null; mean: number | null })[metric],
          suppressed: false,
        },
  );
}

/** Sorts ranking bars best first; suppressed or empty rows last, in their given order. */
export function sortRanking<T extends { value: number | null }>(rows: T[]): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const va = a.r.value;
      const vb = b.r.value;
      if (va === null && vb === null) return a.i - b.i;
      if (va === null) return 1;
      if (vb === null) return -1;
      return vb - va || a.i - b.i;
    })
    .map((x) => x.r);
}

export type Cell = string | number | boolean | null | undefined;

/** A table as CSV text for Excel: a BOM, CRLF lines, RFC 4180 quoting; numbers as written by
 * JavaScript (dot decimal, no grouping) so the file stays machine-readable. */
export function toCsv(headers: string[], rows: Cell[][]): string {
  const conv = (c: Cell) =>
    c === null || c === undefined
      ? ''
      : typeof c === 'boolean'
        ? c
          ? 'true'
          : 'false'
        : typeof c === 'number'
          ? Number.isFinite(c)
            ? c
            : ''
          : c;
  const lines = [csvLine(headers), ...rows.map((r) => csvLine(r.map(conv)))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The CSV of the trend chart: one line per month, empty figures where suppressed. */
export function trendCsv(trend: TrendPoint[], headers: string[]): string {
  const s = trendSeries(trend);
  return toCsv(
    headers,
    s.months.map((m, i) => [m, s.n[i], s.csat[i], s.nps[i], s.mean[i], s.suppressed[i]]),
  );
}

/** The mean ± its interval as error-bar ends; null when the question has no interval. */
export function errorBar(q: Pick<QuestionStat, 'ci95'>): [number, number] | null {
  if (!q.ci95 || q.ci95.length !== 2) return null;
  const [lo, hi] = q.ci95;
  if (typeof lo !== 'number' || typeof hi !== 'number') return null;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  return [lo, hi];
}
