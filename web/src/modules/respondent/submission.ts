// The respondent page's durable submission (PRODUCT.md S3): the answers stay on the device
// (localStorage, keyed by the link) until the server acknowledges them, every send carries the
// same submission_id so a retry never duplicates, and failures are sorted into "retry later"
// (network, server, rate limit — with backoff) and "tell the respondent" (invalid, used, closed).
import type { SurveyLang } from '@/modules/surveys/surveys';

export type LinkKind = 'token' | 'kiosk';

export interface ResponseBody {
  token?: string;
  kiosk?: string;
  answers: Record<string, unknown>;
  lang: SurveyLang;
  submission_id: string;
}

/** What the device keeps for one link: the answers so far, and whether they wait to be sent. */
export interface Pending {
  submission_id: string;
  answers: Record<string, unknown>;
  lang: SurveyLang;
  /** true once the respondent pressed "complete": the answers wait for the server's ack */
  completed: boolean;
  saved_at: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function storageKey(kind: LinkKind, id: string): string {
  return `servq.survey.${kind}.${id}`;
}

/** The stored answers of a link, or null when there are none (or they are unreadable). */
export function loadPending(store: KeyValueStore | null | undefined, key: string): Pending | null {
  if (!store) return null;
  let text: string | null;
  try {
    text = store.getItem(key);
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Pending>;
    if (
      !v ||
      typeof v !== 'object' ||
      typeof v.submission_id !== 'string' ||
      !v.submission_id ||
      !v.answers ||
      typeof v.answers !== 'object' ||
      Array.isArray(v.answers)
    ) {
      return null;
    }
    return {
      submission_id: v.submission_id,
      answers: v.answers as Record<string, unknown>,
      lang: v.lang === 'zh-cn' || v.lang === 'en' ? v.lang : 'vi',
      completed: v.completed === true,
      saved_at: typeof v.saved_at === 'string' ? v.saved_at : '',
    };
  } catch {
    return null;
  }
}

/** Keeps the answers of a link; false when the device refuses (private mode, full). */
export function savePending(
  store: KeyValueStore | null | undefined,
  key: string,
  p: Pending,
): boolean {
  if (!store) return false;
  try {
    store.setItem(key, JSON.stringify(p));
    return true;
  } catch {
    return false;
  }
}

export function clearPending(store: KeyValueStore | null | undefined, key: string): void {
  try {
    store?.removeItem(key);
  } catch {
    /* nothing to do */
  }
}

interface CryptoLike {
  randomUUID?: () => string;
  getRandomValues?: <T extends ArrayBufferView | null>(a: T) => T;
}

/** A version-4 UUID: crypto.randomUUID where the browser has it (secure contexts only), else
 * crypto.getRandomValues, else Math.random — good enough for an idempotency key. */
export function newSubmissionId(
  c: CryptoLike | undefined = globalThis.crypto as CryptoLike | undefined,
  random: () => number = Math.random,
): string {
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      /* not a secure context: fall through */
    }
  }
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') {
    c.getRandomValues(bytes);
  } else {
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256) & 0xff;
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const h = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(
  v: string | null | undefined,
  now: number = Date.now(),
): number | null {
  if (!v) return null;
  const s = v.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now);
}

export const BACKOFF_BASE_MS = 2000;
export const BACKOFF_MAX_MS = 60000;

/** The wait before retry number `attempt` (0 = the first retry): doubling from 2 s up to 60 s,
 * ±25 % jitter so many kiosks coming back online do not all retry in step. */
export function backoffMs(
  attempt: number,
  random: () => number = Math.random,
  base = BACKOFF_BASE_MS,
  max = BACKOFF_MAX_MS,
): number {
  const raw = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt, 30)));
  const jitter = 0.75 + 0.5 * random();
  return Math.round(Math.min(max, raw * jitter));
}

export interface ProblemLike {
  status: number;
  code: string;
  detail?: string;
  title?: string;
  field?: string | null;
  params?: Record<string, string | number>;
}

/** What a send's answer means for the page. */
export type Outcome =
  | { kind: 'ok'; id: number | null }
  | { kind: 'retry'; reason: 'network' | 'server' | 'rate_limited'; delayMs: number | null }
  | { kind: 'invalid'; problem: ProblemLike }
  | { kind: 'final'; problem: ProblemLike };

/** Sorts a send's answer: 2xx acknowledged; network, 408, 5xx and 429 retried (429 after
 * Retry-After); 422 shown so the respondent can correct; 404/409/410 and other 4xx final. */
export function classify(
  status: number,
  problem: ProblemLike | null,
  body: unknown,
  retryAfterMs: number | null = null,
): Outcome {
  if (status >= 200 && status < 300) {
    const id =
      body && typeof body === 'object' && typeof (body as { id?: unknown }).id === 'number'
        ? (body as { id: number }).id
        : null;
    return { kind: 'ok', id };
  }
  if (status === 0) return { kind: 'retry', reason: 'network', delayMs: null };
  if (status === 429) return { kind: 'retry', reason: 'rate_limited', delayMs: retryAfterMs };
  if (status === 408 || status >= 500) return { kind: 'retry', reason: 'server', delayMs: null };
  const p: ProblemLike = problem ?? { status, code: `http.${status}` };
  if (status === 422) return { kind: 'invalid', problem: p };
  return { kind: 'final', problem: p };
}

