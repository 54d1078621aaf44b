/**
 * Where each element of a JSON array starts. `JSON.parse` forgets where things were; every
 * record still needs a line for its messages, like a CSV row. One scan over text already known
 * to be valid JSON (it is run after a successful parse), shared by the record readers (json.ts)
 * and the vault readers (vault/json-text.ts).
 */
import { failSource } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { lineAtChar } from './utf8.js';

/** Fails with the line of the first syntax error (never quoting the text, which may hold secrets). */
export function failJsonSyntax(text: string, file: string, fix: string): never {
  const found = findJsonSyntaxError(text) ?? { offset: text.length, message: 'JSON.parse refused it' };
  failSource({
    file,
    line: lineAtChar(text, found.offset),
    message: `the file is not valid JSON: ${found.message}`,
    fix,
  });
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Frame {
  array: boolean;
  /** The last key read in an object frame. */
  key?: string | undefined;
  /** Whether the keys from the root down to this frame follow the path. */
  onPath: boolean;
}

/** Index of the quote that closes the string opened at `open`. */
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

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function endsLiteral(code: number): boolean {
  return isWhitespace(code) || code === 0x2c || code === 0x5d || code === 0x7d;
}

/** The frame a `{` or `[` at this depth opens: on the path when every key above it follows it. */
function openFrame(stack: readonly Frame[], path: readonly string[], array: boolean): Frame {
  const parent = stack[stack.length - 1];
  const onPath =
    parent === undefined ? true : parent.onPath && !parent.array && parent.key === path[stack.length - 1];
  return { array, onPath };
}

/**
 * Offsets where the elements start of every array at `path` (object keys from the root: [] for a
 * top-level array, ['items'] for Bitwarden's), one list per such array in text order. Valid JSON
 * holds one; duplicate keys can make more, of which `JSON.parse` keeps the last.
 */
export function arrayElementOffsets(text: string, path: readonly string[]): number[][] {
  const stack: Frame[] = [];
  const arrays: number[][] = [];
  let current: number[] | undefined;
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isWhitespace(code) || code === 0x3a /* : */) {
      i++;
    } else if (code === 0x2c /* , */) {
      expectKey = stack[stack.length - 1]?.array === false;
      i++;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      if (stack.length === path.length + 1) current = undefined;
      stack.pop();
      expectKey = false;
      i++;
    } else if (expectKey) {
      const end = endOfString(text, i);
      (stack[stack.length - 1] as Frame).key = JSON.parse(text.slice(i, end + 1)) as string;
      expectKey = false;
      i = end + 1;
    } else {
      if (current && stack.length === path.length + 1) current.push(i);
      if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
        const frame = openFrame(stack, path, code === 0x5b);
        stack.push(frame);
        if (frame.array && frame.onPath && stack.length === path.length + 1) {
          current = [];
          arrays.push(current);
        }
        expectKey = code === 0x7b;
        i++;
      } else if (code === 0x22 /* " */) {
        i = endOfString(text, i) + 1;
      } else {
        while (i < text.length && !endsLiteral(text.charCodeAt(i))) i++;
      }
    }
  }
  return arrays;
}

/** 1-based lines of ascending offsets, in one pass. */
export function linesAtOffsets(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let at = 0;
  for (const offset of offsets) {
    for (; at < offset; at++) {
      const code = text.charCodeAt(at);
      if (code === 0x0a || (code === 0x0d && text.charCodeAt(at + 1) !== 0x0a)) line++;
    }
    lines.push(line);
  }
  return lines;
}
