// The feedback module's server calls, one typed function each (docs/api.md, GET /openapi.json).
import { api, type Page, type Query } from '@/app/api';
import { allPages } from '@/shared/list/allPages';
import type { Feedback, Measure, Notification, SlaPolicy } from './feedback';

export type CountBy = 'channel' | 'kind' | 'category' | 'severity' | 'status' | 'unit' | 'month';

/** GET /feedback/counts */
export interface FeedbackCounts {
  by: CountBy;
  items: { key: string; count: number }[];
}

/** GET /feedback/measures */
export interface FeedbackMeasures {
  group: 'unit' | 'staff' | 'month';
  items: Measure[];
}

/** GET and PUT /sla-policies */
export interface SlaPolicies {
  items: SlaPolicy[];
  callback_max_attempts: number;
}

export interface NotificationBody {
  channel: string;
  kind: string;
  content: string;
}

const silent = { silent: true };

export function listFeedback(query: Query): Promise<Page<Feedback>> {
  return api.get<Page<Feedback>>('/feedback', query);
}

/** Every case matching `query` (the overdue list, my queue): paged through, not capped. */
export function listAllFeedback(query: Query): Promise<Page<Feedback>> {
  return allPages(listFeedback, query);
}

/** `quiet`: a failure is not reported by the client (the caller shows it). */
export function getFeedback(id: number | string, quiet = false): Promise<Feedback> {
  return api.get<Feedback>(`/feedback/${id}`, undefined, quiet ? silent : {});
}

export function createFeedback(body: Record<string, unknown>): Promise<Feedback> {
  return api.post<Feedback>('/feedback', body);
}

/** POST /feedback/{id}/transitions; the caller shows a refusal. */
export function transitionFeedback(
  id: number | string,
  body: Record<string, unknown>,
): Promise<Feedback> {
  return api.post<Feedback>(`/feedback/${id}/transitions`, body, silent);
}

/** POST /feedback/{id}/notifications; the caller shows a refusal. */
export function notifyFeedback(id: number | string, body: NotificationBody): Promise<Notification> {
  return api.post<Notification>(`/feedback/${id}/notifications`, body, silent);
}

export function feedbackCounts(by: CountBy, query: Query): Promise<FeedbackCounts> {
  return api.get<FeedbackCounts>('/feedback/counts', { by, ...query });
}

export function feedbackMeasures(
  group: FeedbackMeasures['group'],
  query: Query,
): Promise<FeedbackMeasures> {
  return api.get<FeedbackMeasures>('/feedback/measures', { group, ...query });
}

export function getSlaPolicies(): Promise<SlaPolicies> {
  return api.get<SlaPolicies>('/sla-policies');
}

export function putSlaPolicies(body: SlaPolicies): Promise<SlaPolicies> {
  return api.put<SlaPolicies>('/sla-policies', body);
}
