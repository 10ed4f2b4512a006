// Feedback (docs/api.md "Feedback"): the shapes, the enumerations, and the pure helpers the pages
// share — filters → query, which deadline applies now, how late a case is, SLA minutes ↔ hours.
import type { Query } from '@/app/api';

export const CHANNELS = [
  'phone',
  'in_person',
  'letter',
  'suggestion_box',
  'hotline',
  'email',
  'website',
  'social_media',
  'mass_media',
  'partner',
  'mystery_shopper',
  'third_party_audit',
  'internal_inspection',
  'survey',
] as const;
export const KINDS = ['complaint', 'praise', 'suggestion', 'inquiry'] as const;
export const CATEGORIES = [
  'attitude',
  'waiting_time',
  'professional_skill',
  'environment',
  'price_billing',
  'outcome',
  'safety',
  'other',
] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const STATUSES = [
  'received',
  'verifying',
  'unfounded',
  'in_progress',
  'resolved',
  'closed',
] as const;
export const ACTIONS = [
  'verify',
  'mark_unfounded',
  'accept',
  'escalate',
  'resolve',
  'callback',
  'close_unreachable',
  'close',
] as const;
export const OUTCOMES = ['satisfied', 'not_satisfied', 'unreachable'] as const;
export const NOTIFY_CHANNELS = ['phone', 'letter', 'email', 'sms', 'in_person'] as const;
export const NOTIFY_KINDS = ['evaluation', 'corrective_measures', 'other'] as const;

export type Channel = (typeof CHANNELS)[number];
export type Kind = (typeof KINDS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Status = (typeof STATUSES)[number];
export type Action = (typeof ACTIONS)[number];
export type OverdueReason = 'acknowledge' | 'resolve' | 'callback';

export interface TimelineEvent {
  at: string;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface Notification {
  id: number;
  at: string;
  actor: string;
  channel: string;
  kind: string;
  content: string;
}

export interface Feedback {
  id: number;
  reference: string;
  external_id: string | null;
  received_at: string;
  channel: string;
  kind: string;
  customer: {
    id: number | null;
    name: string | null;
    phone: string | null;
    address: string | null;
  } | null;
  content: string;
  unit: string | null;
  staff: string | null;
  category: string | null;
  severity: string | null;
  status: string;
  handler: 'receiver' | 'unit_head';
  receiver: string;
  resolution: string | null;
  unfounded_explanation: string | null;
  callback_attempts: number;
  reopen_count: number;
  acknowledged_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  ack_due: string | null;
  resolve_due: string | null;
  callback_due: string | null;
  overdue: boolean;
  overdue_reasons: OverdueReason[];
  allowed_actions: string[];
  pii_masked?: boolean;
  timeline?: TimelineEvent[];
  notifications?: Notification[];
}

export interface SlaPolicy {
  kind: string;
  severity: string;
  acknowledge_minutes: number;
  resolve_minutes: number;
  callback_minutes: number;
}

export interface Measure {
  key: string;
  complaints: number;
  cases: number;
  resolved: number;
  resolved_on_time: number;
  on_time_rate: number | null;
  mean_first_response_hours: number | null;
  callbacks_due: number;
  callbacks_done: number;
  callback_done_rate: number | null;
}

/** The list filters as the page holds them (arrays for the multi-selects). */
export interface FeedbackFilters {
  q: string;
  status: string[];
  kind: string[];
  channel: string[];
  category: string[];
  severity: string[];
  unit: string | null;
  staff: string;
  /** local days YYYY-MM-DD from the date picker */
  range: [string, string] | null;
  overdue: boolean;
}

export function emptyFilters(): FeedbackFilters {
  return {
    q: '',
    status: [],
    kind: [],
    channel: [],
    category: [],
    severity: [],
    unit: null,
    staff: '',
    range: null,
    overdue: false,
  };
}

/** A day → its start (or last second) without offset: local time in the organisation's zone. */
function dayBound(day: string, end: boolean): string {
  return `${day}T${end ? '23:59:59' : '00:00:00'}`;
}

/** Filters → the query of GET /feedback (and /feedback/export, /feedback/counts): multi-selects
 * become comma lists, empty values are left out. */
export function filtersToQuery(f: FeedbackFilters): Query {
  const q: Query = {};
  const text = f.q.trim();
  if (text) q.q = text;
  for (const k of ['status', 'kind', 'channel', 'category', 'severity'] as const) {
    if (f[k].length) q[k] = f[k].join(',');
  }
  if (f.unit) q.unit = f.unit;
  if (f.staff.trim()) q.staff = f.staff.trim();
  if (f.range?.[0]) q.from = dayBound(f.range[0], false);
  if (f.range?.[1]) q.to = dayBound(f.range[1], true);
  if (f.overdue) q.overdue = 'true';
  return q;
}

/** Filters → the page's own URL query (days kept as typed), so a reload or "back" keeps them. */
export function filtersToRoute(f: FeedbackFilters): Record<string, string> {
  const r: Record<string, string> = {};
  const q = filtersToQuery({ ...f, range: null });
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null) r[k] = String(v);
  if (f.range?.[0]) r.from_day = f.range[0];
  if (f.range?.[1]) r.to_day = f.range[1];
  return r;
}

/** The page's URL query → filters (unknown values dropped). */
export function routeToFilters(q: Record<string, unknown>): FeedbackFilters {
  const str = (v: unknown) =>
    Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '';
  const list = (v: unknown, allowed: readonly string[]) =>
    str(v)
      .split(',')
      .map((x) => x.trim())
      .filter((x) => allowed.includes(x));
  const day = (v: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(str(v)) ? str(v) : '');
  const from = day(q.from_day);
  const to = day(q.to_day);
  return {
    q: str(q.q),
    status: list(q.status, STATUSES),
    kind: list(q.kind, KINDS),
    channel: list(q.channel, CHANNELS),
    category: list(q.category, CATEGORIES),
    severity: list(q.severity, SEVERITIES),
    unit: str(q.unit) || null,
    staff: str(q.staff),
    range: from && to ? [from, to] : null,
    overdue: str(q.overdue) === 'true',
  };
}

/** Builds a query string (no leading "?") from a query, in key order as given. */
export function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  return p.toString();
}

