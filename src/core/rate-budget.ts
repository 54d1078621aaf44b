/**
 * IT Glue allows 3000 requests per 5 minutes per API key. `RateBudget` is this process's door to
 * one key's window, wherever the window lives (rate-store.ts): requests queue here in order, the
 * first in line asks the store for a slot, and when the window is full it waits exactly until the
 * store says one frees, so the budget is neither exceeded nor wasted. A 429 (another integration
 * spending the same key) pauses the window in the store, so every process sharing it waits.
 *
 * One budget per key, base URL, window and store is shared by every client in the process
 * (`budgetFor`).
 */
import { RequestAbortedError } from './errors.js';
import type { RateStore, RateUsage, RateWindow } from './rate-store.js';

export interface RateLimitOptions {
  /** Requests allowed per window. Default 3000. */
  limit: number;
  /** The window in milliseconds. Default 300000 (5 minutes). */
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 3000, windowMs: 300_000 };

interface Waiter {
  grant: (slot: string) => void;
  fail: (error: unknown) => void;
}

export class RateBudget {
  private waiters: Waiter[] = [];
  private pumping = false;
  private wake: (() => void) | undefined;

  constructor(
    readonly store: RateStore,
    /** The window's name in the store: the key's fingerprint, the base URL and the window length. */
    readonly bucket: string,
    readonly window: RateWindow,
  ) {}

  get limit(): number {
    return this.window.limit;
  }

  get windowMs(): number {
    return this.window.windowMs;
  }

  /** Resolves with a slot when a request may start; pass the slot to `settle` when it ends. */
  acquire(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) return Promise.reject(new RequestAbortedError('The request was aborted'));
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        if (this.waiters.length === 0) this.wake?.();
        reject(new RequestAbortedError('The request was aborted while waiting for the rate budget'));
      };
      const done = () => signal?.removeEventListener('abort', onAbort);
      const waiter: Waiter = {
        grant: (slot) => {
          done();
          resolve(slot);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      void this.pump();
    });
  }

  /** The request that held `slot` has ended. A store that fails here only loses precision. */
  settle(slot: string): void {
    this.store.settle(this.bucket, slot, this.window).catch(() => {});
  }

  /** IT Glue answered 429: nothing sharing this window starts for `ms`. */
  pause(ms: number): Promise<void> {
    return this.store.pause(this.bucket, ms);
  }

  usage(): Promise<RateUsage> {
    return this.store.usage(this.bucket, this.window);
  }

  /** One request at a time asks the store, for the first waiter in line. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        let admission: Awaited<ReturnType<RateStore['tryAcquire']>>;
        try {
          admission = await this.store.tryAcquire(this.bucket, this.window);
        } catch (error) {
          for (const waiter of this.waiters.splice(0)) waiter.fail(error);
          return;
        }
        if (admission.granted) {
          const waiter = this.waiters.shift();
          // Everyone left while the store answered: the slot stays spent (it may be used by
          // nobody, which costs one slot, never an overrun); it counts from now.
          if (waiter) waiter.grant(admission.slot);
          else this.settle(admission.slot);
        } else {
          await this.sleep(admission.waitMs);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Waits, but stops early when the last waiter leaves, so no timer outlives the demand. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

const budgets = new WeakMap<RateStore, Map<string, RateBudget>>();

/** The process-wide budget for one window (`bucket`) in one store. */
export function budgetFor(store: RateStore, bucket: string, window: RateWindow): RateBudget {
  let byBucket = budgets.get(store);
  if (!byBucket) {
    byBucket = new Map();
    budgets.set(store, byBucket);
  }
  const id = `${bucket} ${window.limit}/${window.windowMs}`;
  let budget = byBucket.get(id);
  if (!budget) {
    budget = new RateBudget(store, bucket, window);
    byBucket.set(id, budget);
  }
  return budget;
}

/** The window's name in a store: the key by its fingerprint (never the key), where, and how long. */
export function bucketName(keyFingerprint: string, baseUrl: string, windowMs: number): string {
  return `${keyFingerprint} ${baseUrl} ${windowMs}ms`;
}
