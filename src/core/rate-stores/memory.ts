/** The window in this process's memory: exact and free, but no other process sees it. */
import {
  type Admission,
  type RateStore,
  type RateUsage,
  type RateWindow,
  waitBeforeStart,
  windowCutoff,
} from '../rate-store.js';

interface Bucket {
  /** Ascending by `at`: a slot is stamped with the time, and a settled one moves to the end. */
  slots: Array<{ id: string; at: number }>;
  pausedUntil: number;
}

export class MemoryRateStore implements RateStore {
  readonly kind = 'memory';
  readonly description = 'memory';
  private readonly buckets = new Map<string, Bucket>();
  private nextId = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async tryAcquire(bucket: string, window: RateWindow): Promise<Admission> {
    const now = this.now();
    const state = this.current(bucket, window, now);
    const full = state.slots.length >= window.limit;
    const oldestThatCounts = full ? state.slots[state.slots.length - window.limit]?.at : undefined;
    const wait = waitBeforeStart(oldestThatCounts, window.windowMs, state.pausedUntil, now);
    if (wait > 0) return { granted: false, waitMs: wait };
    const slot = String(++this.nextId);
    state.slots.push({ id: slot, at: this.stamp(state, now) });
    return { granted: true, slot };
  }

  async settle(bucket: string, slot: string): Promise<void> {
    const state = this.bucket(bucket);
    const at = state.slots.findIndex((entry) => entry.id === slot);
    if (at >= 0) state.slots.splice(at, 1);
    state.slots.push({ id: slot, at: this.stamp(state, this.now()) });
  }

  async pause(bucket: string, ms: number): Promise<void> {
    const state = this.bucket(bucket);
    state.pausedUntil = Math.max(state.pausedUntil, this.now() + ms);
  }

  async usage(bucket: string, window: RateWindow): Promise<RateUsage> {
    const now = this.now();
    const state = this.current(bucket, window, now);
    return { used: state.slots.length, pausedForMs: Math.max(0, state.pausedUntil - now) };
  }

  async close(): Promise<void> {}

  private bucket(name: string): Bucket {
    let state = this.buckets.get(name);
    if (!state) {
      state = { slots: [], pausedUntil: 0 };
      this.buckets.set(name, state);
    }
    return state;
  }

  /** The bucket without the slots that left the window. */
  private current(name: string, window: RateWindow, now: number): Bucket {
    const state = this.bucket(name);
    const cutoff = windowCutoff(window.windowMs, now);
    let drop = 0;
    while (drop < state.slots.length && (state.slots[drop]?.at as number) <= cutoff) drop++;
    if (drop > 0) state.slots.splice(0, drop);
    return state;
  }

  /** Now, but never before the newest stamp, so the slots stay in order if the clock steps back. */
  private stamp(state: Bucket, now: number): number {
    const newest = state.slots[state.slots.length - 1]?.at ?? now;
    return Math.max(now, newest);
  }
}