/** The locale key of the message for a refused link or submission. */
export function refusalKey(p: Pick<ProblemLike, 'status' | 'code'>): string {
  switch (p.code) {
    case 'survey.link_unknown':
      return 'respondent.refused.unknown';
    case 'survey.link_used':
      return 'respondent.refused.used';
    case 'survey.campaign_closed':
      return 'respondent.refused.closed';
    case 'survey.campaign_not_open':
      return 'respondent.refused.notOpen';
    case 'survey.rate_limited':
      return 'respondent.refused.rateLimited';
    default:
      break;
  }
  switch (p.status) {
    case 0:
      return 'respondent.refused.network';
    case 404:
      return 'respondent.refused.unknown';
    case 409:
      return 'respondent.refused.used';
    case 410:
      return 'respondent.refused.closed';
    case 429:
      return 'respondent.refused.rateLimited';
    default:
      return 'respondent.refused.other';
  }
}

export interface SendResult {
  status: number;
  body: unknown;
  problem: ProblemLike | null;
  retryAfterMs: number | null;
}

export type QueueState =
  | { phase: 'idle' }
  | { phase: 'sending'; attempt: number }
  | {
      phase: 'waiting';
      attempt: number;
      retryAt: number;
      reason: 'network' | 'server' | 'rate_limited';
    }
  | { phase: 'done'; id: number | null }
  | { phase: 'invalid'; problem: ProblemLike }
  | { phase: 'final'; problem: ProblemLike };

export interface QueueDeps {
  /** one POST /public/responses; resolves with status 0 when the network fails */
  send: (body: ResponseBody) => Promise<SendResult>;
  onState: (s: QueueState) => void;
  /** keeps the body (completed) until acknowledged; forgets it once settled */
  persist?: (body: ResponseBody | null) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (h: unknown) => void;
  now?: () => number;
  random?: () => number;
}

/** Sends one completed response until the server settles it: retries with backoff on network
 * or server trouble (and at once on retryNow()), never gives up on its own, and reports every
 * state change. A settled answer (acknowledged, invalid, refused) ends the queue. */
export class SubmissionQueue {
  private body: ResponseBody | null = null;
  private attempt = 0;
  private timer: unknown = null;
  private inFlight = false;
  private stopped = false;
  state: QueueState = { phase: 'idle' };
  private readonly deps: Required<Omit<QueueDeps, 'persist'>> & Pick<QueueDeps, 'persist'>;

  constructor(deps: QueueDeps) {
    this.deps = {
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
      random: Math.random,
      ...deps,
    };
  }

  private set(s: QueueState) {
    this.state = s;
    this.deps.onState(s);
  }

  /** Starts sending `body` (kept on the device first). */
  start(body: ResponseBody): Promise<void> {
    this.cancelTimer();
    this.body = body;
    this.attempt = 0;
    this.stopped = false;
    this.deps.persist?.(body);
    return this.sendOnce();
  }

  /** Skips the wait and sends now (the "retry now" button, the browser coming back online). */
  retryNow(): Promise<void> {
    if (!this.body || this.inFlight || this.stopped) return Promise.resolve();
    if (this.state.phase !== 'waiting') return Promise.resolve();
    this.cancelTimer();
    return this.sendOnce();
  }

  /** Stops retrying (the page is left); the answers stay on the device. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private cancelTimer() {
    if (this.timer !== null) {
      this.deps.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private async sendOnce(): Promise<void> {
    const body = this.body;
    if (!body || this.stopped) return;
    this.inFlight = true;
    this.set({ phase: 'sending', attempt: this.attempt });
    let r: SendResult;
    try {
      r = await this.deps.send(body);
    } catch {
      r = { status: 0, body: null, problem: null, retryAfterMs: null };
    } finally {
      this.inFlight = false;
    }
    if (this.stopped) return;
    const o = classify(r.status, r.problem, r.body, r.retryAfterMs);
    switch (o.kind) {
      case 'ok':
        this.body = null;
        this.deps.persist?.(null);
        this.set({ phase: 'done', id: o.id });
        return;
      case 'invalid':
        this.body = null;
        this.set({ phase: 'invalid', problem: o.problem });
        return;
      case 'final':
        this.body = null;
        this.deps.persist?.(null);
        this.set({ phase: 'final', problem: o.problem });
        return;
      case 'retry': {
        const wait = Math.max(o.delayMs ?? 0, backoffMs(this.attempt, this.deps.random));
        this.attempt += 1;
        const retryAt = this.deps.now() + wait;
        this.set({ phase: 'waiting', attempt: this.attempt, retryAt, reason: o.reason });
        this.timer = this.deps.setTimer(() => {
          this.timer = null;
          void this.sendOnce();
        }, wait);
        return;
      }
    }
  }
}
