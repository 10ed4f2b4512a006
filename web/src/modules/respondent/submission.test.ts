import { describe, expect, it, vi } from 'vitest';
import {
  BACKOFF_MAX_MS,
  SubmissionQueue,
  UUID_RE,
  backoffMs,
  classify,
  clearPending,
  loadPending,
  newSubmissionId,
  parseRetryAfter,
  refusalKey,
  savePending,
  storageKey,
  type KeyValueStore,
  type QueueState,
  type ResponseBody,
  type SendResult,
} from './submission';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const body: ResponseBody = {
  token: 'ABC',
  answers: { nps: 3, comment: 'Chờ lâu quá' },
  lang: 'vi',
  submission_id: '0b6f2f7e-8a51-4c1e-9d3a-2f4b5c6d7e8f',
};

describe('stored answers', () => {
  it('keys answers by link kind and id so a token and a kiosk code never mix', () => {
    expect(storageKey('token', 'ABC')).toBe('servq.survey.token.ABC');
    expect(storageKey('kiosk', 'ABC')).toBe('servq.survey.kiosk.ABC');
  });

  it('round-trips the answers, the submission id, the language and the completed flag', () => {
    const s = memoryStore();
    const p = {
      submission_id: body.submission_id,
      answers: body.answers,
      lang: 'zh-cn' as const,
      completed: true,
      saved_at: '2026-03-01T08:00:00.000Z',
    };
    expect(savePending(s, 'k', p)).toBe(true);
    expect(loadPending(s, 'k')).toEqual(p);
    clearPending(s, 'k');
    expect(loadPending(s, 'k')).toBeNull();
  });

  it('ignores unreadable or foreign data instead of failing the page', () => {
    const s = memoryStore();
    s.setItem('a', '{not json');
    s.setItem('b', JSON.stringify({ answers: {} }));
    s.setItem('c', JSON.stringify({ submission_id: 'x', answers: [1, 2] }));
    expect(loadPending(s, 'a')).toBeNull();
    expect(loadPending(s, 'b')).toBeNull();
    expect(loadPending(s, 'c')).toBeNull();
    expect(loadPending(null, 'a')).toBeNull();
  });

  it('reports a device that refuses storage (private mode, quota) rather than throwing', () => {
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(savePending(full, 'k', { ...body, completed: false, saved_at: '' })).toBe(false);
  });
});

