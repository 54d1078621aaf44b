/**
 * Marks where search terms occur in a value, the way the search view matches them: literally,
 * ignoring case and diacritics. The text stays escaped; only the `<mark>` tags are markup.
 */
import { foldForMatch } from '../mirror/fts.js';
import { html, type SafeHtml } from './html.js';

/** The value folded per code point, with where each folded character came from. */
function folded(value: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let offset = 0;
  for (const char of value) {
    const f = foldForMatch(char);
    for (let i = 0; i < f.length; i++) origin.push(offset);
    text += f;
    offset += char.length;
  }
  origin.push(offset);
  return { text, origin };
}

/** [start, end) ranges of the value where a term occurs, merged and in order. */
export function matchRanges(value: string, terms: readonly string[]): Array<[number, number]> {
  const { text, origin } = folded(value);
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    const needle = foldForMatch(term);
    if (needle === '') continue;
    let at = text.indexOf(needle);
    while (at !== -1) {
      ranges.push([origin[at] as number, origin[at + needle.length] as number]);
      at = text.indexOf(needle, at + needle.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * The value with its matches in `<mark>`; a long value is cut to a window around the first match
 * (`maxLength` characters), with ellipses where it was cut.
 */
export function highlight(value: string, terms: readonly string[], maxLength = 160): SafeHtml {
  const ranges = matchRanges(value, terms);
  let start = 0;
  let end = value.length;
  if (value.length > maxLength) {
    const first = ranges[0]?.[0] ?? 0;
    start = Math.max(0, Math.min(first - Math.floor(maxLength / 3), value.length - maxLength));
    end = Math.min(value.length, start + maxLength);
  }
  const parts: SafeHtml[] = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a > at) parts.push(html`${value.slice(at, a)}`);
    parts.push(html`<mark>${value.slice(a, b)}</mark>`);
    at = b;
  }
  if (at < end) parts.push(html`${value.slice(at, end)}`);
  return html`${start > 0 ? '…' : ''}${parts}${end < value.length ? '…' : ''}`;
}
