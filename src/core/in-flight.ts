/**
 * How many requests a client keeps in flight when the caller does not say (`concurrency`).
 *
 * The budget, not a small fixed number, should set the pace. To start requests at the budget's
 * rate when each takes `latency`, Little's law says rate × latency must be in flight: 3000 per
 * 5 minutes is 10 a second, so 1.5 at 150 ms and 15 at 1.5 s (IT Glue's writes and 1000-record
 * pages are often that slow). The client measures latency as it goes and keeps twice that in
 * flight, so round trips never pace a long job, but never fewer than 8, so a job that fits in a
 * fresh window (up to 3000 requests at once) is not held to a trickle while the window has room,
 * and never more than 64, which no single IT Glue client needs and which would only queue.
 */
import type { RateWindow } from './rate-store.js';
import type { Semaphore } from './semaphore.js';

export const IN_FLIGHT_FLOOR = 8;
export const IN_FLIGHT_CEILING = 64;
/** Weight of the newest latency in the running average. */
const SMOOTHING = 0.2;

/** Requests in flight that keep twice the budget's pace at this latency, within the bounds. */
export function inFlightFor(window: RateWindow, latencyMs: number): number {
  const pace = (window.limit / window.windowMs) * latencyMs;
  return Math.min(IN_FLIGHT_CEILING, Math.max(IN_FLIGHT_FLOOR, Math.ceil(2 * pace)));
}

/** Resizes a client's semaphore from the latency it measures. */
export class AdaptiveInFlight {
  private latencyMs: number | undefined;

  constructor(
    private readonly semaphore: Semaphore,
    private readonly window: RateWindow,
  ) {}

  observe(latencyMs: number): void {
    this.latencyMs =
      this.latencyMs === undefined ? latencyMs : this.latencyMs + SMOOTHING * (latencyMs - this.latencyMs);
    this.semaphore.resize(inFlightFor(this.window, this.latencyMs));
  }
}
