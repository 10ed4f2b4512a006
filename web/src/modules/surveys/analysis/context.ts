// What the sections of the survey dashboard share: the questionnaire and its analysis, the names
// of its questions and dimensions, the rating scale, the ranking and the comments. The dashboard
// (SurveyAnalysisView) loads them and provides them; each section injects them.
import { inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue';
import type { ListPage } from '@/shared/list/useListPage';
import type { AnalysisFull, CommentRow, RankingRow } from '../analysis';
import type { Survey } from '../surveys';

export interface AnalysisContext {
  surveyId: ComputedRef<number | null>;
  survey: Ref<Survey | null>;
  /** the analysis when it is not suppressed */
  full: ComputedRef<AnalysisFull | null>;
  minGroup: ComputedRef<number>;
  /** the common rating scale of the scored items, for the mean axes */
  scale: ComputedRef<{ min: number; max: number }>;
  /** file name stem of the chart exports */
  fileStem: ComputedRef<string>;
  itemTitle: (name: string) => string;
  /** a name from the analysis: a dimension's (drivers, IPA) or a question's */
  nameTitle: (name: string) => string;
  dimensionTitle: (name: string) => string;
  /** kept here so that it outlives the sections, which come and go with suppression */
  questionMode: Ref<'mean' | 'distribution'>;
  rankingBy: Ref<'unit' | 'staff'>;
  rankingMetric: Ref<'csat' | 'nps' | 'mean'>;
  ranking: Ref<RankingRow[]>;
  comments: ListPage<CommentRow, { q: string }>;
  searchComments: () => void;
}

const KEY: InjectionKey<AnalysisContext> = Symbol('survey-analysis');

export function provideAnalysis(ctx: AnalysisContext) {
  provide(KEY, ctx);
}

export function useAnalysis(): AnalysisContext {
  const ctx = inject(KEY);
  if (!ctx) throw new Error('survey analysis sections are used inside SurveyAnalysisView');
  return ctx;
}
