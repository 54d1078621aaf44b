/**
 * JSON exports: parsing with a message that points at the line (never quoting the text, which
 * holds secrets), and finding the line where each element of the item array starts, which
 * `JSON.parse` forgets. The scan runs over text already known to be valid JSON.
 */
import { parseJson } from '../../jsonapi/json.js';
import { arrayElementOffsets, failJsonSyntax, linesAtOffsets } from '../json-elements.js';

export function parseJsonText(text: string, file: string): unknown {
  try {
    return parseJson(text);
  } catch {
    failJsonSyntax(text, file, 'Export the vault again; the file is damaged or cut short.');
  }
}

export { isJsonObject as isObject } from '../json-elements.js';

/**
 * The 1-based line of each element of the array at `path` (object keys from the root: [] for a
 * top-level array, ['items'] for Bitwarden's), in order.
 */
export function arrayElementLines(text: string, path: readonly string[]): number[] {
  return linesAtOffsets(text, arrayElementOffsets(text, path).flat());
}
