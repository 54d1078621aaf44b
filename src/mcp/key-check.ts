/**
 * Which keys may open an HTTP session: only a key IT Glue accepted. Without the check any string
 * in `x-api-key` opened one, and junk sessions crowded out real keys. The check is one cheap
 * request (a one-record list) made with the key itself; the answer is remembered by the key's
 * fingerprint (never the key), so a client that opens many sessions costs IT Glue one request
 * per `acceptedForMs`. Callers presenting the same key at once share one check.
 */
import { AuthenticationError } from '../core/errors.js';
import type { Refusal } from './http-guard.js';

export interface KeyCheckOptions {
  /** Resolves when IT Glue accepts the key; rejects with AuthenticationError when it does not. */
  probe: (apiKey: string) => Promise<void>;
  /** How long an accepted key stays accepted (default 15 minutes). */
  acceptedForMs?: number | undefined;
  /** How long a refused key stays refused without asking again (default 1 minute). */
  refusedForMs?: number | undefined;
  /** Fingerprints remembered at most (default 10 000); the oldest are forgotten first. */
  maxRemembered?: number | undefined;
  now?: () => number;
}

interface Verdict {
  accepted: boolean;
  until: number;
}

export class KeyCheck {
  readonly #options: KeyCheckOptions;
  readonly #verdicts = new Map<string, Verdict>();
  readonly #pending = new Map<string, Promise<Refusal | undefined>>();

  constructor(options: KeyCheckOptions) {
    this.#options = options;
  }

  /** Undefined when the key may open a session; otherwise the refusal to send. */
  async check(apiKey: string, fingerprint: string): Promise<Refusal | undefined> {
    const now = (this.#options.now ?? Date.now)();
    const known = this.#verdicts.get(fingerprint);
    if (known && known.until > now) return known.accepted ? undefined : REFUSED;
    const pending = this.#pending.get(fingerprint);
    if (pending) return pending;
    const asking = this.#ask(apiKey, fingerprint).finally(() => this.#pending.delete(fingerprint));
    this.#pending.set(fingerprint, asking);
    return asking;
  }

  async #ask(apiKey: string, fingerprint: string): Promise<Refusal | undefined> {
    try {
      await this.#options.probe(apiKey);
      this.#remember(fingerprint, true, this.#options.acceptedForMs ?? 15 * 60_000);
      return undefined;
    } catch (error) {
      if (error instanceof AuthenticationError) {
        this.#remember(fingerprint, false, this.#options.refusedForMs ?? 60_000);
        return REFUSED;
      }
      // IT Glue could not say (down, rate-limited, unreachable): refuse now, remember nothing.
      return {
        status: 503,
        message: `Could not check this x-api-key with IT Glue (${error instanceof Error ? error.name : 'Error'}); try again shortly.`,
        headers: { 'retry-after': '5' },
      };
    }
  }

  #remember(fingerprint: string, accepted: boolean, forMs: number): void {
    const now = (this.#options.now ?? Date.now)();
    this.#verdicts.delete(fingerprint);
    this.#verdicts.set(fingerprint, { accepted, until: now + forMs });
    const max = this.#options.maxRemembered ?? 10_000;
    for (const oldest of this.#verdicts.keys()) {
      if (this.#verdicts.size <= max) break;
      this.#verdicts.delete(oldest);
    }
  }
}

const REFUSED: Refusal = {
  status: 401,
  message:
    'IT Glue did not accept this x-api-key (or it belongs to another region than this server serves), so no session was opened.',
};
