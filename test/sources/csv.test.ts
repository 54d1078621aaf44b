/**
 * The CSV parser: RFC 4180 quoting, line numbers, delimiters, and the two properties that matter
 * most — whatever a correct writer writes comes back cell for cell, and no input, however broken,
 * does anything but parse or throw a SourceInputError that names a line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvDelimiter, CsvReader, detectDelimiter, parseCsv } from '../../src/sources/csv.js';
import { SourceInputError } from '../../src/sources/errors.js';
import { decodeSourceBytes } from '../../src/sources/input.js';

const parse = (text: string, delimiter?: CsvDelimiter) =>
  parseCsv(text, { file: 'test.csv', delimiter }).records;
const cells = (text: string, delimiter?: CsvDelimiter) =>
  parse(text, delimiter).map((record) => record.cells);

function errorOf(action: () => unknown): SourceInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof SourceInputError) return error;
    throw error;
  }
  throw new Error('expected a SourceInputError');
}

/** A writer of our own for the round trip: quotes a cell only when it must. */
function writeCsv(
  records: readonly string[][],
  delimiter: string,
  newline: string,
): { text: string; starts: number[] } {
  const needsQuotes = (cell: string) => /[",;\t\r\n]/.test(cell);
  const quote = (cell: string) => (needsQuotes(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  let text = '';
  const starts: number[] = [];
  for (const record of records) {
    starts.push(text.length);
    text += record.map(quote).join(delimiter) + newline;
  }
  return { text, starts };
}

/** Lines before `offset`, counted independently of the parser: CRLF, LF or a lone CR each end one. */
function lineAt(text: string, offset: number): number {
  return (text.slice(0, offset).match(/\r\n|\r|\n/g) ?? []).length + 1;
}

describe('CSV parser', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = 'name,notes\n"Lovelace, Ada","She said ""hi""\nand left"\nTuring,plain\n';
    expect(cells(text)).toEqual([
      ['name', 'notes'],
      ['Lovelace, Ada', 'She said "hi"\nand left'],
      ['Turing', 'plain'],
    ]);
  });

  it('gives each record the physical line it starts on, with CRLF, LF and lone CR', () => {
    const text = 'a,b\r\n"x\r\ny",1\r\nz,2\rw,3\n\nv,4';
    expect(parse(text).map((record) => [record.line, record.cells[0]])).toEqual([
      [1, 'a'],
      [2, 'x\r\ny'],
      [4, 'z'],
      [5, 'w'],
      [7, 'v'],
    ]);
  });

  it('keeps cells as text: formulas, spaces and leading zeros are not touched', () => {
    expect(cells('a,b,c,d\n=1+3, padded ,007,@SUM(A1)\n')[1]).toEqual([
      '=1+3',
      ' padded ',
      '007',
      '@SUM(A1)',
    ]);
  });

  it('keeps a quote inside an unquoted cell as written', () => {
    expect(cells('size,desc\n12,24" rack\n')[1]).toEqual(['12', '24" rack']);
  });

  it('reads empty cells, a trailing delimiter and a line of delimiters only', () => {
    expect(cells('a,b,c\n,,\n1,,\n2,3,\n')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['1', '', ''],
      ['2', '3', ''],
    ]);
  });

  it('strips a UTF-8 BOM from the first header', () => {
    expect(cells('\uFEFFemail,name\nx@y.example,X\n')[0]).toEqual(['email', 'name']);
  });

  it('detects comma, semicolon and tab from the header line, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,2,3,4,5\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"x,y,z";b\n')).toBe(';');
    expect(detectDelimiter('email\n')).toBe(',');
  });

  it('honours the "sep=;" line Excel writes, and counts it as line 1', () => {
    const records = parse('sep=;\r\na;b\r\n1,5;2\r\n');
    expect(records.map((record) => [record.line, record.cells])).toEqual([
      [2, ['a', 'b']],
      [3, ['1,5', '2']],
    ]);
  });

  it('names the line where an unterminated quote began', () => {
    const error = errorOf(() => parse('a,b\n1,2\n3,"never\nclosed\n4,5\n'));
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      'test.csv:3: a quoted field starts on this line and is never closed. Add the closing quote ("), and write any quote inside the field as two quotes ("").',
    );
  });

  it('refuses characters after a closing quote, naming the line', () => {
    const error = errorOf(() => parse('a,b\n1,2\n"x"y,3\n'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/a quoted field is followed by "y" instead of a delimiter/);
  });

  it('allows spaces after a closing quote', () => {
    expect(cells('a,b\n"x"  ,y\n')[1]).toEqual(['x', 'y']);
  });

  it('returns unwanted columns as empty strings but still counts their lines', () => {
    const reader = new CsvReader('a,b,c\n1,"two\nlines",3\n4,5,6\n', { file: 'test.csv' });
    expect(reader.next()?.cells).toEqual(['a', 'b', 'c']);
    reader.keep = [true, false, true];
    expect(reader.next()).toEqual({ line: 2, cells: ['1', '', '3'] });
    expect(reader.next()).toEqual({ line: 4, cells: ['4', '', '6'] });
    expect(reader.next()).toBeUndefined();
  });

  it('parses 100,000 rows with every record and line right', () => {
    const rows = ['id,name,notes'];
    for (let i = 0; i < 100_000; i++)
      rows.push(i % 1000 === 0 ? `${i},"Name, ${i}","two\nlines"` : `${i},Name ${i},plain`);
    const records = parse(rows.join('\n'));
    expect(records).toHaveLength(100_001);
    // 100 of the rows span two lines, so the last record starts 100 lines later than its index.
    expect(records[100_000]).toEqual({ line: 100_101, cells: ['99999', 'Name 99999', 'plain'] });
    expect(records[1001]).toEqual({ line: 1003, cells: ['1000', 'Name, 1000', 'two\nlines'] });
  });
});

