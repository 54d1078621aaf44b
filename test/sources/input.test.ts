/**
 * Getting text out of a source file: the size limit (refused before reading), strict UTF-8 with
 * or without a BOM, the line of the first bad byte, UTF-16 and NUL detection, unreadable paths.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceInputError } from '../../src/sources/errors.js';
import {
  DEFAULT_MAX_BYTES,
  decodeSourceBytes,
  readSourceText,
  sourceTextFromString,
} from '../../src/sources/input.js';
import { firstInvalidUtf8, lineAtByte } from '../../src/sources/utf8.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));
const bytes = (...values: number[]) => Uint8Array.from(values);

async function rejection(promise: Promise<unknown>): Promise<SourceInputError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SourceInputError);
  return error as SourceInputError;
}

function thrown(action: () => unknown): SourceInputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceInputError);
    return error as SourceInputError;
  }
  throw new Error('expected a SourceInputError');
}

describe('reading source text', () => {
  it('decodes UTF-8 with and without a BOM to the same text', () => {
    const plain = new TextEncoder().encode('name\nZoë\n');
    expect(decodeSourceBytes(plain, 'a.csv')).toBe('name\nZoë\n');
    expect(decodeSourceBytes(bytes(0xef, 0xbb, 0xbf, ...plain), 'a.csv')).toBe('name\nZoë\n');
  });

  it('names the line of an ANSI (Windows-1252) byte and says how to fix it', async () => {
    const error = await rejection(readSourceText(join(FIXTURES, 'contacts-ansi.csv')));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/contacts-ansi\.csv:3: the file is not valid UTF-8 \(byte 0xE9\)/);
    expect(error.fix).toMatch(/CSV UTF-8/);
  });

  it('recognizes UTF-16 (Excel "Unicode text") by its BOM', async () => {
    const error = await rejection(readSourceText(join(FIXTURES, 'contacts-utf16.txt')));
    expect(error.message).toMatch(/:1: the file is UTF-16/);
  });

  it('refuses a NUL character, naming its line', () => {
    const error = thrown(() => decodeSourceBytes(new TextEncoder().encode('a\nb\u0000c\n'), 'x.csv'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/NUL character/);
  });

  it('refuses a file over the limit before reading it, with sizes and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gluekit-sources-'));
    const path = join(dir, 'big.csv');
    writeFileSync(path, 'email\n'.padEnd(2048, 'x'));
    const error = await rejection(readSourceText(path, { maxBytes: 1024 }));
    expect(error.line).toBeUndefined();
    expect(error.message).toBe(
      `${path}: the file is 2.0 KB (2048 bytes), over the 1.0 KB limit for source files. Split it into smaller files, or raise the limit (maxBytes) if the file really is that large.`,
    );
    await expect(readSourceText(path, { maxBytes: 4096 })).resolves.toHaveLength(2048);
    expect(DEFAULT_MAX_BYTES).toBe(50 * 1024 * 1024);
  });

  it('applies the same limit to text in memory, counting UTF-8 bytes', () => {
    expect(() => sourceTextFromString('ééé', 'inline', { maxBytes: 5 })).toThrow(/6 bytes/);
    expect(sourceTextFromString('\uFEFFéé', 'inline', { maxBytes: 10 })).toBe('éé');
  });

  it('says which file cannot be read and why', async () => {
    const error = await rejection(readSourceText(join(FIXTURES, 'no-such-file.csv')));
    expect(error.message).toMatch(
      /no-such-file\.csv: cannot read the file \(no such file\)\. Check the path/,
    );
    const directory = await rejection(readSourceText(FIXTURES));
    expect(directory.message).toMatch(/this is not a file/);
  });
});

describe('UTF-8 validation', () => {
  it('finds the first invalid sequence: overlong, surrogate, too large, truncated', () => {
    expect(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0); // past U+10FFFF
    expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x82))).toBe(2); // cut short
    expect(firstInvalidUtf8(new TextEncoder().encode('Zoë 𝄞'))).toBe(-1);
  });

  it('agrees with the strict TextDecoder on every byte string, and everything before the offset is valid', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const valid = (input: Uint8Array) => {
      try {
        strict.decode(input);
        return true;
      } catch {
        return false;
      }
    };
    const utf8ish = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc
        .array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff })), {
          maxLength: 40,
        })
        .map((values) => Uint8Array.from(values)),
      fc.string({ unit: 'grapheme', maxLength: 10 }).map((text) => new TextEncoder().encode(text)),
    );
    fc.assert(
      fc.property(utf8ish, (input) => {
        const offset = firstInvalidUtf8(input);
        expect(offset === -1).toBe(valid(input));
        if (offset !== -1) expect(valid(input.subarray(0, offset))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts lines the way the CSV parser does (CRLF once, a lone CR as a break)', () => {
    expect(lineAtByte(bytes(0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x63, 0x0a, 0x64), 7)).toBe(4);
  });
});
