/**
 * JSON sources: an array of records, or an API response that wraps one (`{"value": [...]}` from
 * Microsoft Graph, `{"devices": [...]}` from Datto RMM), or a single record. `JSON.parse` forgets
 * where things were, so after parsing we scan the text once more for the offset where each
 * element of the array starts: every record then has a line for its messages, like a CSV row.
 * Integers too large for a double (serials, ids) come back as digit strings, not rounded numbers.
 */
import { parseJson } from '../jsonapi/json.js';
import { failSource } from './errors.js';
import { arrayElementOffsets, failJsonSyntax, isJsonObject, linesAtOffsets } from './json-elements.js';
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
    failJsonSyntax(text, file, 'Fix the JSON syntax (a validator such as `jq . FILE` shows where).');
  }
  const firstLine = lineAtChar(text, text.search(/\S/));
  let list: unknown[];
  let wrapper: string | undefined;
  if (Array.isArray(parsed)) list = parsed;
  else if (isJsonObject(parsed)) {
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
  // The first array at the wrapper key: duplicate wrapper keys could make it another array than
  // JSON.parse kept, which the count tells.
  const offsets = arrayElementOffsets(text, wrapper === undefined ? [] : [wrapper])[0] ?? [];
  const lines = offsets.length === list.length ? linesAtOffsets(text, offsets) : list.map(() => firstLine);
  return { records: list.map((value, index) => ({ line: lines[index] ?? firstLine, value })), wrapper };
}
