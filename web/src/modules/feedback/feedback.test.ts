import { describe, expect, it } from 'vitest';
import {
  currentDue,
  emptyFilters,
  filtersToQuery,
  fmtDuration,
  groupByUnit,
  hoursToMinutes,
  minutesToHours,
  msPastDue,
  phoneDigits,
  queryString,
  filtersToRoute,
  routeToFilters,
  suggestedSeverity,
  transitionBody,
} from './feedback';

describe('filters → query', () => {
  it('leaves out everything empty', () => {
    expect(filtersToQuery(emptyFilters())).toEqual({});
  });

  it('joins multi-selects into comma lists and keeps the rest', () => {
    const f = {
      ...emptyFilters(),
      q: '  thai do ',
      status: ['received', 'in_progress'],
      kind: ['complaint'],
      channel: ['phone', 'hotline'],
      category: ['attitude'],
      severity: ['high', 'critical'],
      unit: 'KHOA-NOI',
      staff: ' NV0001 ',
      overdue: true,
    };
    const q = filtersToQuery(f);
    expect(q).toEqual({
      q: 'thai do',
      status: 'received,in_progress',
      kind: 'complaint',
      channel: 'phone,hotline',
      category: 'attitude',
      severity: 'high,critical',
      unit: 'KHOA-NOI',
      staff: 'NV0001',
      overdue: 'true',
    });
    expect(queryString(q)).toBe(
      'q=thai+do&status=received%2Cin_progress&kind=complaint&channel=phone%2Chotline' +
        '&category=attitude&severity=high%2Ccritical&unit=KHOA-NOI&staff=NV0001&overdue=true',
    );
  });

  it('turns the day range into whole days without offset (the server reads them in the organisation zone)', () => {
    const q = filtersToQuery({ ...emptyFilters(), range: ['2026-03-01', '2026-03-31'] });
    expect(q.from).toBe('2026-03-01T00:00:00');
    expect(q.to).toBe('2026-03-31T23:59:59');
  });
});

describe('deadlines', () => {
  const c = {
    status: 'in_progress',
    ack_due: '2026-01-01T08:00:00Z',
    resolve_due: '2026-01-03T08:00:00Z',
    callback_due: null,
    overdue_reasons: ['resolve' as const],
  };

  it('picks the deadline that applies to the status', () => {
    expect(currentDue(c)).toEqual({ kind: 'resolve', at: '2026-01-03T08:00:00Z' });
    expect(currentDue({ ...c, status: 'verifying' })?.kind).toBe('acknowledge');
    expect(currentDue({ ...c, status: 'resolved' })).toEqual({ kind: 'callback', at: null });
    expect(currentDue({ ...c, status: 'closed' })).toBeNull();
  });

  it('measures how late the worst overdue reason is', () => {
    const now = Date.parse('2026-01-04T11:30:00Z');
    expect(msPastDue(c, now)).toBe((24 * 60 + 3 * 60 + 30) * 60000);
    expect(msPastDue({ ...c, overdue_reasons: ['acknowledge', 'resolve'] }, now)).toBe(
      (3 * 24 * 60 + 3 * 60 + 30) * 60000,
    );
    expect(msPastDue({ ...c, overdue_reasons: [] }, now)).toBe(0);
  });

  it('formats durations by their two largest parts', () => {
    const L = { d: 'd', h: 'h', m: 'min' };
    expect(fmtDuration((24 * 60 + 3 * 60 + 30) * 60000, L)).toBe('1 d 3 h');
    expect(fmtDuration(2 * 24 * 3600000, L)).toBe('2 d');
    expect(fmtDuration((5 * 60 + 7) * 60000, L)).toBe('5 h 7 min');
    expect(fmtDuration(3 * 3600000, L)).toBe('3 h');
    expect(fmtDuration(42 * 60000, L)).toBe('42 min');
    expect(fmtDuration(-90 * 60000, L)).toBe('1 h 30 min');
    expect(fmtDuration(0, L)).toBe('0 min');
  });
});

describe('SLA hours', () => {
  it('shows minutes as hours with up to two decimals and back', () => {
    expect(minutesToHours(90)).toBe(1.5);
    expect(minutesToHours(20160)).toBe(336);
    expect(minutesToHours(50)).toBe(0.83);
    expect(hoursToMinutes(1.5)).toBe(90);
    expect(hoursToMinutes(0.25)).toBe(15);
    expect(hoursToMinutes(0.83)).toBe(50);
    expect(hoursToMinutes(null)).toBe(0);
  });
});

describe('intake helpers', () => {
  it('suggests critical for a safety incident only', () => {
    expect(suggestedSeverity('safety')).toBe('critical');
    expect(suggestedSeverity('attitude')).toBeNull();
    expect(suggestedSeverity(null)).toBeNull();
  });

  it('keeps only the digits of a typed phone', () => {
    expect(phoneDigits('091 234-56.78')).toBe('0912345678');
    expect(phoneDigits('+84 912')).toBe('84912');
    expect(phoneDigits('abc')).toBe('');
  });
});

describe('transitions', () => {
  it('sends only the fields of the action, note when given', () => {
    expect(transitionBody('verify', { note: ' ' })).toEqual({ action: 'verify' });
    expect(transitionBody('accept', { note: ' ok ' })).toEqual({ action: 'accept', note: 'ok' });
    expect(transitionBody('resolve', { resolution: ' done ', explanation: 'x' })).toEqual({
      action: 'resolve',
      resolution: 'done',
    });
    expect(transitionBody('mark_unfounded', { explanation: 'price ok' })).toEqual({
      action: 'mark_unfounded',
      explanation: 'price ok',
    });
    expect(
      transitionBody('callback', { outcome: 'satisfied', called_at: '2026-01-02T03:04:05.678Z' }),
    ).toEqual({ action: 'callback', outcome: 'satisfied', called_at: '2026-01-02T03:04:05Z' });
  });
});

describe('overdue board', () => {
  it('groups by unit, biggest group first', () => {
    const g = groupByUnit([
      { unit: 'B', id: 1 },
      { unit: 'A', id: 2 },
      { unit: 'B', id: 3 },
      { unit: null, id: 4 },
    ]);
    expect(g.map((x) => [x.unit, x.items.length])).toEqual([
      ['B', 2],
      ['', 1],
      ['A', 1],
    ]);
  });
});

describe('filters in the URL', () => {
  it('round-trips through the route query', () => {
    const f = {
      ...emptyFilters(),
      q: '态度',
      status: ['resolved'],
      severity: ['critical', 'high'],
      unit: 'CN1',
      staff: 'NV0002',
      range: ['2026-01-01', '2026-01-31'] as [string, string],
      overdue: true,
    };
    const r = filtersToRoute(f);
    expect(r).toEqual({
      q: '态度',
      status: 'resolved',
      severity: 'critical,high',
      unit: 'CN1',
      staff: 'NV0002',
      overdue: 'true',
      from_day: '2026-01-01',
      to_day: '2026-01-31',
    });
    expect(routeToFilters(r)).toEqual(f);
  });

  it('drops unknown values and keeps defaults for a bare URL', () => {
    expect(routeToFilters({})).toEqual(emptyFilters());
    expect(routeToFilters({ status: 'closed,bogus', from_day: 'x', overdue: '1' })).toEqual({
      ...emptyFilters(),
      status: ['closed'],
    });
  });
});
