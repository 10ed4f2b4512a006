import { i18n } from '@/app/i18n';
import type { ApiError, Problem } from '@/app/api';

type ProblemText = Pick<Problem, 'status' | 'code' | 'detail' | 'title' | 'field' | 'params'>;

/** The message text of `key` in the current language (or the fallback), for its placeholders. */
function rawMessage(key: string): string | null {
  const g = i18n.global;
  for (const l of [g.locale.value, g.fallbackLocale.value as string]) {
    let v: unknown = g.getLocaleMessage(l);
    for (const p of key.split('.'))
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    if (typeof v === 'string') return v;
  }
  return null;
}

/** The translated message of a problem's code, its `params` (and `field`) put into the
 * placeholders — or null when there is no translation, or when a placeholder has no value
 * (a server that does not send the params: its detail says more than a message with a gap). */
export function translatedProblem(
  p: ProblemText,
  extra: Record<string, string | number> = {},
): string | null {
  const key = `errors.${p.code}`;
  if (!i18n.global.te(key)) return null;
  const values: Record<string, string | number> = {
    ...(p.field ? { field: p.field } : {}),
    ...(p.params ?? {}),
    ...extra,
  };
  const raw = rawMessage(key) ?? '';
  const needed = (raw.match(/\{(\w+)\}/g) ?? []).map((m) => m.slice(1, -1));
  if (needed.some((n) => values[n] === undefined || values[n] === '')) return null;
  return i18n.global.t(key, values);
}

/** What a user reads for a problem without its field: the translation of its code, else the
 * server's detail, else the message of its HTTP status, else its title or code. */
export function problemText(p: ProblemText, extra?: Record<string, string | number>): string {
  const t = i18n.global.t;
  const te = i18n.global.te;
  const translated = translatedProblem(p, extra);
  if (translated !== null) return translated;
  if (p.detail) return p.detail;
  if (te(`errors.status.${p.status}`)) return t(`errors.status.${p.status}`);
  return p.title || p.code;
}

/** The message a user reads for a problem: a translation of its code if there is one, else the
 * server's detail or title, with the field named. */
export function problemMessage(e: ApiError): string {
  let msg = problemText(e);
  if (e.field && !msg.includes(e.field)) msg += ` (${i18n.global.t('errors.field')}: ${e.field})`;
  return msg;
}
