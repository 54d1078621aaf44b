/**
 * JSON sources: arrays, API wrappers (`value`, `devices`), a single record, and the line each
 * record starts on, found by a second scan that must agree with JSON.parse on any document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceInputError } from '../../src/sources/errors.js';
import { looksLikeJson, parseJsonRecords } from '../../src/sources/json.js';
import { findJsonSyntaxError } from '../../src/sources/json-syntax.js';

const lines = (text: string) => parseJsonRecords(text, 'x.json').records.map((record) => record.line);

describe('JSON records', () => {
  it('gives each element of a top-level array the line it starts on', () => {
    expect(lines('[\n  {"a": "[{,}]"},\n\n  {"b": "quote \\" ]"},\n  3\n]')).toEqual([2, 4, 5]);
  });

  it('finds the list inside a Graph or Datto wrapper, after other keys', () => {
    const graph = '{\n  "@odata.context": "x",\n  "value": [\n    {"id": 1},\n    {"id": 2}\n  ]\n}';
    expect(parseJsonRecords(graph, 'g.json')).toEqual({
      wrapper: 'value',
      records: [
        { line: 4, value: { id: 1 } },
        { line: 5, value: { id: 2 } },
      ],
    });
    const datto = '{"pageDetails": {"devices": "not this", "count": 1},\n "devices": [\n  {"uid": "a"}]}';
    expect(parseJsonRecords(datto, 'd.json').records).toEqual([{ line: 3, value: { uid: 'a' } }]);
  });

  it('reads a single object as one record', () => {
    expect(parseJsonRecords('\n\n{"systemName": "PC1"}\n', 's.json').records).toEqual([
      { line: 3, value: { systemName: 'PC1' } },
    ]);
  });

  it('keeps integers too large for a double as digit strings', () => {
    expect(parseJsonRecords('[{"serial": 98765432109876543210}]', 'x.json').records[0]?.value).toEqual({
      serial: '98765432109876543210',
    });
  });

  it('names the line of a syntax error, and refuses a bare value', () => {
    expect(() => parseJsonRecords('[\n  {"a": 1},\n  {"a": 2\n]', 'x.json')).toThrow(
      /^x\.json:4: the file is not valid JSON/,
    );
    expect(() => parseJsonRecords('"just a string"', 'x.json')).toThrow(
      /x\.json:1: the JSON is a single value, not a list of records/,
    );
  });

  it('tells JSON from CSV by the first non-blank character', () => {
    expect(looksLikeJson('\uFEFF  [')).toBe(true);
    expect(looksLikeJson('\n{"a":1}')).toBe(true);
    expect(looksLikeJson('email,name')).toBe(false);
    expect(looksLikeJson('"[quoted header]",b')).toBe(false);
  });

  it('finds the start line of every element of any pretty-printed array', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.jsonValue(), fc.nat(2), fc.boolean()), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        (elements, newline) => {
          let text = `[${newline}`;
          let line = 2;
          const expected: number[] = [];
          elements.forEach(([value, blankLines, pretty], index) => {
            text += newline.repeat(blankLines);
            line += blankLines;
            expected.push(line);
            const written = JSON.stringify(value, null, pretty ? 2 : undefined).replaceAll('\n', newline);
            text += written + (index < elements.length - 1 ? ',' : '') + newline;
            line += (written.match(/\n/g) ?? []).length + 1;
          });
          text += ']';
          expect(lines(text)).toEqual(expected);
        },
      ),
    );
  });

  it('never crashes on arbitrary text: records, or a SourceInputError with a line', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', ',', ':', '\\', '1', 'a', '\n') }),
        ),
        (text) => {
          try {
            for (const record of parseJsonRecords(text, 'x.json').records)
              expect(record.line).toBeGreaterThanOrEqual(1);
          } catch (error) {
            expect(error).toBeInstanceOf(SourceInputError);
            expect((error as SourceInputError).line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('JSON syntax errors', () => {
  it('are described in our own words, at the right line, without quoting the document', () => {
    const cases: Array<[string, number, string]> = [
      ['[\n  {"a": 1},\n  {"a": hunter2}\n]', 3, 'unexpected "h" where a value belongs'],
      ['[\n  {"a": 1,}\n]', 2, 'unexpected "}" where a quoted key belongs'],
      ['[\n  {"a": "open\n]', 2, 'a line break or control character inside a string'],
      ['[\n  {"a": "never closed', 2, 'a string starts here and is never closed'],
      ['[1, 2\n', 2, 'the file ends too early'],
      ['{"a" 1}', 1, 'unexpected "1" where ":" belongs'],
      ['[1] [2]', 1, 'unexpected "[" after the end of the JSON'],
      ['["\\x"]', 1, 'a bad escape (\\) inside a string'],
    ];
    for (const [text, line, message] of cases) {
      let error: SourceInputError | undefined;
      try {
        parseJsonRecords(text, 'x.json');
      } catch (caught) {
        error = caught as SourceInputError;
      }
      expect(error, text).toBeInstanceOf(SourceInputError);
      expect(error?.line, text).toBe(line);
      expect(error?.message, text).toBe(
        `x.json:${line}: the file is not valid JSON: ${message}. Fix the JSON syntax (a validator such as \`jq . FILE\` shows where).`,
      );
      expect(error?.message).not.toContain('hunter2');
    }
  });

  it('the scanner agrees with JSON.parse on what is valid', () => {
    const nearJson = fc.oneof(
      fc.json(),
      fc
        .json()
        .chain((json) =>
          fc
            .nat(json.length)
            .chain((at) =>
              fc
                .constantFrom('', ',', '"', '}', ']', '\\', 'x', '\n', '-', '0')
                .map((junk) => json.slice(0, at) + junk + json.slice(at + 1)),
            ),
        ),
      fc.string({
        unit: fc.constantFrom(
          '[',
          ']',
          '{',
          '}',
          '"',
          ',',
          ':',
          '\\',
          '1',
          '-',
          '.',
          'e',
          't',
          'n',
          ' ',
          'u',
        ),
      }),
    );
    fc.assert(
      fc.property(nearJson, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(valid);
      }),
      { numRuns: 5000 },
    );
  });

  it('does not overflow on deep nesting', () => {
    expect(findJsonSyntaxError('['.repeat(200_000))).toEqual({
      offset: 200_000,
      message: 'the file ends too early',
    });
  });
});
