/**
 * One redaction policy for the whole toolkit: the API key never appears anywhere, and secret
 * attribute values (`password`, `otpSecret`; see src/spec/secrets.ts) are masked in logs, errors,
 * dry-runs and `util.inspect`. The key is identified by a fingerprint, never by any of its
 * characters.
 */
import { isSecretKey, REDACTED } from '../spec/secrets.js';
import { sha256Hex } from './sha256.js';

export { REDACTED };

/** A short, stable, one-way identifier for a key: `sha256:1a2b3c4d5e6f`. */
export function keyFingerprint(apiKey: string): string {
  return `sha256:${sha256Hex(apiKey).slice(0, 12)}`;
}

/** A deep copy with every secret attribute value replaced by `[redacted]`. */
export function redactSecrets<T>(value: T): T {
  return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (isSecretKey(key) && inner !== null && inner !== undefined && inner !== '') out[key] = REDACTED;
    else out[key] = redactValue(inner);
  }
  return out;
}

/** Replaces every occurrence of each secret string in a text (for messages built from outside input). */
export function scrubText(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Gives a record a `util.inspect` that shows secrets as `[redacted]`, through a shared prototype.
 * The values stay readable as properties: reading `record.password` is how a caller reveals one.
 * Only records that hold a secret (a revealed password) get it; the rest stay plain objects.
 */
const REDACTED_INSPECT_PROTOTYPE: object = Object.freeze({
  [INSPECT](
    this: object,
    depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ) {
    return inspect(redactSecrets({ ...this }), { ...options, depth: depth < 0 ? null : depth });
  },
});

export function withRedactedInspect<T extends object>(record: T): T {
  Object.setPrototypeOf(record, REDACTED_INSPECT_PROTOTYPE);
  return record;
}

/**
 * Scrubs an error in place, and returns it: its message, its stack, the server's error details it
 * carries (`errors[]`) and, the same way, every error in its `cause` chain. For errors that may
 * hold text from outside (a server's answer, Node's own messages) on their way to the caller.
 */
export function scrubError<E>(error: E, secrets: readonly string[], seen = new Set<unknown>()): E {
  if (typeof error !== 'object' || error === null || seen.has(error)) return error;
  seen.add(error);
  const target = error as Record<string, unknown>;
  for (const key of ['message', 'stack'] as const) {
    const value = target[key];
    if (typeof value === 'string') {
      const clean = scrubText(value, secrets);
      if (clean !== value) target[key] = clean;
    }
  }
  const details = target.errors;
  if (Array.isArray(details)) {
    for (const detail of details) {
      if (typeof detail !== 'object' || detail === null || Object.isFrozen(detail)) continue;
      for (const [key, value] of Object.entries(detail)) {
        if (typeof value === 'string') (detail as Record<string, unknown>)[key] = scrubText(value, secrets);
      }
    }
  }
  if ('cause' in target) scrubError(target.cause, secrets, seen);
  return error;
}
