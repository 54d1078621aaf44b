import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestAbortedError } from '../../src/core/errors.js';
import { nextStartTime, RateBudget, WINDOW_MARGIN_MS } from '../../src/core/rate-budget.js';
import { backoffDelay, decideRetry, parseRetryAfter, wasNeverSent } from '../../src/core/retry.js';

describe('decideRetry', () => {
  it.each([
    ['GET', { kind: 'status', status: 503 }, 'retry'],
    ['PATCH', { kind: 'status', status: 500 }, 'retry'],
    ['POST', { kind: 'status', status: 502 }, 'ambiguous'],
    ['POST', { kind: 'status', status: 422 }, 'fail'],
    ['GET', { kind: 'status', status: 404 }, 'fail'],
    ['GET', { kind: 'timeout' }, 'retry'],
    ['POST', { kind: 'timeout' }, 'ambiguous'],
    ['PATCH', { kind: 'network', sent: true }, 'retry'],
    ['POST', { kind: 'network', sent: true }, 'ambiguous'],
    ['POST', { kind: 'network', sent: false }, 'retry'],
  ] as const)('%s after %o: %s', (method, failure, decision) => {
    expect(decideRetry(method, failure, 0, 3)).toBe(decision);
  });

  it('gives up once retries are spent, but a POST that may have landed stays ambiguous', () => {
    expect(decideRetry('GET', { kind: 'status', status: 503 }, 3, 3)).toBe('fail');
    expect(decideRetry('POST', { kind: 'network', sent: false }, 3, 3)).toBe('fail');
    expect(decideRetry('POST', { kind: 'status', status: 503 }, 3, 3)).toBe('ambiguous');
  });

  it('knows a refused connection was never sent and a reset may have been', () => {
    expect(
      wasNeverSent(
        new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
      ),
    ).toBe(true);
    expect(
      wasNeverSent(
        new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
      ),
    ).toBe(false);
    expect(wasNeverSent(new Error('unknown'))).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('is between half and all of the capped exponential step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const step = Math.min(8000, 500 * 2 ** attempt);
          const delay = backoffDelay(attempt, 500, 8000, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.round(step / 2));
          expect(delay).toBeLessThanOrEqual(step);
        },
      ),
    );
    expect(backoffDelay(0, 500, 8000, () => 0)).toBe(250);
    expect(backoffDelay(10, 500, 8000, () => 0.999999)).toBe(8000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Sat, 28 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('nextStartTime (the sliding window)', () => {
  it('lets a request start at once while fewer than `limit` started in the window', () => {
    expect(nextStartTime([1, 2], 3, 1000, 10)).toBe(10);
  });
  it('otherwise waits until the oldest of the last `limit` leaves the window, plus the margin', () => {
    expect(nextStartTime([100, 200, 300], 3, 1000, 500)).toBe(100 + 1000 + WINDOW_MARGIN_MS);
    expect(nextStartTime([0, 100, 200, 300], 3, 1000, 500)).toBe(100 + 1000 + WINDOW_MARGIN_MS);
  });
  it('never admits more than `limit` starts in any window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 10, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
        (limit, windowMs, gaps) => {
          const starts: number[] = [];
          let clock = 0;
          for (const gap of gaps) {
            clock += gap;
            const at = nextStartTime(starts, limit, windowMs, clock);
            starts.push(at);
            clock = at;
          }
          for (let i = limit; i < starts.length; i++) {
            expect((starts[i] as number) - (starts[i - limit] as number)).toBeGreaterThan(windowMs);
          }
        },
      ),
    );
  });
});

describe('RateBudget', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits `limit` requests, then holds the next until the window frees', async () => {
    vi.useFakeTimers({ now: 0 });
    const budget = new RateBudget({ limit: 3, windowMs: 1000 });
    await Promise.all([budget.acquire(), budget.acquire(), budget.acquire()]);
    expect(budget.remaining()).toBe(0);
    let fourth = false;
    const pending = budget.acquire().then(() => {
      fourth = true;
    });
    await vi.advanceTimersByTimeAsync(1000 + WINDOW_MARGIN_MS - 1);
    expect(fourth).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(fourth).toBe(true);
  });

  it('pauses everything after a 429 until the given time', async () => {
    vi.useFakeTimers({ now: 0 });
    const budget = new RateBudget({ limit: 100, windowMs: 1000 });
    budget.pauseUntil(5000);
    let started = false;
    const pending = budget.acquire().then(() => {
      started = true;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(started).toBe(true);
  });

  it('lets an aborted waiter go without taking a slot', async () => {
    vi.useFakeTimers({ now: 0 });
    const budget = new RateBudget({ limit: 1, windowMs: 1000 });
    await budget.acquire();
    const controller = new AbortController();
    const waiting = budget.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(RequestAbortedError);
    expect(budget.used()).toBe(1);
  });
});
