import { describe, expect, it } from 'vitest';
import {
  analysisFiltersToRoute,
  analysisQuery,
  distributionKeys,
  distributionShares,
  emptyAnalysisFilters,
  errorBar,
  ipaLayout,
  isSignificant,
  quadrantOf,
  rankingValues,
  routeToAnalysisFilters,
  sortRanking,
  toCsv,
  trendCsv,
  trendSeries,
  withQuadrants,
  type IpaPoint,
  type Quadrant,
  type RankingRow,
  type TrendPoint,
} from './analysis';

describe('filters', () => {
  it('sends only what is set, dates as days, and the comparison only when complete', () => {
    const f = {
      ...emptyAnalysisFilters(),
      range: ['2026-01-01', '2026-03-31'] as [string, string],
      unit: 'KHOA-NOI',
      staff: ' NV0002 ',
      campaign: 4,
    };
    expect(analysisQuery(f)).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      unit: 'KHOA-NOI',
      staff: 'NV0002',
      campaign: 4,
    });
    expect(analysisQuery({ ...f, compare: ['2025-01-01', '2025-03-31'] })).toMatchObject({
      compare_from: '2025-01-01',
      compare_to: '2025-03-31',
    });
  });

  it('survives a round trip through the URL', () => {
    const f = {
      ...emptyAnalysisFilters(),
      range: ['2026-01-01', '2026-03-31'] as [string, string],
      channel: 'kiosk',
      category: 'first_time',
      compare: ['2025-01-01', '2025-03-31'] as [string, string],
    };
    expect(routeToAnalysisFilters(analysisFiltersToRoute(f))).toEqual(f);
    expect(routeToAnalysisFilters({ from: 'yesterday', campaign: 'x' })).toEqual(
      emptyAnalysisFilters(),
    );
  });
});

describe('trend', () => {
  const trend: TrendPoint[] = [
    { month: '2026-03', n: 40, csat: 0.8, nps: 35, mean: 4.2 },
    { month: '2026-01', n: 12, csat: 0.75, nps: 20, mean: 4.0 },
    { month: '2026-02', suppressed: true },
  ];

  it('orders months and leaves a gap (null) where a month is suppressed', () => {
    const s = trendSeries(trend);
    expect(s.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(s.csat).toEqual([0.75, null, 0.8]);
    expect(s.nps).toEqual([20, null, 35]);
    expect(s.suppressed).toEqual([false, true, false]);
  });

  it('exports the same rows as CSV with empty cells for the hidden month', () => {
    const csv = trendCsv(trend, ['month', 'n', 'csat', 'nps', 'mean', 'suppressed']);
    expect(csv).toBe(
      '\uFEFFmonth,n,csat,nps,mean,suppressed\r\n' +
        '2026-01,12,0.75,20,4,false\r\n' +
        '2026-02,,,,,true\r\n' +
        '2026-03,40,0.8,35,4.2,false\r\n',
    );
  });
});

describe('CSV', () => {
  it('starts with a BOM for Excel, quotes commas, quotes and line breaks', () => {
    const csv = toCsv(['đơn vị', 'ý kiến'], [['Khoa Nội', 'Chờ lâu, "rất" mệt\nlần sau']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFđơn vị,ý kiến\r\nKhoa Nội,"Chờ lâu, ""rất"" mệt\nlần sau"\r\n');
  });

  it('writes missing and non-finite numbers as empty cells', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, Number.NaN, undefined]])).toBe('\uFEFFa,b,c\r\n,,\r\n');
  });
});

