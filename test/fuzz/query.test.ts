/**
 * Fuzzing the query builder against the other side of the wire: what `buildQuery` writes, the
 * emulator's query parser (written apart from it, as IT Glue's Rails parser is) reads back key
 * for key and value for value, whatever the values hold (commas, backslashes, `&`, `=`, `+`, `%`,
 * `#`, brackets, any Unicode, lone surrogates); and over real HTTP, an organization renamed to any
 * string is found by an exact `filter[name]` on that string, alone or in an OR list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/emulator/http/query.js';
import { buildQuery, type QueryInput, splitFilterValue } from '../../src/jsonapi/query.js';
import { clientFor, useEmulator } from '../helpers/emulator.js';
import { editRecord } from '../workflows/support.js';

const awkward = fc.constantFrom(
  ',',
  '\\',
  '\\,',
  '&',
  '=',
  '+',
  '%',
  '%2C',
  '#',
  '?',
  '[',
  ']',
  ' ',
  '"',
  "'",
);
const surrogate = fc.constantFrom('\uD800', '\uDFFF', '\uDBFF\uDBFF');

/** Any value a caller may pass, including strings JavaScript allows but UTF-8 cannot hold. */
const value = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 4, arbitrary: awkward },
    { weight: 1, arbitrary: surrogate },
  ),
  maxLength: 16,
});

/** What a value becomes on the wire: lone surrogates as U+FFFD, as the URL standard encodes them. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const filterKey = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
const filters = fc.dictionary(
  filterKey,
  // An empty OR list is written like [''] (both are `filter[x]=`), so lists have one value or more.
  fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 4 })),
  { maxKeys: 5 },
);
const extraKey = fc.stringMatching(/^[a-z][a-z_]{0,12}$/).filter((k) => !/^(filter|page|sort)/.test(k));

const input: fc.Arbitrary<QueryInput> = fc.record(
  {
    filter: filters,
    pageNumber: fc.integer({ min: 1, max: 1_000_000 }),
    pageSize: fc.integer({ min: 1, max: 1000 }),
    sort: fc.stringMatching(/^-?[a-z_]{1,12}(,-?[a-z_]{1,12}){0,2}$/),
    extra: fc.dictionary(extraKey, value, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

describe('the query builder against the emulator parser', () => {
  it('writes what the parser reads back: every filter value, page, sort and extra, in any order', () => {
    fc.assert(
      fc.property(input, (query) => {
        const built = buildQuery(query);
        const parsed = parseQuery(built);
        for (const [key, wanted] of Object.entries(query.filter ?? {})) {
          const values = typeof wanted === 'string' ? [wanted] : (wanted as string[]);
          expect(splitFilterValue(parsed.filters.get(key) as string)).toEqual(values.map(wellFormed));
        }
        expect(parsed.filters.size).toBe(Object.keys(query.filter ?? {}).length);
        if (query.pageNumber !== undefined)
          expect(parsed.params.get('page[number]')).toBe(String(query.pageNumber));
        if (query.pageSize !== undefined)
          expect(parsed.params.get('page[size]')).toBe(String(query.pageSize));
        if (query.sort) expect(parsed.params.get('sort')).toBe(query.sort);
        for (const [key, extra] of Object.entries(query.extra ?? {})) {
          expect(parsed.params.get(key)).toBe(wellFormed(extra as string));
        }
        // Only characters that need no escaping in a URL query are left unescaped.
        expect(built).toMatch(/^[A-Za-z0-9_.!~*'()\-%[\]=&]*$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('is deterministic: the same filters in another order give the same string', () => {
    fc.assert(
      fc.property(filters, (filter) => {
        const reversed = Object.fromEntries(Object.entries(filter).reverse());
        expect(buildQuery({ filter: reversed })).toBe(buildQuery({ filter }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('filters over HTTP', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const name = fc
    .string({
      unit: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), awkward),
      minLength: 1,
      maxLength: 24,
    })
    .filter((text) => text.trim() !== '');

  it('finds an organization by any exact name, alone or in an OR list with another', async () => {
    const client = clientFor(emulator.current);
    const [a, b] = ['1009', '1055'];
    await fc.assert(
      fc.asyncProperty(name, name, async (first, second) => {
        fc.pre(first !== second);
        await editRecord(emulator.current, emulator.current.apiKey, 'organizations', a, { name: first });
        await editRecord(emulator.current, emulator.current.apiKey, 'organizations', b, { name: second });
        const alone = await client.organizations.list({ filter: { name: first } }).toArray();
        expect(alone.map((org) => org.id)).toEqual([a]);
        const both = await client.organizations.list({ filter: { name: [second, first] } }).toArray();
        expect(both.map((org) => org.id).sort()).toEqual([a, b]);
      }),
      { numRuns: 80 },
    );
  });
});
