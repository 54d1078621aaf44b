/**
 * What an id is, without zod: the SDK checks ids on every call, and loading the schemas for
 * that alone would cost every short-lived process (a CLI call, an agent's loop) about 100 ms.
 * `idSchema` (schemas/params.ts) is built from the same pattern and messages, and a unit test
 * holds the two to the same verdicts.
 *
 * Ids are strings end to end. IT Glue ids reach 16 digits, past Number.MAX_SAFE_INTEGER, so a
 * number is accepted on input only while it is still exact.
 */
export const ID_PATTERN = /^[1-9]\d{0,19}$/;
export const ID_DIGITS_MESSAGE = 'must be a positive integer id (digits only)';
export const ID_UNSAFE_MESSAGE = 'is too large to be exact as a number; pass the id as a string';

/** The id as a string, or what is wrong with the value. */
export function readId(value: unknown): { id: string } | { problem: string } {
  if (typeof value === 'string')
    return ID_PATTERN.test(value) ? { id: value } : { problem: ID_DIGITS_MESSAGE };
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
    return Number.isSafeInteger(value) ? { id: String(value) } : { problem: ID_UNSAFE_MESSAGE };
  }
  return {
    problem: `${ID_DIGITS_MESSAGE}, got ${value === undefined ? 'nothing' : (JSON.stringify(value) ?? typeof value)}`,
  };
}
