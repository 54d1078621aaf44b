/**
 * Ids are strings of digits everywhere in the emulator. IT Glue ids reach 16 digits, past
 * Number.MAX_SAFE_INTEGER, so they are never turned into numbers: ordering compares length first,
 * then the digits.
 */

const ID_PATTERN = /^[1-9]\d{0,19}$/;

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** Numeric order of two id strings without converting them to numbers. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An id from a request body: a JSON number that is still exact, or a string of digits (our lossless
 * parser hands back numbers above 2^53 as digit strings). Anything else is not an id.
 */
export function readId(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  }
  if (typeof value === 'string' && isId(value.trim())) return value.trim();
  return undefined;
}

/** `base + offset` for ids of any size. */
export function offsetId(base: string, offset: number): string {
  return (BigInt(base) + BigInt(offset)).toString();
}
