/** Bounds how many requests one client has in flight; the bound may change (in-flight.ts). */
import { RequestAbortedError } from './errors.js';

export class Semaphore {
  private available: number;
  private capacity: number;
  private readonly queue: Array<{ grant: () => void }> = [];

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
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.queue.indexOf(entry);
        if (at >= 0) {
          this.queue.splice(at, 1);
          reject(new RequestAbortedError('The request was aborted while queued'));
        }
      };
      // Granted requests take their listener with them: one signal serves many requests.
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.queue.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return this.releaser();
  }

  private drain(): void {
    while (this.available > 0 && this.queue.length > 0) {
      this.available--;
      this.queue.shift()?.grant();
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
