// The public respondent API (docs/api.md "Public respondent API"): no session, so the calls go
// without cookies (a staff member signed in on a kiosk tablet must not lend the respondent
// their session) and report every answer to the page instead of the app's error toasts.
import { ApiError, buildUrl, parseProblem } from '@/app/api';
import type { SurveyDefinition } from '@/modules/surveys/surveys';
import { parseRetryAfter, type LinkKind, type ResponseBody, type SendResult } from './submission';

export interface PublicSurvey {
  survey_id: number;
  title: string;
  definition: SurveyDefinition;
  campaign: { name: string } | null;
  unit: { name: string } | null;
  default_lang: string | null;
}

/** GET /public/surveys/token/{token} or /kiosk/{code}; refusals throw ApiError (status 0 when
 * the network fails). */
export async function fetchPublicSurvey(kind: LinkKind, id: string): Promise<PublicSurvey> {
  const path = `/public/surveys/${kind === 'token' ? 'token' : 'kiosk'}/${encodeURIComponent(id)}`;
  let res: Response;
  try {
    res = await fetch(buildUrl(path), {
      headers: { Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError({ status: 0, code: 'http.network', detail: String(e) });
  }
  const text = await res.text();
  if (!res.ok) throw parseProblem(res.status, text);
  try {
    return JSON.parse(text) as PublicSurvey;
  } catch (e) {
    throw new ApiError({ status: res.status, code: 'http.bad_json', detail: String(e) });
  }
}

/** POST /public/responses once; never throws: a network failure is status 0. */
export async function postPublicResponse(body: ResponseBody): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(buildUrl('/public/responses'), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { status: 0, body: null, problem: null, retryAfterMs: null };
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    // the answer was cut off: we cannot know it was stored, so send again (same submission_id)
    return { status: 0, body: null, problem: null, retryAfterMs: null };
  }
  const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'));
  if (res.ok) {
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed, problem: null, retryAfterMs };
  }
  const p = parseProblem(res.status, text);
  return {
    status: res.status,
    body: null,
    problem: {
      status: p.status,
      code: p.code,
      detail: p.detail,
      title: p.title,
      field: p.field,
      params: p.params,
    },
    retryAfterMs,
  };
}
