// The one place servq sets up the SurveyJS form library: its stylesheet without web fonts (the
// CSP allows no third-party font host, and the app's own fonts cover Vietnamese and CJK), the
// vi and zh-cn UI strings, the teal brand colour, and a model factory used by the respondent
// page, the preview and paper entry alike.
import { Model, surveyLocalization } from 'survey-core';
import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/vietnamese';
import 'survey-core/i18n/simplified-chinese';
import { withDefaultLang, type SurveyDefinition, type SurveyLang } from './surveys';
import { sanitizeDefinition } from './sanitizeDefinition';
import { safeLinkUrl, sanitizeHtml } from '@/shared/sanitizeHtml';

/** SurveyJS's default locale: servq's organisations write Vietnamese first. With English as
 * the default SurveyJS would show the "default" text (Vietnamese) to an English reader. */
export const DEFAULT_SURVEY_LANG: SurveyLang = 'vi';
surveyLocalization.defaultLocale = DEFAULT_SURVEY_LANG;

const FONT =
  "'Inter', 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Segoe UI', Roboto, Arial, sans-serif";

// The stock Vietnamese strings are partly machine-translated: "Lựa" reads oddly for "choose".
const vi = surveyLocalization.locales['vi'] as Record<string, string> | undefined;
if (vi) {
  vi.ratingOptionsCaption = 'Chọn...';
  vi.buttongroupOptionsCaption = 'Chọn...';
  vi.selectCaption = 'Chọn';
}

export const SERVQ_THEME = {
  themeName: 'default',
  colorPalette: 'light',
  isPanelless: false,
  cssVariables: {
    '--sjs2-color-project-brand-600': '#0f766e',
    '--sjs2-typography-font-family-text': FONT,
    '--sjs-primary-backcolor': '#0f766e',
    '--sjs-font-family': FONT,
  },
};

export interface ModelOptions {
  lang: SurveyLang;
  /** display mode: answers shown, nothing editable (the questionnaire preview) */
  readOnly?: boolean;
  /** hide the survey's own title (the page shows it in its header) */
  hideTitle?: boolean;
}

/** A SurveyJS model of a servq questionnaire in `lang`. Its completed page is switched off: the
 * pages show their own "sending" and "thank you" states once the server has answered.
 *
 * The definition's HTML is sanitised before SurveyJS reads it (sanitizeDefinition.ts), and once
 * more after SurveyJS has put answers into it: an html question's "{q1}" is replaced by the
 * answer as it is, markup included. Titles, descriptions and choices stay text: no
 * onTextMarkdown handler is installed. Navigation on completion goes to http(s) only. */
export function createModel(definition: SurveyDefinition, opts: ModelOptions): Model {
  const m = new Model(withDefaultLang(sanitizeDefinition(definition), DEFAULT_SURVEY_LANG));
  const processHtml = m.processHtml.bind(m);
  m.processHtml = (html: string, reason?: string) => sanitizeHtml(processHtml(html, reason));
  m.onNavigateToUrl.add((_, o) => {
    if (!safeLinkUrl(o.url) || /^mailto:/i.test(o.url.trim())) o.allow = false;
  });
  m.locale = opts.lang;
  m.applyTheme(SERVQ_THEME);
  m.showCompletedPage = false;
  // Ratings as buttons that wrap: on a phone SurveyJS would otherwise fold a 0–10 or even a
  // 1–5 scale with end labels into a drop-down, two taps instead of one.
  // On a narrow screen, or for long scales, the end labels go above and below the buttons
  // instead of beside them.
  const narrow = typeof window !== 'undefined' && window.matchMedia?.('(max-width: 600px)').matches;
  for (const q of m.getAllQuestions()) {
    const r = q as unknown as {
      getType(): string;
      displayMode?: string;
      rateDescriptionLocation?: string;
      rateCount?: number;
    };
    if (r.getType() !== 'rating') continue;
    if (r.displayMode === 'auto') r.displayMode = 'buttons';
    const long = (r.rateCount ?? 0) > 7; // 0–10 wraps even on a desktop form
    if ((narrow || long) && r.rateDescriptionLocation === 'leftRight') {
      r.rateDescriptionLocation = 'topBottom';
    }
  }
  if (opts.hideTitle) m.showTitle = false;
  if (opts.readOnly) {
    m.readOnly = true;
    m.showCompleteButton = false;
    m.questionsOnPageMode = 'singlePage';
  }
  return m;
}
