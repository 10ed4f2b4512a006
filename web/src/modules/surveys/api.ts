// The surveys module's server calls (questionnaires, campaigns, invitations, kiosks, analysis),
// one typed function each, with the shapes of docs/api.md and GET /openapi.json.
import { api, type Page, type Query } from '@/app/api';
import { allPages } from '@/shared/list/allPages';
import type { Analysis, CommentRow, RankingRow } from './analysis';
import type {
  Campaign,
  Invitation,
  InvitationResult,
  Kiosk,
  RateRow,
  Survey,
  SurveyTemplate,
} from './surveys';

/** GET /campaigns/{id}/rates */
export interface ResponseRates {
  by: 'unit' | 'category';
  items: RateRow[];
}

/** GET /surveys/{id}/ranking */
export interface SurveyRanking {
  by: 'unit' | 'staff';
  filters: Record<string, string>;
  items: RankingRow[];
  min_group: number;
  survey_id: number;
}

/** POST /surveys/{id}/responses */
export interface ResponseAck {
  id: number;
  feedback_id?: number | null;
}

const silent = { silent: true };

// ---- questionnaires ----
export function listSurveys(query: Query): Promise<Page<Survey>> {
  return api.get<Page<Survey>>('/surveys', query);
}

/** Every questionnaire matching `query` (the pickers), paged through. */
export function listAllSurveys(query: Query): Promise<Page<Survey>> {
  return allPages(listSurveys, query);
}

export function getSurvey(id: number | string): Promise<Survey> {
  return api.get<Survey>(`/surveys/${id}`);
}

/** The caller shows a refusal (e.g. the questionnaire's problems). */
export function createSurvey(body: Record<string, unknown>): Promise<Survey> {
  return api.post<Survey>('/surveys', body, silent);
}

/** 201 with a new id (a new version) or 200 (replaced in place); the caller shows a refusal. */
export function replaceSurvey(id: number, body: Record<string, unknown>): Promise<Survey> {
  return api.put<Survey>(`/surveys/${id}`, body, silent);
}

export function listSurveyTemplates(): Promise<SurveyTemplate[]> {
  return api.get<SurveyTemplate[]>('/survey-templates');
}

/** A paper questionnaire typed in; the caller shows a refusal. */
export function submitResponse(
  surveyId: number,
  body: Record<string, unknown>,
): Promise<ResponseAck> {
  return api.post<ResponseAck>(`/surveys/${surveyId}/responses`, body, silent);
}

// ---- analysis ----
export function getAnalysis(surveyId: number, query: Query): Promise<Analysis> {
  return api.get<Analysis>(`/surveys/${surveyId}/analysis`, query);
}

export function getRanking(
  surveyId: number,
  by: SurveyRanking['by'],
  query: Query,
): Promise<SurveyRanking> {
  return api.get<SurveyRanking>(`/surveys/${surveyId}/ranking`, { by, ...query });
}

export function listComments(surveyId: number, query: Query): Promise<Page<CommentRow>> {
  return api.get<Page<CommentRow>>(`/surveys/${surveyId}/comments`, query);
}

// ---- campaigns ----
export function listCampaigns(query: Query): Promise<Page<Campaign>> {
  return api.get<Page<Campaign>>('/campaigns', query);
}

/** Every campaign matching `query` (the pickers), paged through. */
export function listAllCampaigns(query: Query): Promise<Page<Campaign>> {
  return allPages(listCampaigns, query);
}

export function getCampaign(id: number | string): Promise<Campaign> {
  return api.get<Campaign>(`/campaigns/${id}`);
}

/** The caller shows a refusal. */
export function createCampaign(body: Record<string, unknown>): Promise<Campaign> {
  return api.post<Campaign>('/campaigns', body, silent);
}

/** The caller shows a refusal. */
export function updateCampaign(id: number, body: Record<string, unknown>): Promise<Campaign> {
  return api.patch<Campaign>(`/campaigns/${id}`, body, silent);
}

export function getResponseRates(
  campaignId: number | string,
  by: ResponseRates['by'],
): Promise<ResponseRates> {
  return api.get<ResponseRates>(`/campaigns/${campaignId}/rates`, { by });
}

// ---- invitations and kiosks ----
export function listInvitations(
  campaignId: number | string,
  query: Query,
): Promise<Page<Invitation>> {
  return api.get<Page<Invitation>>(`/campaigns/${campaignId}/invitations`, query);
}

export function generateInvitations(campaignId: number | string): Promise<InvitationResult> {
  return api.post<InvitationResult>(`/campaigns/${campaignId}/invitations`);
}

export function listKiosks(campaignId: number | string): Promise<{ items: Kiosk[] }> {
  return api.get<{ items: Kiosk[] }>(`/campaigns/${campaignId}/kiosks`);
}

export function createKiosk(campaignId: number | string, unit: string): Promise<Kiosk> {
  return api.post<Kiosk>(`/campaigns/${campaignId}/kiosks`, { unit });
}
