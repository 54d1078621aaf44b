/** Bounds how many requests one client has in flight; the bound may change (in-flight.ts). */
import { RequestAbortedError } from './errors.js';

interface Waiter {
  grant: () => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
}

/** The waiters queued with one signal, and the one listener that rejects them all on abort. */
interface Watch {
  waiters: Set<Waiter>;
  onAbort: () => void;
}

export class Semaphore {
  private available: number;
  private capacity: number;
  private readonly queue: Waiter[] = [];
  // One abort listener per signal, not per queued call: callers share a signal across hundreds
  // of calls (a sync), and a listener each would pile up on it (Node warns past 10).
  private readonly watches = new Map<AbortSignal, Watch>();

  constructor(size: number) {
    this.capacity = size;
    this.available = size;
  }

  get size(): number {
    return this.capacity;
  }

  /** A new bound: more room lets queued requests go now; less takes effect as requests end. */
  resize(size: number): void {
    if (size === this.capacity) return;
    this.available += size - this.capacity;
    this.capacity = size;
    this.drain();
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new RequestAbortedError('The request was aborted');
    if (this.available > 0) {
      this.available--;
      return this.releaser();
    }
    await new Promise<void>((grant, reject) => {
      const waiter: Waiter = { grant, reject, signal };
      this.queue.push(waiter);
      if (signal) this.watch(signal, waiter);
    });
    return this.releaser();
  }

  private watch(signal: AbortSignal, waiter: Waiter): void {
    let watch = this.watches.get(signal);
    if (!watch) {
      const waiters = new Set<Waiter>();
      const onAbort = () => {
        this.watches.delete(signal);
        for (const queued of waiters) {
          const at = this.queue.indexOf(queued);
          if (at >= 0) this.queue.splice(at, 1);
          queued.reject(new RequestAbortedError('The request was aborted while queued'));
        }
      };
      watch = { waiters, onAbort };
      this.watches.set(signal, watch);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    watch.waiters.add(waiter);
  }

  /** A waiter got its slot: it no longer listens, and the last one takes the listener off. */
  private unwatch(waiter: Waiter): void {
    const watch = waiter.signal && this.watches.get(waiter.signal);
    if (!watch || !waiter.signal) return;
    watch.waiters.delete(waiter);
    if (watch.waiters.size === 0) {
      waiter.signal.removeEventListener('abort', watch.onAbort);
      this.watches.delete(waiter.signal);
    }
  }

  /** Hands free slots to the queue, first come first served. */
  private drain(): void {
    while (this.available > 0 && this.queue.length > 0) {
      const next = this.queue.shift() as Waiter;
      this.available--;
      this.unwatch(next);
      next.grant();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.available++;
      this.drain();
    };
  }
}
