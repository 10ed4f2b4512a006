// Locale-aware formatting of the API's values (UTC ISO times, integer amounts).
import { i18n } from '@/app/i18n';

function loc(): string {
  return i18n.global.locale.value;
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(loc(), { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(loc(), {
    dateStyle: 'medium',
    timeZone: iso.length === 10 ? 'UTC' : undefined,
  }).format(d);
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

/** A date picker's local day → the ISO instant of that day's start (from) or end (to). */
export function dayBound(day: string | null | undefined, end: boolean): string | undefined {
  if (!day) return undefined;
  const [y, mo, d] = day.split('-').map(Number);
  const t = end ? new Date(y, mo - 1, d, 23, 59, 59) : new Date(y, mo - 1, d, 0, 0, 0);
  return t.toISOString();
}
