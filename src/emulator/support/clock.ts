/**
 * Timestamps as IT Glue writes them: RFC 3339 UTC with milliseconds (`2024-03-12T14:48:21.054Z`).
 *
 * Each tenant has a logical clock: every write gets max(now, last + 1 ms), so `updated-at` strictly
 * increases across writes even when several land in the same millisecond. Clients use it as a
 * watermark for incremental sync and as a precondition, so it must never repeat or go back.
 */

const DAY_MS = 86_400_000;
const dayStrings = new Map<number, { prefix: string; date: string }>();

/** `YYYY-MM-DDT` and `YYYY-MM-DD` of a day, cached: seeds format hundreds of thousands of times. */
function dayStringsOf(day: number): { prefix: string; date: string } {
  let strings = dayStrings.get(day);
  if (strings === undefined) {
    const prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    strings = { prefix, date: prefix.slice(0, 10) };
    if (dayStrings.size > 20_000) dayStrings.clear();
    dayStrings.set(day, strings);
  }
  return strings;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Same result as `new Date(ms).toISOString()` for years 1970–9999, several times faster. */
export function isoTimestamp(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  // join() gives one flat string; a template literal would keep a tree of pieces alive per timestamp.
  return [
    dayStringsOf(day).prefix,
    pad(hours, 2),
    ':',
    pad(minutes, 2),
    ':',
    pad(seconds, 2),
    '.',
    pad(millis, 3),
    'Z',
  ].join('');
}

/** `YYYY-MM-DD`, for date-only attributes such as `warranty-expires-at`. */
export function isoDate(ms: number): string {
  return dayStringsOf(Math.floor(ms / DAY_MS)).date;
}

export class LogicalClock {
  #lastMs: number;
  readonly #now: () => number;

  constructor(now: () => number = Date.now, lastMs = 0) {
    this.#now = now;
    this.#lastMs = lastMs;
  }

  /** The next write time, strictly after every earlier one. */
  tick(): string {
    this.#lastMs = Math.max(this.#now(), this.#lastMs + 1);
    return isoTimestamp(this.#lastMs);
  }

  /** Makes sure later ticks come after `timestamp` (seeded records carry their own times). */
  observe(timestamp: string): void {
    const ms = Date.parse(timestamp);
    if (ms > this.#lastMs) this.#lastMs = ms;
  }
}
