import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
