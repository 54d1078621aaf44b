/**
 * IT Glue's limit: 3000 requests per 5 minutes per key, as a sliding window. A rejected request
 * is not counted. Retry-After (whole seconds until the oldest counted request leaves the window)
 * is an emulator extra: IT Glue documents no header, so clients must not depend on it.
 */

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export const IT_GLUE_RATE_LIMIT: RateLimit = { limit: 3000, windowSeconds: 300 };

/** Request times of one key, oldest first, as a queue with a moving head. */
class Window {
  times: number[] = [];
  head = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  dropBefore(cutoff: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) <= cutoff) this.head++;
    // Compact now and then so the array does not grow forever.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

export class SlidingWindowLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();

  constructor(rateLimit: RateLimit, now: () => number = Date.now) {
    this.#limit = rateLimit.limit;
    this.#windowMs = rateLimit.windowSeconds * 1000;
    this.#now = now;
  }

  admit(key: string): Admission {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window) {
      window = new Window();
      this.#windows.set(key, window);
    }
    window.dropBefore(now - this.#windowMs);
    if (window.size >= this.#limit) {
      const oldest = window.times[window.head] as number;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.#windowMs - now) / 1000)) };
    }
    window.times.push(now);
    return { ok: true };
  }

  clear(): void {
    this.#windows.clear();
  }
}
