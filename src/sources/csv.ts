/**
 * An RFC 4180 CSV parser. Quoted fields may hold the delimiter, doubled quotes and line breaks;
 * records end at CRLF, LF or a lone CR; the delimiter (comma, semicolon or tab) is read off the
 * header line, because European Excel writes semicolons. Each record carries the physical line it
 * starts on, for messages a user can act on.
 *
 * Cells are text and stay exactly as written: nothing is trimmed, converted or "sanitized", and a
 * cell such as `=1+3` is the four characters `=1+3`. Whoever reads a column decides what its
 * whitespace means.
 *
 * It is a generator so a reader can map each record as it comes and keep only the columns it
 * needs; a 100,000-row export then costs the text plus the rows kept, not every cell of every
 * column. Scanning jumps with `indexOf` inside quoted fields and slices unquoted ones, so no cell
 * is built a character at a time.
 */
import { failSource } from './errors.js';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** The 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvOptions {
  /** The file name for error messages. */
  file: string;
  /** Overrides detection from the header line. */
  delimiter?: CsvDelimiter | undefined;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/** Excel's "sep=;" first line, which names the delimiter for the rest of the file. */
const SEP_HINT = /^sep=([,;\t])(?:\r\n|\n|\r|$)/i;

/**
 * The delimiter that occurs most often on the header line, outside quotes. Ties go to the comma,
 * then the semicolon: a one-column file has none of them and is read as comma-separated.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const hint = SEP_HINT.exec(text);
  if (hint) return hint[1] as CsvDelimiter;
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (code === LF || code === CR) break;
    else if (code === 0x2c) commas++;
    else if (code === 0x3b) semicolons++;
    else if (code === 0x09) tabs++;
  }
  if (tabs > commas && tabs > semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

/** Line breaks in `text[start, end)`: LF, and CR not followed by LF (CRLF counts once). */
function countLineBreaks(text: string, start: number, end: number): number {
  let breaks = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) breaks++;
  }
  return breaks;
}

/**
 * Reads records one at a time; the first is the header. Empty lines are skipped; a line of
 * delimiters only (`,,,`) is a record of empty cells, left for the reader to judge.
 *
 * Unquoted cells are found with `indexOf` (the next delimiter, LF and CR positions are cached and
 * only searched again once passed), which runs at memchr speed instead of a comparison loop per
 * character. A reader that needs only some columns sets `keep` after the header: the other cells
 * are still parsed (quotes and line counts must stay right) but come back as '' without a copy.
 */
export class CsvReader {
  readonly delimiter: CsvDelimiter;
  /** Column index → whether to return its text. Unset, or past its end, means keep. */
  keep: readonly boolean[] | undefined;
  private readonly text: string;
  private readonly file: string;
  private readonly delimiterCode: number;
  private at = 0;
  private line = 1;
  private nextDelimiter = -1;
  private nextLf = -1;
  private nextCr = -1;

  constructor(input: string, options: CsvOptions) {
    let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const hint = SEP_HINT.exec(text);
    if (hint) {
      text = text.slice(hint[0].length);
      this.line = 2;
    }
    this.text = text;
    this.file = options.file;
    this.delimiter = options.delimiter ?? (hint?.[1] as CsvDelimiter | undefined) ?? detectDelimiter(text);
    this.delimiterCode = this.delimiter.charCodeAt(0);
  }

  /** The next record, or undefined at the end of the text. */
  next(): CsvRecord | undefined {
    const { text } = this;
    while (this.at < text.length) {
      const line = this.line;
      const cells = this.readRecord();
      if (cells.length === 1 && cells[0] === '') continue;
      return { line, cells };
    }
    return undefined;
  }

  private readRecord(): string[] {
    const { text, delimiterCode } = this;
    const keep = this.keep;
    const cells: string[] = [];
    for (;;) {
      const wanted = keep === undefined || keep[cells.length] !== false;
      const code =
        text.charCodeAt(this.at) === QUOTE
          ? this.readQuoted(cells, wanted)
          : this.readUnquoted(cells, wanted);
      if (code === delimiterCode) {
        this.at++;
        continue;
      }
      if (code === CR) {
        this.at += text.charCodeAt(this.at + 1) === LF ? 2 : 1;
        this.line++;
      } else if (code === LF) {
        this.at++;
        this.line++;
      }
      return cells;
    }
  }

  /** Reads an unquoted cell; returns the code of the character after it (NaN at the end). */
  private readUnquoted(cells: string[], wanted: boolean): number {
    const { text } = this;
    const from = this.at;
    if (this.nextDelimiter < from) this.nextDelimiter = indexOrEnd(text, this.delimiter, from);
    if (this.nextLf < from) this.nextLf = indexOrEnd(text, '\n', from);
    if (this.nextCr < from) this.nextCr = indexOrEnd(text, '\r', from);
    const end = Math.min(this.nextDelimiter, this.nextLf, this.nextCr);
    // A quote inside an unquoted cell is kept as written (`12" rack`): strict RFC 4180 forbids
    // it, but no other reading is more likely.
    cells.push(wanted ? text.slice(from, end) : '');
    this.at = end;
    return text.charCodeAt(end);
  }

  /** Reads a quoted cell; returns the code of the character after its closing quote. */
  private readQuoted(cells: string[], wanted: boolean): number {
    const { text, file } = this;
    const fieldLine = this.line;
    let value = '';
    let from = this.at + 1;
    for (;;) {
      const close = text.indexOf('"', from);
      if (close === -1) {
        failSource({
          file,
          line: fieldLine,
          message: 'a quoted field starts on this line and is never closed',
          fix: 'Add the closing quote ("), and write any quote inside the field as two quotes ("").',
        });
      }
      if (wanted) value += text.slice(from, close);
      this.line += countLineBreaks(text, from, close);
      if (text.charCodeAt(close + 1) === QUOTE) {
        if (wanted) value += '"';
        from = close + 2;
        continue;
      }
      this.at = close + 1;
      break;
    }
    // Spaces after a closing quote are padding; anything else means the quotes are broken.
    while (text.charCodeAt(this.at) === SPACE) this.at++;
    const code = text.charCodeAt(this.at);
    if (this.at < text.length && code !== this.delimiterCode && code !== LF && code !== CR) {
      failSource({
        file,
        line: this.line,
        message: `a quoted field is followed by ${JSON.stringify(text[this.at])} instead of a delimiter or the end of the line`,
        fix: 'Write a quote inside a quoted field as two quotes (""), or quote the whole cell.',
      });
    }
    cells.push(value);
    return code;
  }
}

function indexOrEnd(text: string, char: string, from: number): number {
  const index = text.indexOf(char, from);
  return index === -1 ? text.length : index;
}

/** Records one at a time, the header first. */
export function* iterateCsv(input: string, options: CsvOptions): Generator<CsvRecord> {
  const reader = new CsvReader(input, options);
  for (let record = reader.next(); record !== undefined; record = reader.next()) yield record;
}

/** All records at once (the header first), with the delimiter used. For tests and small files. */
export function parseCsv(
  text: string,
  options: CsvOptions,
): { delimiter: CsvDelimiter; records: CsvRecord[] } {
  const reader = new CsvReader(text, options);
  const records: CsvRecord[] = [];
  for (let record = reader.next(); record !== undefined; record = reader.next()) records.push(record);
  return { delimiter: reader.delimiter, records };
}
