/**
 * Pure retry arithmetic, kept apart from the request loop so it can be unit-tested exactly.
 *
 * The rules:
 * - 429 means IT Glue did not process the request, so any method may be re-sent after waiting.
 * - GET and PATCH are idempotent: a 5xx, a timeout or a dropped connection is retried with
 *   jittered exponential backoff.
 * - A POST is never re-sent once its body may have reached the server. A 5xx, a timeout or a
 *   reset after sending makes its outcome unknown (`ambiguous`): the caller must look the record
 *   up before trying again. Only a connection that was never established is safe to retry.
 */

export type Failure =
  | { kind: 'status'; status: number }
  | { kind: 'network'; sent: boolean }
  | { kind: 'timeout' };

export type RetryDecision = 'retry' | 'ambiguous' | 'fail';

export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'PATCH' || method === 'HEAD';
}

export function decideRetry(
  method: string,
  failure: Failure,
  attempt: number,
  maxRetries: number,
): RetryDecision {
  const canRetry = attempt < maxRetries;
  if (failure.kind === 'network' && !failure.sent) return canRetry ? 'retry' : 'fail';
  if (failure.kind === 'status' && failure.status < 500) return 'fail';
  if (!isIdempotent(method)) return 'ambiguous';
  return canRetry ? 'retry' : 'fail';
}

/**
 * Backoff before retry number `attempt` (0-based): half of the exponential step is fixed and half
 * is random, so concurrent clients spread out without ever retrying immediately.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/** `Retry-After` as seconds or an HTTP date → milliseconds to wait, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

// Codes for connections that never got as far as sending a request: safe to retry any method.
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Reads the error code undici puts on `fetch failed` errors (`err.cause.code`). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function wasNeverSent(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NEVER_SENT_CODES.has(code);
}

/** A short reason for a failed connection: the code (`ECONNREFUSED`), else the innermost message. */
export function describeNetworkError(error: unknown): string {
  const code = networkErrorCode(error);
  if (code) return code;
  let current: unknown = error;
  while ((current as { cause?: unknown })?.cause instanceof Error)
    current = (current as { cause: unknown }).cause;
  return current instanceof Error ? current.message : 'network error';
}
