// Times shown and typed in the organisation's zone, whatever the browser's (expected values by
// hand: Asia/Ho_Chi_Minh is UTC+7, Asia/Shanghai UTC+8, both without DST).
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '@/app/i18n';
import {
  DEFAULT_TIME_ZONE,
  dayBound,
  fmtDateTime,
  getOrgTimeZone,
  orgDay,
  setOrgTimeZone,
  toOrgLocal,
} from './format';

describe('organisation time zone', () => {
  afterEach(() => setOrgTimeZone(DEFAULT_TIME_ZONE));

  it('reads a UTC instant as the wall clock of the zone', () => {
    expect(toOrgLocal('2026-09-30T23:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-10-01T06:30:00');
    expect(toOrgLocal('2026-09-30T23:30:00Z', 'Asia/Shanghai')).toBe('2026-10-01T07:30:00');
    expect(toOrgLocal('2026-12-31T17:00:00Z', 'Asia/Ho_Chi_Minh')).toBe('2027-01-01T00:00:00');
    expect(toOrgLocal('nonsense')).toBeNull();
  });

  it('takes the day of an instant in the zone', () => {
    expect(orgDay('2026-09-30T23:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-10-01');
    expect(orgDay('2026-09-30T15:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-09-30');
    expect(orgDay('2026-04-05')).toBe('2026-04-05');
  });

  it('shows times in the organisation zone once it is set, and keeps a known zone on a bad name', () => {
    i18n.global.locale.value = 'en';
    expect(fmtDateTime('2026-09-30T23:30:00Z')).toContain('6:30');
    setOrgTimeZone('Asia/Shanghai');
    expect(getOrgTimeZone()).toBe('Asia/Shanghai');
    expect(fmtDateTime('2026-09-30T23:30:00Z')).toContain('7:30');
    setOrgTimeZone('Asia/Hanoi');
    expect(getOrgTimeZone()).toBe('Asia/Shanghai');
  });

  it('sends a picked day as its local start or last second, without offset', () => {
    expect(dayBound('2026-10-01', false)).toBe('2026-10-01T00:00:00');
    expect(dayBound('2026-10-01', true)).toBe('2026-10-01T23:59:59');
    expect(dayBound(null, true)).toBeUndefined();
  });
});
