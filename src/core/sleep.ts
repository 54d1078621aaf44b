import { RequestAbortedError } from './errors.js';

/**
 * The waits of one request (backoff before a retry, a 429's pause), all under one abort listener
 * on the caller's signal. A job shares one signal across hundreds of requests, each of which may
 * wait several times: one listener per wait would be added and removed again and again, and one
 * left behind would pile up on the signal. The listener is added on the first wait and taken
 * off by `done()`, when the request ends.
 */
export class Waits {
  private pending: { timer: NodeJS.Timeout; reject: (error: Error) => void } | undefined;
  private listening = false;

  constructor(private readonly signal: AbortSignal | undefined) {}

  /** Waits `ms`, or rejects as soon as the signal aborts. */
  sleep(ms: number): Promise<void> {
    const signal = this.signal;
    if (signal?.aborted) return Promise.reject(new RequestAbortedError('The request was aborted'));
    if (signal && !this.listening) {
      signal.addEventListener('abort', this.onAbort, { once: true });
      this.listening = true;
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve();
      }, ms);
      this.pending = { timer, reject };
    });
  }

  /** The request has ended: the listener comes off (and a wait still running, if any, ends). */
  done(): void {
    if (this.listening) this.signal?.removeEventListener('abort', this.onAbort);
    this.listening = false;
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private readonly onAbort = (): void => {
    this.listening = false;
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.reject(new RequestAbortedError('The request was aborted'));
  };
}
