/**
 * Fault injection for API routes: latency, 5xx answers that commit nothing, connection resets
 * before anything is committed, lost responses after a write was committed, and a burst of 429s.
 * Every decision comes from a seeded PRNG, and every request draws the same number of values, so
 * one configuration and one request order always give the same faults.
 */
import type { ServerErrorKind } from '../support/api-errors.js';
import { createRandom, type Random } from '../support/prng.js';

export interface FaultConfig {
  /** Fixed delay before handling, in milliseconds. */
  latencyMs: number;
  /** Extra uniform delay in [0, jitterMs). */
  jitterMs: number;
  /** Fraction of requests answered 500, 502 (HTML gateway page) or 503, with nothing committed. */
  errorRate: number;
  /** Fraction of requests whose connection is destroyed with no response and nothing committed. */
  resetRate: number;
  /** Fraction of writes (POST/PATCH) committed, then their connection destroyed before any byte. */
  lostResponseRate: number;
  /** The next N API requests get 429. Reading the config shows how many are left. */
  rateLimitBurst: number;
  /** Retry-After of those 429s, in seconds; null sends none. */
  burstRetryAfterSeconds: number | null;
  /** PRNG seed; setting it restarts the sequence. */
  seed: number;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  resetRate: 0,
  lostResponseRate: 0,
  rateLimitBurst: 0,
  burstRetryAfterSeconds: 1,
  seed: 1,
};

export class FaultConfigError extends Error {
  override name = 'FaultConfigError';
}

/** What happens to one request. */
export interface FaultRoll {
  delayMs: number;
  reset: boolean;
  serverError: ServerErrorKind | null;
  /** Applies to writes only. */
  loseResponse: boolean;
}

const RATES = ['errorRate', 'resetRate', 'lostResponseRate'] as const;
const DURATIONS = ['latencyMs', 'jitterMs', 'rateLimitBurst'] as const;
const SERVER_ERRORS: readonly ServerErrorKind[] = [500, 502, 503];

function checked(partial: Partial<FaultConfig>): Partial<FaultConfig> {
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in NO_FAULTS)) throw new FaultConfigError(`unknown fault setting "${key}"`);
    if (key === 'burstRetryAfterSeconds' && value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new FaultConfigError(`${key} must be a number of 0 or more`);
    }
  }
  for (const key of RATES) {
    const rate = partial[key];
    if (rate !== undefined && rate > 1) throw new FaultConfigError(`${key} must be between 0 and 1`);
  }
  for (const key of DURATIONS) {
    const value = partial[key];
    if (value !== undefined && !Number.isInteger(value))
      throw new FaultConfigError(`${key} must be an integer`);
  }
  return partial;
}

export class FaultInjector {
  #config: FaultConfig;
  #random: Random;

  constructor(initial: Partial<FaultConfig> = {}) {
    this.#config = { ...NO_FAULTS, ...checked(initial) };
    this.#random = createRandom(this.#config.seed);
  }

  config(): FaultConfig {
    return { ...this.#config };
  }

  /** Partial update; throws FaultConfigError for a bad value (nothing is changed then). */
  update(partial: Partial<FaultConfig>): FaultConfig {
    this.#config = { ...this.#config, ...checked(partial) };
    if (partial.seed !== undefined) this.#random = createRandom(this.#config.seed);
    return this.config();
  }

  /** Draws this request's faults: always four values, so changing one rate never shifts the others. */
  roll(): FaultRoll {
    const { latencyMs, jitterMs, errorRate, resetRate, lostResponseRate } = this.#config;
    const jitter = this.#random();
    const reset = this.#random();
    const error = this.#random();
    const lost = this.#random();
    return {
      delayMs: latencyMs + Math.floor(jitter * jitterMs),
      reset: reset < resetRate,
      // The same draw picks which 5xx, so the mix stays reproducible.
      serverError:
        error < errorRate
          ? (SERVER_ERRORS[Math.floor((error / errorRate) * SERVER_ERRORS.length)] ?? 500)
          : null,
      loseResponse: lost < lostResponseRate,
    };
  }

  /** Takes one 429 of the burst; returns its Retry-After (null: no header), or false when none is left. */
  takeBurst(): number | null | false {
    if (this.#config.rateLimitBurst <= 0) return false;
    this.#config.rateLimitBurst -= 1;
    return this.#config.burstRetryAfterSeconds;
  }
}
