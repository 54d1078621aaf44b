/**
 * Where a key's rate window lives. IT Glue counts 3000 requests per 5 minutes per key, whoever
 * sends them, so every process that spends one key must count in one place:
 *
 * - `memory` (rate-stores/memory.ts): this process only; the SDK's default;
 * - `file` (rate-stores/file.ts): a SQLite file, shared by every process on this machine; the
 *   CLI's and the MCP server's default;
 * - `redis` (rate-stores/redis.ts): a Redis server, shared by every host that reaches it.
 *
 * A window is a set of slots, one per request, each stamped with a time. A slot is taken just
 * before a request is sent, stamped with that time, and stamped again when the request ends
 * (`settle`): IT Glue counts a request when it arrives, which is between the two, so a slot that
 * leaves the window a full window after its request ended can never be counted twice by IT Glue,
 * however slow the network or the machine. A process that dies leaves its slots behind, and they
 * leave the window as it slides, like any other: nothing is ever held that time does not free.
 */

export interface RateWindow {
  /** Requests allowed per window. */
  limit: number;
  /** The window in milliseconds. */
  windowMs: number;
}

/** A slot was taken (`slot` names it for `settle`), or none is free for `waitMs` more. */
export type Admission = { granted: true; slot: string } | { granted: false; waitMs: number };

export interface RateUsage {
  /** Slots in the window now, whoever took them. */
  used: number;
  /** How long a 429 still pauses everyone sharing the store; 0 when it does not. */
  pausedForMs: number;
}

export type RateStoreKind = 'memory' | 'file' | 'redis';

export interface RateStore {
  readonly kind: RateStoreKind;
  /** For messages: `memory`, the file's path, or the Redis URL without its password. */
  readonly description: string;
  /**
   * Takes a slot in `bucket` if the window has room and no 429 pauses it, atomically for everyone
   * sharing the store; otherwise says how long until one may be free.
   */
  tryAcquire(bucket: string, window: RateWindow): Promise<Admission>;
  /** The request holding `slot` has ended: its slot counts from now (back in the window if it had left). */
  settle(bucket: string, slot: string, window: RateWindow): Promise<void>;
  /** IT Glue answered 429: nobody sharing the store starts a request in `bucket` for `ms`. */
  pause(bucket: string, ms: number): Promise<void>;
  usage(bucket: string, window: RateWindow): Promise<RateUsage>;
  /** Lets go of the file or the connection; the store opens it again if used after. */
  close(): Promise<void>;
}

/**
 * A slot is reused this long after it leaves the window: a margin for clocks that tick at
 * different moments (IT Glue's and ours), at the cost of 0.1% of a 5-minute window.
 */
export const WINDOW_MARGIN_MS = 250;

/**
 * How long until a request may start; 0 when it may start now. `oldestThatCounts` is the stamp
 * of the slot whose leaving makes room (the oldest of the newest `limit`), or undefined when the
 * window has room already. Every store applies this rule, in its own language.
 */
export function waitBeforeStart(
  oldestThatCounts: number | undefined,
  windowMs: number,
  pausedUntil: number,
  now: number,
): number {
  let wait = Math.max(0, pausedUntil - now);
  if (oldestThatCounts !== undefined)
    wait = Math.max(wait, oldestThatCounts + windowMs + WINDOW_MARGIN_MS - now);
  return wait;
}

/** Stamps at or before this time have left the window. */
export function windowCutoff(windowMs: number, now: number): number {
  return now - windowMs - WINDOW_MARGIN_MS;
}
