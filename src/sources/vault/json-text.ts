/**
 * JSON exports: parsing with a message that points at the line (never quoting the text, which
 * holds secrets), and finding the line where each element of the item array starts, which
 * `JSON.parse` forgets. The scan runs over text already known to be valid JSON.
 */
import { parseJson } from '../../jsonapi/json.js';
import { failSource } from '../errors.js';
import { findJsonSyntaxError } from '../json-syntax.js';
import { lineAtChar } from '../utf8.js';

export function parseJsonText(text: string, file: string): unknown {
  try {
    return parseJson(text);
  } catch {
    const found = findJsonSyntaxError(text) ?? { offset: text.length, message: 'JSON.parse refused it' };
    failSource({
      file,
      line: lineAtChar(text, found.offset),
      message: `the file is not valid JSON: ${found.message}`,
      fix: 'Export the vault again; the file is damaged or cut short.',
    });
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Frame {
  array: boolean;
  /** The last key read in an object frame. */
  key?: string | undefined;
  /** Whether the keys from the root down to this frame follow the path. */
  onPath: boolean;
}

function endOfString(text: string, open: number): number {
  let at = open + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let i = quote - 1; text.charCodeAt(i) === 0x5c; i--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/**
 * The 1-based line of each element of the array at `path` (object keys from the root: [] for a
 * top-level array, ['items'] for Bitwarden's), in order.
 */
export function arrayElementLines(text: string, path: readonly string[]): number[] {
  const stack: Frame[] = [];
  const offsets: number[] = [];
  let expectKey = false;
  const inTarget = (): boolean => {
    const top = stack[stack.length - 1];
    return top?.array === true && top.onPath && stack.length === path.length + 1;
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x3a) {
      i++;
    } else if (code === 0x2c) {
      expectKey = stack[stack.length - 1]?.array === false;
      i++;
    } else if (code === 0x7d || code === 0x5d) {
      stack.pop();
      expectKey = false;
      i++;
    } else if (expectKey) {
      const end = endOfString(text, i);
      const top = stack[stack.length - 1] as Frame;
      top.key = JSON.parse(text.slice(i, end + 1)) as string;
      expectKey = false;
      i = end + 1;
    } else {
      if (inTarget()) offsets.push(i);
      if (code === 0x7b || code === 0x5b) {
        const parent = stack[stack.length - 1];
        const depth = stack.length;
        const onPath =
          parent === undefined ? true : parent.onPath && !parent.array && parent.key === path[depth - 1];
        stack.push({ array: code === 0x5b, onPath });
        expectKey = code === 0x7b;
        i++;
      } else if (code === 0x22) {
        i = endOfString(text, i) + 1;
      } else {
        while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
      }
    }
  }
  const lines: number[] = [];
  let line = 1;
  let at = 0;
  for (const offset of offsets) {
    for (; at < offset; at++) {
      const char = text.charCodeAt(at);
      if (char === 0x0a || (char === 0x0d && text.charCodeAt(at + 1) !== 0x0a)) line++;
    }
    lines.push(line);
  }
  return lines;
}
