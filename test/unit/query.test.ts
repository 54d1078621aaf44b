import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildQuery, joinFilterValues, splitFilterValue } from '../../src/jsonapi/query.js';

describe('the query builder', () => {
  it('writes filters sorted by key, then page, then sort, with literal brackets', () => {
    const query = buildQuery({
      filter: { organization_id: ['2', '9007199254740993'], name: 'Happy Frog' },
      pageNumber: 2,
      pageSize: 1000,
      sort: '-updated_at',
      extra: { show_password: 'false' },
    });
    expect(query).toBe(
      'filter[name]=Happy%20Frog&filter[organization_id]=2%2C9007199254740993&page[number]=2&page[size]=1000&sort=-updated_at&show_password=false',
    );
  });

  it('escapes a literal comma, so "Kub, Reynolds and Gibson" is one value', () => {
    expect(joinFilterValues('Kub, Reynolds and Gibson')).toBe('Kub\\, Reynolds and Gibson');
    expect(buildQuery({ filter: { name: 'Kub, Reynolds' } })).toBe('filter[name]=Kub%5C%2C%20Reynolds');
  });

  it('leaves out undefined values', () => {
    expect(buildQuery({ filter: { name: undefined }, sort: '', extra: { a: undefined } })).toBe('');
  });

  it('splitFilterValue undoes joinFilterValues for any list of values', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (values) => {
        expect(splitFilterValue(joinFilterValues(values))).toEqual(values);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips through URL encoding and decoding', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z_]{1,12}$/), fc.string({ unit: 'binary', minLength: 1 }), {
          maxKeys: 4,
        }),
        (filter) => {
          const params = new URLSearchParams(buildQuery({ filter }));
          for (const [key, value] of Object.entries(filter)) {
            expect(splitFilterValue(params.get(`filter[${key}]`) as string)).toEqual([value]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
