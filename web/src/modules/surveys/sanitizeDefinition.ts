// A questionnaire definition made safe to hand to SurveyJS on a page: every HTML string it holds
// sanitised (src/shared/sanitizeHtml.ts), every URL that SurveyJS navigates to or loads checked.
// The server sanitises on save; the pages do not rely on it.
//
// HTML in a SurveyJS definition: the `html` of an html question and of each
// `completedHtmlOnCondition` item, `completedHtml`, `completedBeforeHtml`, `loadingHtml` — each a
// string or localised ({default, vi, "zh-cn", …}). Titles, descriptions, choice texts and the
// other strings are not HTML: SurveyJS renders them as text unless an onTextMarkdown handler
// is installed, and servq installs none (surveyjs.test.ts checks it).
import { safeImageUrl, safeLinkUrl, sanitizeHtml } from '@/shared/sanitizeHtml';
import type { SurveyDefinition } from './surveys';

const HTML_KEYS = new Set(['html', 'completedHtml', 'completedBeforeHtml', 'loadingHtml']);
/** where SurveyJS navigates the page when the survey is completed */
const LINK_KEYS = new Set(['navigateToUrl', 'url']);
/** images and media: the survey logo, an image question, image-picker choices */
const IMAGE_KEYS = new Set(['logo', 'imageLink', 'backgroundImage']);

function mapText(v: unknown, f: (s: string) => string | null): unknown {
  if (typeof v === 'string') return f(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    // localised: {default: "...", vi: "...", "zh-cn": "..."}
    const out: Record<string, unknown> = {};
    for (const [lang, s] of Object.entries(v as Record<string, unknown>)) {
      const r = typeof s === 'string' ? f(s) : null;
      if (r !== null) out[lang] = r;
    }
    return out;
  }
  return null; // neither text nor localised text: not something SurveyJS should render
}

/** A sanitised deep copy of `def`; the definition given is not changed. */
export function sanitizeDefinition(def: SurveyDefinition): SurveyDefinition {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      let r: unknown;
      if (HTML_KEYS.has(k)) r = mapText(x, sanitizeHtml);
      else if (LINK_KEYS.has(k) && (typeof x === 'string' || isPlainObject(x)))
        r = mapText(x, safeLinkUrl);
      else if (IMAGE_KEYS.has(k) && (typeof x === 'string' || isPlainObject(x)))
        r = mapText(x, safeImageUrl);
      else r = walk(x);
      if (r !== null && r !== undefined) out[k] = r;
    }
    return out;
  };
  return walk(def) as SurveyDefinition;
}

function isPlainObject(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
