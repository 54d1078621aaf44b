/**
 * The CSV dialect of KeePass's "KeePass CSV (1.x)" export: every cell quoted, and inside a cell a
 * quote written `\"` and a backslash `\\` (KeePass's `KeePassCsv1x.WriteCsvString`), not the
 * doubled `""` of RFC 4180. Read as RFC 4180, a password holding a quote would break the row and
 * one holding a backslash would keep its escape. As in KeePass's own reader, a backslash takes the
 * next character literally.
 */
import type { CsvRecord } from '../csv.js';
import { failSource } from '../errors.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export function* backslashCsv(text: string, file: string): Generator<CsvRecord> {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const newline = (): void => {
    at += text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
    line++;
  };
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === CR || code === LF) {
      newline();
      continue;
    }
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text.charCodeAt(at) === QUOTE) {
        const fieldLine = line;
        at++;
        for (;;) {
          if (at >= text.length) {
            failSource({
              file,
              line: fieldLine,
              message: 'a quoted field starts on this line and is never closed',
              fix: 'Export the file from KeePass again; it is cut short.',
            });
          }
          const inner = text.charCodeAt(at);
          if (inner === QUOTE) break;
          if (inner === BACKSLASH && at + 1 < text.length) at++;
          const char = text.charCodeAt(at);
          if (char === LF || (char === CR && text.charCodeAt(at + 1) !== LF)) line++;
          cell += text[at];
          at++;
        }
        at++;
      } else {
        while (at < text.length && ![COMMA, CR, LF].includes(text.charCodeAt(at))) cell += text[at++];
      }
      cells.push(cell);
      const next = text.charCodeAt(at);
      if (next === COMMA) {
        at++;
        continue;
      }
      if (at < text.length && next !== CR && next !== LF) {
        failSource({
          file,
          line,
          message: `a quoted field is followed by ${JSON.stringify(text[at])} instead of a comma or the end of the line`,
          fix: 'KeePass 1.x CSV writes a quote inside a field as \\"; if the file uses "" instead, it is not this format: pass another `format`.',
        });
      }
      break;
    }
    yield { line: start, cells };
  }
}