describe('submission id', () => {
  it('uses crypto.randomUUID when the browser has it', () => {
    expect(newSubmissionId({ randomUUID: () => 'from-crypto' })).toBe('from-crypto');
  });

  it('falls back to getRandomValues (plain http pages have no randomUUID) with a v4 layout', () => {
    const id = newSubmissionId({
      getRandomValues: <T extends ArrayBufferView | null>(a: T) => {
        (a as unknown as Uint8Array).fill(0xff);
        return a;
      },
    });
    expect(id).toMatch(UUID_RE);
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('falls back to Math.random without any crypto and still gives distinct v4 ids', () => {
    const a = newSubmissionId(undefined);
    const b = newSubmissionId(undefined);
    expect(a).toMatch(UUID_RE);
    expect(b).toMatch(UUID_RE);
    expect(a).not.toBe(b);
  });
});

describe('retry timing', () => {
  it('doubles from 2 s and stops at 60 s, with ±25 % jitter', () => {
    const mid = () => 0.5; // no jitter
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, mid))).toEqual([
      2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
    expect(backoffMs(0, () => 0)).toBe(1500);
    expect(backoffMs(0, () => 1)).toBe(2500);
    expect(backoffMs(40, () => 1)).toBe(BACKOFF_MAX_MS);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30000);
    const now = Date.parse('2026-03-01T08:00:00Z');
    expect(parseRetryAfter('Sun, 01 Mar 2026 08:00:10 GMT', now)).toBe(10000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('what an answer means', () => {
  const p = (status: number, code: string) => ({ status, code });

  it('takes 201 and 200 (the same submission again) as acknowledged, with the id', () => {
    expect(classify(201, null, { id: 42 })).toEqual({ kind: 'ok', id: 42 });
    expect(classify(200, null, { id: 42 })).toEqual({ kind: 'ok', id: 42 });
  });

  it('retries network failures, timeouts, server errors and rate limits', () => {
    expect(classify(0, null, null).kind).toBe('retry');
    expect(classify(408, null, null).kind).toBe('retry');
    expect(classify(502, null, null)).toMatchObject({ kind: 'retry', reason: 'server' });
    expect(classify(429, p(429, 'survey.rate_limited'), null, 5000)).toEqual({
      kind: 'retry',
      reason: 'rate_limited',
      delayMs: 5000,
    });
  });

  it('hands 422 back to the respondent to correct, and ends on used, closed or unknown links', () => {
    expect(classify(422, p(422, 'survey.answer_invalid'), null).kind).toBe('invalid');
    for (const [s, c] of [
      [409, 'survey.link_used'],
      [410, 'survey.campaign_closed'],
      [404, 'survey.link_unknown'],
    ] as const) {
      expect(classify(s, p(s, c), null)).toEqual({ kind: 'final', problem: p(s, c) });
    }
  });

  it('names the message of each refusal by code first, then by status', () => {
    expect(refusalKey(p(409, 'survey.link_used'))).toBe('respondent.refused.used');
    expect(refusalKey(p(410, 'survey.campaign_not_open'))).toBe('respondent.refused.notOpen');
    expect(refusalKey(p(410, 'survey.campaign_closed'))).toBe('respondent.refused.closed');
    expect(refusalKey(p(404, 'http.not_found'))).toBe('respondent.refused.unknown');
    expect(refusalKey(p(0, 'http.network'))).toBe('respondent.refused.network');
    expect(refusalKey(p(400, 'http.bad_json'))).toBe('respondent.refused.other');
  });
});

/** A queue with a fake clock and timers; `answers` are the server's answers in order. */
function harness(answers: (SendResult | Error)[]) {
  const states: QueueState[] = [];
  const sent: ResponseBody[] = [];
  const persisted: (ResponseBody | null)[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let now = 1_000_000;
  const send = vi.fn(async (b: ResponseBody) => {
    sent.push(b);
    const a = answers.shift();
    if (!a) throw new Error('no more answers');
    if (a instanceof Error) throw a;
    return a;
  });
  const q = new SubmissionQueue({
    send,
    onState: (s) => states.push(s),
    persist: (b) => persisted.push(b),
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => undefined,
    now: () => now,
    random: () => 0.5,
  });
  return {
    q,
    states,
    sent,
    persisted,
    timers,
    send,
    advance: async () => {
      const t = timers.shift();
      if (!t) throw new Error('no timer');
      now += t.ms;
      t.fn();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}
const ok = (id: number): SendResult => ({
  status: 201,
  body: { id },
  problem: null,
  retryAfterMs: null,
});
const down: SendResult = { status: 0, body: null, problem: null, retryAfterMs: null };

describe('submission queue', () => {
  it('keeps the answers before sending and forgets them once acknowledged', async () => {
    const h = harness([ok(7)]);
    await h.q.start(body);
    expect(h.persisted).toEqual([body, null]);
    expect(h.states.map((s) => s.phase)).toEqual(['sending', 'done']);
    expect(h.states.at(-1)).toEqual({ phase: 'done', id: 7 });
  });

  it('retries a lost connection with growing waits and the same submission id', async () => {
    const h = harness([down, new Error('fetch failed'), ok(9)]);
    await h.q.start(body);
    expect(h.states.at(-1)).toMatchObject({ phase: 'waiting', attempt: 1, reason: 'network' });
    expect(h.timers[0].ms).toBe(2000);
    await h.advance();
    expect(h.states.at(-1)).toMatchObject({ phase: 'waiting', attempt: 2 });
    expect(h.timers[0].ms).toBe(4000);
    await h.advance();
    expect(h.states.at(-1)).toEqual({ phase: 'done', id: 9 });
    expect(h.sent.map((b) => b.submission_id)).toEqual([
      body.submission_id,
      body.submission_id,
      body.submission_id,
    ]);
    // never forgotten while unacknowledged: only the final ack clears the device copy
    expect(h.persisted).toEqual([body, null]);
  });

  it('waits at least as long as the server asks when rate-limited', async () => {
    const h = harness([
      {
        status: 429,
        body: null,
        problem: { status: 429, code: 'survey.rate_limited' },
        retryAfterMs: 30000,
      },
      ok(1),
    ]);
    await h.q.start(body);
    expect(h.states.at(-1)).toMatchObject({ phase: 'waiting', reason: 'rate_limited' });
    expect(h.timers[0].ms).toBe(30000);
  });

  it('sends at once on "retry now" instead of waiting for the timer', async () => {
    const h = harness([down, ok(3)]);
    await h.q.start(body);
    expect(h.states.at(-1)?.phase).toBe('waiting');
    await h.q.retryNow();
    expect(h.states.at(-1)).toEqual({ phase: 'done', id: 3 });
    expect(h.send).toHaveBeenCalledTimes(2);
  });

  it('hands a 422 back without dropping the stored answers', async () => {
    const problem = { status: 422, code: 'survey.answer_invalid', field: 'nps' };
    const h = harness([{ status: 422, body: null, problem, retryAfterMs: null }]);
    await h.q.start(body);
    expect(h.states.at(-1)).toEqual({ phase: 'invalid', problem });
    expect(h.persisted).toEqual([body]);
    expect(h.timers).toEqual([]);
  });

  it('ends on a used link and clears the device copy', async () => {
    const problem = { status: 409, code: 'survey.link_used' };
    const h = harness([{ status: 409, body: null, problem, retryAfterMs: null }]);
    await h.q.start(body);
    expect(h.states.at(-1)).toEqual({ phase: 'final', problem });
    expect(h.persisted).toEqual([body, null]);
  });

  it('stops retrying when the page is left, keeping the answers', async () => {
    const h = harness([down]);
    await h.q.start(body);
    h.q.stop();
    await h.q.retryNow();
    expect(h.send).toHaveBeenCalledTimes(1);
    expect(h.persisted).toEqual([body]);
  });
});
