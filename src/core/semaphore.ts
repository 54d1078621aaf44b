/** Bounds how many requests one client has in flight (default 4). */
import { RequestAbortedError } from './errors.js';

export class Semaphore {
  private available: number;
  private readonly queue: Array<{ grant: () => void }> = [];

  constructor(readonly size: number) {
    this.available = size;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new RequestAbortedError('The request was aborted');
    if (this.available > 0) {
      this.available--;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const entry = { grant: resolve };
      this.queue.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.queue.indexOf(entry);
          if (at >= 0) {
            this.queue.splice(at, 1);
            reject(new RequestAbortedError('The request was aborted while queued'));
          }
        },
        { once: true },
      );
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next.grant();
      else this.available++;
    };
  }
}
