/**
 * IT Glue allows 3000 requests per 5 minutes per API key. `RateBudget` is a sliding window over
 * the start times of our own requests: a request waits only when the window is full, so the budget
 * is neither exceeded nor wasted. A 429 (another integration spending the same key's budget)
 * pauses every waiting request until IT Glue says it will accept more.
 *
 * One budget per key is shared by every client in the process (`budgetFor`).
 */
import { RequestAbortedError } from './errors.js';

export interface RateLimitOptions {
  /** Requests allowed per window. Default 3000. */
  limit: number;
  /** The window in milliseconds. Default 300000 (5 minutes). */
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 3000, windowMs: 300_000 };

/**
 * A slot is reused this long after it leaves the window: our clock starts when a request is sent,
 * IT Glue's when it arrives, and the two must not disagree at the edge.
 */
export const WINDOW_MARGIN_MS = 250;

/**
 * When the next request may start: now if fewer than `limit` requests started within the window,
 * otherwise when the oldest of the last `limit` leaves it. `starts` is in ascending order.
 */
export function nextStartTime(
  starts: readonly number[],
  limit: number,
  windowMs: number,
  now: number,
): number {
  if (starts.length < limit) return now;
  const oldestThatCounts = starts[starts.length - limit] as number;
  return Math.max(now, oldestThatCounts + windowMs + WINDOW_MARGIN_MS);
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class RateBudget {
  readonly limit: number;
  readonly windowMs: number;
  private starts: number[] = [];
  private waiters: Waiter[] = [];
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(options: RateLimitOptions, now: () => number = Date.now) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = now;
  }

  /** Resolves when a request may start, and counts it. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new RequestAbortedError('The request was aborted'));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new RequestAbortedError('The request was aborted while waiting for the rate budget'));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** IT Glue answered 429: nothing starts before `untilMs`. */
  pauseUntil(untilMs: number): void {
    if (untilMs > this.pausedUntil) this.pausedUntil = untilMs;
  }

  /** When our own window frees a slot, if it is full now; undefined when it has room. */
  fullUntil(): number | undefined {
    const now = this.now();
    this.dropExpired(now);
    const next = nextStartTime(this.starts, this.limit, this.windowMs, now);
    return next > now ? next : undefined;
  }

  /** Requests started within the current window. */
  used(): number {
    this.dropExpired(this.now());
    return this.starts.length;
  }

  remaining(): number {
    return Math.max(0, this.limit - this.used());
  }

  private dropExpired(now: number): void {
    const cutoff = now - this.windowMs - WINDOW_MARGIN_MS;
    let drop = 0;
    while (drop < this.starts.length && (this.starts[drop] as number) <= cutoff) drop++;
    if (drop > 0) this.starts.splice(0, drop);
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.waiters.length > 0) {
      const now = this.now();
      this.dropExpired(now);
      const startAt = Math.max(this.pausedUntil, nextStartTime(this.starts, this.limit, this.windowMs, now));
      if (startAt > now) {
        this.timer = setTimeout(() => this.pump(), startAt - now);
        return;
      }
      const waiter = this.waiters.shift() as Waiter;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.starts.push(now);
      waiter.resolve();
    }
  }
}

const budgets = new Map<string, RateBudget>();

/** The process-wide budget for one key (by fingerprint) and base URL. */
export function budgetFor(keyId: string, options: RateLimitOptions): RateBudget {
  const id = `${keyId} ${options.limit}/${options.windowMs}`;
  let budget = budgets.get(id);
  if (!budget) {
    budget = new RateBudget(options);
    budgets.set(id, budget);
  }
  return budget;
}
