/**
 * JSON sources: an array of records, or an API response that wraps one (`{"value": [...]}` from
 * Microsoft Graph, `{"devices": [...]}` from Datto RMM), or a single record. `JSON.parse` forgets
 * where things were, so after parsing we scan the text once more for the offset where each
 * element of the array starts: every record then has a line for its messages, like a CSV row.
 * Integers too large for a double (serials, ids) come back as digit strings, not rounded numbers.
 */
import { parseJson } from '../jsonapi/json.js';
import { failSource } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { lineAtChar } from './utf8.js';

export interface JsonRecord {
  /** The line where the record's value starts. */
  line: number;
  value: unknown;
}

/** Keys under which API responses carry their list, in the order we look for them. */
export const WRAPPER_KEYS = [
  'value',
  'devices',
  'data',
  'items',
  'results',
  'users',
  'contacts',
  'configurations',
];

/** Whether text is JSON rather than CSV: its first non-blank character opens an array or object. */
export function looksLikeJson(text: string): boolean {
  const first = /\S/.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)?.[0];
  return first === '[' || first === '{';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function syntaxError(text: string, file: string): never {
  const found = findJsonSyntaxError(text) ?? { offset: text.length, message: 'JSON.parse refused it' };
  failSource({
    file,
    line: lineAtChar(text, found.offset),
    message: `the file is not valid JSON: ${found.message}`,
    fix: 'Fix the JSON syntax (a validator such as `jq . FILE` shows where).',
  });
}

const OBJECT = 0;
const ARRAY = 1;

/** Index of the quote that closes the string opened at `open`. */
function endOfString(text: string, open: number): number {
  let at = open + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let i = quote - 1; text.charCodeAt(i) === 92; i--) backslashes++;
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

/**
 * Offsets where the elements of the record array start: the top-level array, or the array under
 * `wrapperKey` in the top-level object. The text is already known to be valid JSON.
 */
function elementOffsets(text: string, wrapperKey: string | undefined): number[] {
  const offsets: number[] = [];
  const stack: number[] = [];
  let expectKey = false;
  let topLevelKey: string | undefined;
  let targetDepth = -1;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isWhitespace(code) || code === 0x3a /* : */) {
      i++;
      continue;
    }
    if (code === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] === OBJECT;
      i++;
      continue;
    }
    if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
      i++;
      continue;
    }
    if (expectKey) {
      const end = endOfString(text, i);
      if (stack.length === 1) topLevelKey = JSON.parse(text.slice(i, end + 1)) as string;
      expectKey = false;
      i = end + 1;
      continue;
    }
    if (stack.length === targetDepth) offsets.push(i);
    if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      const isTarget =
        targetDepth === -1 &&
        code === 0x5b &&
        (wrapperKey === undefined ? stack.length === 0 : stack.length === 1 && topLevelKey === wrapperKey);
      stack.push(code === 0x7b ? OBJECT : ARRAY);
      if (isTarget) targetDepth = stack.length;
      expectKey = code === 0x7b;
      i++;
      continue;
    }
    if (code === 0x22) {
      i = endOfString(text, i) + 1;
      continue;
    }
    while (i < text.length && !endsLiteral(text.charCodeAt(i))) i++;
  }
  return offsets;
}

/** Lines of ascending offsets, in one pass. */
function linesAt(text: string, offsets: readonly number[]): number[] {
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

export interface JsonSource {
  records: JsonRecord[];
  /** The wrapper key the records came from, if any. */
  wrapper?: string | undefined;
}

export function parseJsonRecords(input: string, file: string): JsonSource {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let parsed: unknown;
  try {
    parsed = parseJson(text);
  } catch {
    syntaxError(text, file);
  }
  const firstLine = lineAtChar(text, text.search(/\S/));
  let list: unknown[];
  let wrapper: string | undefined;
  if (Array.isArray(parsed)) list = parsed;
  else if (isPlainObject(parsed)) {
    wrapper = WRAPPER_KEYS.find((key) => Array.isArray(parsed[key]));
    if (wrapper === undefined) return { records: [{ line: firstLine, value: parsed }] };
    list = parsed[wrapper] as unknown[];
  } else {
    failSource({
      file,
      line: firstLine,
      message: 'the JSON is a single value, not a list of records',
      fix: 'Give an array of objects ([{...}, {...}]).',
    });
  }
  const offsets = elementOffsets(text, wrapper);
  // Duplicate wrapper keys could make the scan see another array than JSON.parse kept.
  const lines = offsets.length === list.length ? linesAt(text, offsets) : list.map(() => firstLine);
  return { records: list.map((value, index) => ({ line: lines[index] ?? firstLine, value })), wrapper };
}