describe('importance–performance quadrants', () => {
  it('splits at the means with equal counted as high (docs/api.md)', () => {
    expect(quadrantOf(0.3, 4.5, 0.2, 4.0)).toBe('keep_up');
    expect(quadrantOf(0.3, 3.5, 0.2, 4.0)).toBe('concentrate');
    expect(quadrantOf(0.1, 3.5, 0.2, 4.0)).toBe('low_priority');
    expect(quadrantOf(0.1, 4.5, 0.2, 4.0)).toBe('possible_overkill');
    expect(quadrantOf(0.2, 4.0, 0.2, 4.0)).toBe('keep_up');
  });

  const pts: IpaPoint[] = [
    { name: 'q1', importance: 0.25, performance: 4.5, quadrant: 'possible_overkill' },
    { name: 'q2', importance: 0.75, performance: 3.5, quadrant: 'concentrate' },
    { name: 'q3', importance: 0.5, performance: 4.0, quadrant: 'keep_up' },
  ];

  it('draws the mean lines and four boxes that meet there and cover the axes', () => {
    const L = ipaLayout(pts);
    expect(L.meanX).toBe(0.5);
    expect(L.meanY).toBe(4.0);
    expect(L.xMin).toBeLessThanOrEqual(0.25);
    expect(L.xMax).toBeGreaterThanOrEqual(0.75);
    expect(L.yMin).toBeLessThanOrEqual(3.5);
    expect(L.yMax).toBeGreaterThanOrEqual(4.5);
    const box = (q: Quadrant) => L.boxes.find((b) => b.quadrant === q)!;
    expect(box('keep_up')).toEqual({
      quadrant: 'keep_up',
      x: [L.meanX, L.xMax],
      y: [L.meanY, L.yMax],
    });
    expect(box('concentrate').y).toEqual([L.yMin, L.meanY]);
    expect(box('low_priority').x).toEqual([L.xMin, L.meanX]);
    expect(box('possible_overkill').y).toEqual([L.meanY, L.yMax]);
  });

  it('never puts importance below zero and copes with a single point', () => {
    const L = ipaLayout([{ importance: 0.05, performance: 4 }]);
    expect(L.xMin).toBeGreaterThanOrEqual(0);
    expect(L.xMax).toBeGreaterThan(L.xMin);
    expect(L.yMax).toBeGreaterThan(L.yMin);
  });

  it("keeps the server's quadrant and fills one in when missing", () => {
    const q = withQuadrants([
      ...pts.slice(0, 2),
      { name: 'q3', importance: 0.5, performance: 4.0, quadrant: '' as Quadrant },
    ]);
    expect(q.map((p) => p.quadrant)).toEqual(['possible_overkill', 'concentrate', 'keep_up']);
  });
});

describe('significance and distributions', () => {
  it('marks p < 0.05 only', () => {
    expect(isSignificant(0.049)).toBe(true);
    expect(isSignificant(0.05)).toBe(false);
    expect(isSignificant(null)).toBe(false);
    expect(isSignificant(Number.NaN)).toBe(false);
  });

  it('orders score keys numerically (0–10 as well as 1–5) and gives shares', () => {
    const qs: { distribution: Record<string, number> }[] = [
      { distribution: { '10': 2, '9': 1, '2': 1 } },
      { distribution: { '0': 4 } },
    ];
    expect(distributionKeys(qs)).toEqual(['0', '2', '9', '10']);
    expect(distributionShares(qs[0], ['0', '2', '9', '10'])).toEqual([0, 0.25, 0.25, 0.5]);
    expect(distributionShares({ distribution: {} }, ['1'])).toEqual([null]);
  });

  it('gives error bars only for finite intervals', () => {
    expect(errorBar({ ci95: [3.9, 4.3] })).toEqual([3.9, 4.3]);
    expect(errorBar({ ci95: null })).toBeNull();
  });
});

describe('ranking', () => {
  const rows: RankingRow[] = [
    { key: 'KHOA-NHI', name: 'Khoa Nhi', n: 30, csat: 0.7, nps: 10, mean: 3.9 },
    { key: 'KHOA-SAN', name: 'Khoa Sản', suppressed: true },
    { key: 'KHOA-NOI', name: 'Khoa Nội', n: 50, csat: 0.85, nps: 40, mean: 4.3 },
  ];

  it('puts the best first and suppressed units last as gaps', () => {
    const v = sortRanking(rankingValues(rows, 'csat'));
    expect(v.map((r) => r.key)).toEqual(['KHOA-NOI', 'KHOA-NHI', 'KHOA-SAN']);
    expect(v[2]).toEqual({ key: 'KHOA-SAN', name: 'Khoa Sản', value: null, suppressed: true });
    expect(sortRanking(rankingValues(rows, 'nps')).map((r) => r.value)).toEqual([40, 10, null]);
  });
});