const cellText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', ',', ';', '\t', '\r', '\n', ' ', '=', 'é', '\u00A0', '𝄞'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

const record = fc
  .array(cellText, { minLength: 1, maxLength: 6 })
  .filter((cells) => !(cells.length === 1 && cells[0] === ''));

describe('CSV parser properties', () => {
  it('reads back, cell for cell and line for line, whatever our writer writes', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 20 }),
        fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        (records, delimiter, newline) => {
          const { text, starts } = writeCsv(records, delimiter, newline);
          const parsed = parse(text, delimiter);
          expect(parsed.map((r) => r.cells)).toEqual(records);
          expect(parsed.map((r) => r.line)).toEqual(starts.map((start) => lineAt(text, start)));
        },
      ),
    );
  });

  it('detects the delimiter of any header with two or more columns', () => {
    fc.assert(
      fc.property(
        fc.array(cellText, { minLength: 2, maxLength: 6 }),
        fc.array(record, { maxLength: 5 }),
        fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
        (header, rows, delimiter) => {
          const { text } = writeCsv([header, ...rows], delimiter, '\n');
          expect(parseCsv(text, { file: 'test.csv' }).delimiter).toBe(delimiter);
        },
      ),
    );
  });

  it('never crashes on arbitrary bytes: it parses, or throws a SourceInputError with a line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseCsv(decodeSourceBytes(bytes, 'fuzz.csv'), { file: 'fuzz.csv' });
        } catch (error) {
          expect(error).toBeInstanceOf(SourceInputError);
          expect((error as SourceInputError).line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never crashes on arbitrary text made of CSV syntax', () => {
    const syntax = fc.string({
      unit: fc.constantFrom('"', ',', ';', '\t', '\r', '\n', ' ', 'a'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(syntax, (text) => {
        try {
          const records = parse(text);
          for (const r of records) expect(r.line).toBeGreaterThanOrEqual(1);
        } catch (error) {
          expect(error).toBeInstanceOf(SourceInputError);
          const line = (error as SourceInputError).line as number;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lineAt(text, text.length));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
