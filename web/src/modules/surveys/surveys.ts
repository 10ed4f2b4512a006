// Surveys (docs/api.md "Surveys"): the shapes of questionnaires, campaigns, invitations and
// kiosks, and the pure helpers the pages share — localised SurveyJS texts, JSON checks, the
// campaign body, links and QR images.
import type { Query } from '@/app/api';
import { orgDay } from '@/shared/format';

/** SurveyJS locale codes servq writes (docs/api.md: localised texts {"default","vi","zh-cn","en"}). */
export type SurveyLang = 'vi' | 'zh-cn' | 'en';
export const SURVEY_LANGS: SurveyLang[] = ['vi', 'zh-cn', 'en'];
/** The app's vue-i18n locales, in the same order. */
export type AppLang = 'vi' | 'zh-CN' | 'en';

export function toSurveyLang(l: string | null | undefined): SurveyLang {
  const s = (l ?? '').toLowerCase();
  if (s.startsWith('zh')) return 'zh-cn';
  if (s.startsWith('en')) return 'en';
  return 'vi';
}

export function toAppLang(l: string | null | undefined): AppLang {
  const s = toSurveyLang(l);
  return s === 'zh-cn' ? 'zh-CN' : s;
}

/** A SurveyJS text: a plain string, or {default, vi, zh-cn, en}. */
export type LocText = string | Record<string, string | undefined> | null | undefined;

/** The text of a (possibly localised) SurveyJS string in `lang`, falling back to default, vi,
 * en, then any variant. */
export function localized(v: LocText | unknown, lang: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'object' || Array.isArray(v)) return '';
  const m = v as Record<string, unknown>;
  const want = toSurveyLang(lang);
  for (const k of [want, lang, 'default', 'vi', 'en', 'zh-cn']) {
    const s = m[k];
    if (typeof s === 'string' && s) return s;
  }
  const any = Object.values(m).find((s) => typeof s === 'string' && s);
  return typeof any === 'string' ? any : '';
}

export type SurveyDefinition = Record<string, unknown>;

const LOCALE_KEY = /^(default|[a-z]{2,3}(-[a-z0-9]{2,8})?)$/i;

function isLocalisedText(v: unknown): v is Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const entries = Object.entries(v as Record<string, unknown>);
  return (
    entries.length > 0 &&
    entries.every(([k, x]) => LOCALE_KEY.test(k) && typeof x === 'string') &&
    entries.some(([k]) => k === 'default' || k === 'vi' || k === 'en' || k === 'zh-cn')
  );
}

/** A copy of a definition whose localised texts answer `lang` from their "default" entry.
 * SurveyJS reads "default" for its own default locale and ignores that locale's own key, so
 * servq makes Vietnamese SurveyJS's default (surveyjs.ts) and puts each text's "vi" variant
 * into "default" — every language then shows its own variant, and a text without one falls
 * back to "default" as before. */
export function withDefaultLang(def: SurveyDefinition, lang: string): SurveyDefinition {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    if (isLocalisedText(v)) {
      const own = v[lang];
      return typeof own === 'string' && own ? { ...v, default: own } : { ...v };
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = walk(x);
    return out;
  };
  return walk(def) as SurveyDefinition;
}

export interface Scale {
  min: number | null;
  max: number | null;
  values: (number | string)[] | null;
}

export type ItemRole = 'overall' | 'nps';

export interface SurveyItem {
  name: string;
  title: LocText;
  type: string;
  scale: Scale | null;
  dimension: string | null;
  reverse: boolean;
  role: ItemRole | null;
  choices: (number | string)[] | null;
}

export interface Survey {
  id: number;
  family_id: number;
  version: number;
  title: string;
  status: 'active' | 'archived';
  created_at: string;
  created_by: string;
  response_count: number;
  definition?: SurveyDefinition;
  items?: SurveyItem[];
}

export interface SurveyTemplate {
  key: string;
  /** the template's SurveyJS title: a string or {default, vi, zh-cn, en} */
  title: LocText;
  definition: SurveyDefinition;
}

