/**
 * The SDK checks ids without zod (src/spec/ids.ts) so a call needs no schemas; `idSchema` checks
 * them with zod for the MCP tools and request bodies. Both must give the same verdict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readId } from '../../src/spec/ids.js';
import { idSchema } from '../../src/spec/schemas/params.js';

const candidates = fc.oneof(
  fc.stringMatching(/^[0-9]{1,22}$/),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 53, 2 ** 53 - 1, 1.5, Number.NaN, null, undefined, true, {}, [], '007'),
);

describe('readId and idSchema', () => {
  it('agree on every value', () => {
    fc.assert(
      fc.property(candidates, (value) => {
        const plain = readId(value);
        const zod = idSchema.safeParse(value);
        expect('id' in plain).toBe(zod.success);
        if ('id' in plain && zod.success) expect(plain.id).toBe(zod.data);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps ids past 2^53 exact as strings and refuses them as numbers', () => {
    expect(readId('9007199254740993')).toEqual({ id: '9007199254740993' });
    expect(readId(2 ** 53 + 2)).toEqual({ problem: expect.stringMatching(/too large to be exact/) });
    expect(readId('12a')).toEqual({ problem: expect.stringMatching(/positive integer id/) });
  });
});
