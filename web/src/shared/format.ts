// Locale-aware formatting of the API's values (UTC ISO times, integer amounts). Times are shown
// in the organisation's time zone (GET /settings, loaded after sign-in), whatever the browser's
// zone; what the user types is sent without an offset, which the server reads in that zone.
import { i18n } from '@/app/i18n';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
let orgTimeZone = DEFAULT_TIME_ZONE;

/** The organisation's IANA zone (an unknown name to this browser keeps the previous one). */
export function setOrgTimeZone(zone: string | null | undefined): void {
  if (!zone) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    orgTimeZone = zone;
  } catch {
    /* RangeError: this browser does not know the zone */
  }
}
export function getOrgTimeZone(): string {
  return orgTimeZone;
}

function loc(): string {
  return i18n.global.locale.value;
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(loc(), {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: orgTimeZone,
  }).format(d);
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(loc(), {
    dateStyle: 'medium',
    timeZone: iso.length === 10 ? 'UTC' : orgTimeZone,
  }).format(d);
}

/** A UTC instant → the organisation's wall-clock reading "YYYY-MM-DDTHH:mm:ss" (no offset), as
 * the date-time pickers show and send it; null for an empty or unreadable value. */
export function toOrgLocal(
  iso: string | null | undefined,
  zone: string = orgTimeZone,
): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(d);
  const v = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${v('year')}-${v('month')}-${v('day')}T${v('hour')}:${v('minute')}:${v('second')}`;
}

/** The local day (YYYY-MM-DD) of an instant in the organisation's zone. */
export function orgDay(iso: string | null | undefined, zone: string = orgTimeZone): string | null {
  if (!iso) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return toOrgLocal(iso, zone)?.slice(0, 10) ?? null;
}

export function fmtNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(loc()).format(n);
}

/** "2026-01" → a short month label in the current locale. */
export function fmtMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(loc(), {
    year: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(d);
}

/** A date picker's day → its start (from) or last second (to) as a time without offset: the
 * server reads it in the organisation's zone. */
export function dayBound(day: string | null | undefined, end: boolean): string | undefined {
  if (!day) return undefined;
  return `${day}T${end ? '23:59:59' : '00:00:00'}`;
}
