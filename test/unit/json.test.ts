import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson, stringifyJsonApi } from '../../src/jsonapi/json.js';

describe('parseJson', () => {
  it('keeps integers above 2^53 exact, as strings', () => {
    const parsed = parseJson(
      '{"organization-id":9007199254740993,"big":-12345678901234567890,"small":42}',
    ) as Record<string, unknown>;
    expect(parsed['organization-id']).toBe('9007199254740993');
    expect(parsed.big).toBe('-12345678901234567890');
    expect(parsed.small).toBe(42);
  });

  it('leaves safe 16-digit integers, floats and exponents as numbers', () => {
    const parsed = parseJson(
      '[9007199254740991,1234567890123456.5,1.2345678901234567e+25,0.12345678901234567]',
    ) as unknown[];
    expect(parsed).toEqual(
      JSON.parse('[9007199254740991,1234567890123456.5,1.2345678901234567e+25,0.12345678901234567]'),
    );
  });

  it('never touches digits inside strings, escaped quotes included', () => {
    const note = 'id 9007199254740993, "quoted" \\" 12345678901234567890';
    const text = `{"note":${JSON.stringify(note)},"n":9007199254740993}`;
    const parsed = parseJson(text) as Record<string, unknown>;
    expect(parsed.note).toBe('id 9007199254740993, "quoted" \\" 12345678901234567890');
    expect(parsed.n).toBe('9007199254740993'); // …and parseJson keeps the exact one.
  });

  it('decides each long digit run by its context: member value, string, array element', () => {
    expect(parseJson('{"a":"x: 12345678901234567890","b": -9007199254740993 }')).toEqual({
      a: 'x: 12345678901234567890',
      b: '-9007199254740993',
    });
    // A colon after an escaped quote is inside a string.
    expect(parseJson('{"a":"k\\": 12345678901234567890"}')).toEqual({ a: 'k": 12345678901234567890' });
    // Array elements take the full scan, which gets them right too.
    expect(parseJson('{"ids":[9007199254740993, 1],"s":"[9007199254740993]"}')).toEqual({
      ids: ['9007199254740993', 1],
      s: '[9007199254740993]',
    });
    expect(parseJson('9007199254740993')).toBe('9007199254740993');
  });

  it('still reports malformed JSON', () => {
    expect(() => parseJson('{"a":12345678901234567890')).toThrow(SyntaxError);
    expect(() => parseJson('{"a":"unterminated 12345678901234567890')).toThrow(SyntaxError);
  });

  type Tree = { big: string } | string | number | boolean | null | Tree[] | { [key: string]: Tree };
  const bigInteger = fc.bigInt({ min: 2n ** 53n + 1n, max: 10n ** 22n }).map((n) => ({ big: n.toString() }));
  const { tree } = fc.letrec<{ tree: Tree }>((self) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      fc.string({ unit: 'binary' }),
      fc.stringMatching(/^[0-9",\\:]{0,40}$/),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.boolean(),
      fc.constant(null),
      bigInteger,
      fc.array(self('tree'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), self('tree'), { maxKeys: 4 }),
    ),
  }));

  // Writes a tree as JSON with big integers as raw number literals, the way IT Glue sends ids.
  const write = (value: Tree): string => {
    if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      if ('big' in value && typeof value.big === 'string' && Object.keys(value).length === 1)
        return value.big;
      return `{${Object.entries(value)
        .map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`)
        .join(',')}}`;
    }
    return JSON.stringify(value);
  };
  const expected = (value: Tree): unknown => {
    if (Array.isArray(value)) return value.map(expected);
    if (value !== null && typeof value === 'object') {
      if ('big' in value && typeof value.big === 'string' && Object.keys(value).length === 1)
        return value.big;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expected(v)]));
    }
    return Object.is(value, -0) ? 0 : value;
  };

  it('parses any JSON like JSON.parse, except that big integers come back as exact strings', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(parseJson(write(value))).toEqual(expected(value));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('stringifyJsonApi', () => {
  it('writes *-id attributes held as strings as exact JSON numbers, and leaves data.id a string', () => {
    const text = stringifyJsonApi({
      data: {
        type: 'contacts',
        id: '9007199254740993',
        attributes: { 'organization-id': '9007199254740993', contact_type_id: '7', name: '12' },
      },
    });
    expect(text).toBe(
      '{"data":{"type":"contacts","id":"9007199254740993","attributes":{"organization-id":9007199254740993,"contact_type_id":7,"name":"12"}}}',
    );
  });

  it('does not rewrite look-alikes inside string values', () => {
    const hostile = '"organization-id":"123" and \\"location-id\\":\\"5\\"';
    const text = stringifyJsonApi({ data: { type: 'contacts', attributes: { notes: hostile } } });
    expect((JSON.parse(text) as { data: { attributes: { notes: string } } }).data.attributes.notes).toBe(
      hostile,
    );
  });
});