/** The deadline that applies to a case now (acknowledge while received/verifying, resolve while
 * in progress, callback once resolved); null when closed/unfounded. */
export function currentDue(
  c: Pick<Feedback, 'status' | 'ack_due' | 'resolve_due' | 'callback_due'>,
): {
  kind: OverdueReason;
  at: string | null;
} | null {
  switch (c.status) {
    case 'received':
    case 'verifying':
      return { kind: 'acknowledge', at: c.ack_due };
    case 'in_progress':
      return { kind: 'resolve', at: c.resolve_due };
    case 'resolved':
      return { kind: 'callback', at: c.callback_due };
    default:
      return null;
  }
}

const DUE_FIELD: Record<OverdueReason, 'ack_due' | 'resolve_due' | 'callback_due'> = {
  acknowledge: 'ack_due',
  resolve: 'resolve_due',
  callback: 'callback_due',
};

/** Milliseconds a case is past its earliest missed deadline among its overdue reasons (0 if none). */
export function msPastDue(
  c: Pick<Feedback, 'overdue_reasons' | 'ack_due' | 'resolve_due' | 'callback_due'>,
  now: number = Date.now(),
): number {
  let worst = 0;
  for (const r of c.overdue_reasons ?? []) {
    const at = c[DUE_FIELD[r]];
    if (!at) continue;
    const t = Date.parse(at);
    if (!Number.isNaN(t)) worst = Math.max(worst, now - t);
  }
  return worst;
}

/** A duration as its two largest parts: {d, h, m} numbers for the caller's translation. */
export function splitDuration(ms: number): { d: number; h: number; m: number } {
  const mins = Math.max(0, Math.floor(Math.abs(ms) / 60000));
  return { d: Math.floor(mins / 1440), h: Math.floor((mins % 1440) / 60), m: mins % 60 };
}

/** "2 d 3 h" style text given unit labels (translated by the caller). */
export function fmtDuration(
  ms: number,
  labels: { d: string; h: string; m: string } = { d: 'd', h: 'h', m: 'min' },
): string {
  const { d, h, m } = splitDuration(ms);
  if (d > 0) return h > 0 ? `${d} ${labels.d} ${h} ${labels.h}` : `${d} ${labels.d}`;
  if (h > 0) return m > 0 ? `${h} ${labels.h} ${m} ${labels.m}` : `${h} ${labels.h}`;
  return `${m} ${labels.m}`;
}

/** SLA minutes → hours shown in the grid (up to 2 decimals). */
export function minutesToHours(min: number): number {
  return Math.round((min / 60) * 100) / 100;
}

/** Hours typed in the grid → whole minutes for the server. */
export function hoursToMinutes(h: number | null | undefined): number {
  if (h === null || h === undefined || Number.isNaN(h)) return 0;
  return Math.round(h * 60);
}

/** The severity to suggest for a category (a safety incident is critical), or null. */
export function suggestedSeverity(category: string | null | undefined): Severity | null {
  return category === 'safety' ? 'critical' : null;
}

/** The digits of what the operator typed in the phone box (the lookup query). */
export function phoneDigits(s: string): string {
  return s.replace(/\D+/g, '');
}

/** Groups cases by unit (null → ''), groups ordered by count then code. */
export function groupByUnit<T extends { unit: string | null }>(
  rows: T[],
): { unit: string; items: T[] }[] {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = r.unit ?? '';
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(r);
  }
  return [...m.entries()]
    .map(([unit, items]) => ({ unit, items }))
    .sort((a, b) => b.items.length - a.items.length || a.unit.localeCompare(b.unit));
}

/** The body of POST /feedback/{id}/transitions for an action and its dialog's fields. */
export function transitionBody(
  action: string,
  f: {
    note?: string;
    explanation?: string;
    resolution?: string;
    outcome?: string;
    called_at?: string | null;
  },
): Record<string, unknown> {
  const body: Record<string, unknown> = { action };
  if (f.note?.trim()) body.note = f.note.trim();
  if (action === 'mark_unfounded') body.explanation = (f.explanation ?? '').trim();
  if (action === 'resolve') body.resolution = (f.resolution ?? '').trim();
  if (action === 'callback') {
    body.outcome = f.outcome;
    if (f.called_at) {
      // a picker's reading without offset is sent as is (the organisation's local time)
      const d = /(Z|[+-]\d{2}:?\d{2})$/.test(f.called_at) ? new Date(f.called_at) : null;
      body.called_at =
        !d || Number.isNaN(d.getTime()) ? f.called_at : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
  }
  return body;
}

/** Element Plus tag type per status. */
export function statusType(s: string): 'info' | 'warning' | 'primary' | 'success' | 'danger' {
  switch (s) {
    case 'received':
    case 'verifying':
      return 'warning';
    case 'in_progress':
      return 'primary';
    case 'resolved':
      return 'success';
    case 'unfounded':
      return 'info';
    default:
      return 'info';
  }
}

export function severityType(s: string | null): 'info' | 'warning' | 'danger' | 'primary' {
  if (s === 'critical') return 'danger';
  if (s === 'high') return 'warning';
  if (s === 'medium') return 'primary';
  return 'info';
}