export const CAMPAIGN_CHANNELS = ['link', 'letter', 'kiosk', 'paper'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
export const CAMPAIGN_STATUSES = ['scheduled', 'open', 'closed'] as const;
/** channels a response can come from (analysis filter): the campaign channels and CSV imports */
export const RESPONSE_CHANNELS = ['link', 'letter', 'kiosk', 'paper', 'import'] as const;
export const SEGMENT_PER = ['encounter', 'customer'] as const;

export interface Segment {
  category: string | null;
  unit: string | null;
  from: string | null;
  to: string | null;
  consent_only: boolean;
  per: 'encounter' | 'customer';
}

export interface Campaign {
  id: number;
  survey_id: number;
  survey_title: string;
  name: string;
  channel: CampaignChannel;
  opens_at: string;
  closes_at: string | null;
  status: 'scheduled' | 'open' | 'closed';
  segment: Segment;
  invitations: number;
  responses: number;
  response_rate: number | null;
  created_at: string;
}

/** token and url are null for roles that may not see personal data (auditors). */
export interface Invitation {
  id: number;
  token: string | null;
  url: string | null;
  customer: { id: number | null; name: string | null; phone: string | null } | null;
  unit: string | null;
  staff: string | null;
  encounter_at: string | null;
  used_at: string | null;
  response_id: number | null;
}

export interface Kiosk {
  id?: number;
  code: string;
  url: string;
  unit: string | null;
  unit_name?: string | null;
  responses?: number;
}

/** POST /campaigns/{id}/invitations: `skipped` is a count, or counts by reason. */
export interface InvitationResult {
  created: number;
  skipped: number | Record<string, number>;
}

/** The skipped invitations as one number and, when the server gives them, the reasons. */
export function skippedCount(r: InvitationResult): { total: number; reasons: [string, number][] } {
  if (typeof r.skipped === 'number') return { total: r.skipped, reasons: [] };
  const reasons = Object.entries(r.skipped ?? {}).filter(
    (e): e is [string, number] => typeof e[1] === 'number',
  );
  return { total: reasons.reduce((s, [, n]) => s + n, 0), reasons };
}

export interface RateRow {
  key: string | null;
  invitations: number;
  responses: number;
  rate: number | null;
}

/** Parses the JSON editor's text into a questionnaire definition. The error names the reason
 * (JSON.parse's message) so the editor can show it. */
export function parseDefinition(
  text: string,
): { ok: true; value: SurveyDefinition } | { ok: false; error: string } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { ok: false, error: 'empty' };
  let v: unknown;
  try {
    v = JSON.parse(trimmed);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { ok: false, error: 'not_object' };
  const d = v as SurveyDefinition;
  if (!Array.isArray(d.pages) && !Array.isArray(d.elements)) {
    return { ok: false, error: 'no_elements' };
  }
  return { ok: true, value: d };
}

/** The title a definition carries in `lang` (SurveyJS `title`), or ''. */
export function definitionTitle(d: SurveyDefinition | null | undefined, lang: string): string {
  return d ? localized(d.title as LocText, lang) : '';
}

/** "1–5", "0–10" or the listed values of an item's scale; '' without one. */
export function scaleText(s: Scale | null | undefined): string {
  if (!s) return '';
  if (s.values && s.values.length) return s.values.join(', ');
  if (s.min !== null && s.max !== null) return `${s.min}–${s.max}`;
  return '';
}

/** The page's origin + an API path like "/s/<token>" (already absolute URLs are kept); '' for
 * a link the caller may not see. */
export function fullUrl(origin: string, url: string | null | undefined): string {
  if (!url) return '';
  if (/^https?:\/\//i.test(url)) return url;
  return `${origin.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
}

/** The server's QR image of a text (GET /qr.svg?data=, signed in). */
export function qrSrc(data: string): string {
  return `/api/v1/qr.svg?data=${encodeURIComponent(data)}`;
}

export interface CampaignForm {
  survey_id: number | null;
  name: string;
  channel: CampaignChannel;
  /** local days YYYY-MM-DD */
  opens: string | null;
  closes: string | null;
  category: string | null;
  unit: string | null;
  encounters: [string, string] | null;
  consent_only: boolean;
  per: 'encounter' | 'customer';
}

export function emptyCampaignForm(): CampaignForm {
  return {
    survey_id: null,
    name: '',
    channel: 'link',
    opens: null,
    closes: null,
    category: null,
    unit: null,
    encounters: null,
    consent_only: true,
    per: 'encounter',
  };
}

/** A day → its start (or its last second) without offset: the server reads it as local time in
 * the organisation's zone. */
export function dayInstant(day: string, end: boolean): string {
  return `${day}T${end ? '23:59:59' : '00:00:00'}`;
}

/** An ISO instant → its day YYYY-MM-DD in the organisation's zone (for the date pickers), or null. */
export function instantDay(iso: string | null | undefined): string | null {
  return orgDay(iso);
}

/** The body of POST /campaigns (and PATCH): opening at the start of the first day, closing at
 * the end of the last; encounter dates as days. Missing required fields are listed in `missing`. */
export function campaignBody(f: CampaignForm): {
  body: Record<string, unknown>;
  missing: string[];
} {
  const missing: string[] = [];
  if (!f.survey_id) missing.push('survey_id');
  if (!f.name.trim()) missing.push('name');
  if (!f.opens) missing.push('opens_at');
  const body: Record<string, unknown> = {
    survey_id: f.survey_id,
    name: f.name.trim(),
    channel: f.channel,
    opens_at: f.opens ? dayInstant(f.opens, false) : null,
    closes_at: f.closes ? dayInstant(f.closes, true) : null,
    segment: {
      category: f.category || null,
      unit: f.unit || null,
      from: f.encounters?.[0] || null,
      to: f.encounters?.[1] || null,
      consent_only: f.consent_only,
      per: f.per,
    },
  };
  return { body, missing };
}

export function campaignToForm(c: Campaign): CampaignForm {
  return {
    survey_id: c.survey_id,
    name: c.name,
    channel: c.channel,
    opens: instantDay(c.opens_at),
    closes: instantDay(c.closes_at),
    category: c.segment?.category ?? null,
    unit: c.segment?.unit ?? null,
    encounters:
      c.segment?.from && c.segment?.to
        ? [instantDay(c.segment.from) ?? c.segment.from, instantDay(c.segment.to) ?? c.segment.to]
        : null,
    consent_only: c.segment?.consent_only ?? true,
    per: c.segment?.per ?? 'encounter',
  };
}

/** responses / invitations as a share, or null without invitations (when the server leaves the
 * rate out). */
export function responseRate(invitations: number, responses: number): number | null {
  return invitations > 0 ? responses / invitations : null;
}

/** The query of GET /campaigns/{id}/invitations from the page's filters. */
export function invitationQuery(f: { used: '' | 'true' | 'false'; unit: string | null }): Query {
  const q: Query = {};
  if (f.used) q.used = f.used;
  if (f.unit) q.unit = f.unit;
  return q;
}

export function campaignStatusType(s: string): 'info' | 'success' | 'warning' {
  if (s === 'open') return 'success';
  if (s === 'scheduled') return 'warning';
  return 'info';
}
