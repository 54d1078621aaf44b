/**
 * IT Glue query strings. Keys arrive literal (`filter[name]`) or percent-encoded
 * (`filter%5Bname%5D`), filter fields in snake_case or kebab-case (`filter[serial-number]`). As in
 * Rails, `+` means a space and a repeated key keeps its last value.
 */
import { snakeKey } from '../../jsonapi/case.js';

export interface ParsedQuery {
  /** The query exactly as sent, without `?`, so links can keep it byte for byte. */
  raw: string;
  /**
   * snake_case filter field → raw value (commas and `\,` not split yet). A nested key keeps its
   * brackets: `filter[exclude][organization-type-id]` is `exclude[organization_type_id]`.
   */
  filters: Map<string, string>;
  /** Every other decoded key → value (`page[size]`, `sort`, `show_password`, ...). */
  params: Map<string, string>;
}

function decode(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

const FILTER_KEY = /^filter((?:\[[^[\]]+\])+)$/;

/** `[exclude][organization-type-id]` → `exclude[organization_type_id]`. */
function filterField(brackets: string): string {
  const [head = '', ...rest] = brackets
    .slice(1, -1)
    .split('][')
    .map((segment) => snakeKey(segment));
  return head + rest.map((segment) => `[${segment}]`).join('');
}

export function parseQuery(raw: string): ParsedQuery {
  const filters = new Map<string, string>();
  const params = new Map<string, string>();
  if (raw !== '') {
    for (const part of raw.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const key = decode(eq === -1 ? part : part.slice(0, eq));
      const value = eq === -1 ? '' : decode(part.slice(eq + 1));
      const filter = FILTER_KEY.exec(key);
      // A nested key the route does not document (`filter[document-folder-id][ne]`) matches no
      // field and is ignored like any other unknown filter.
      if (filter?.[1]) filters.set(filterField(filter[1]), value);
      else params.set(key, value);
    }
  }
  return { raw, filters, params };
}

/** The query part of a request URL. */
export function rawQueryOf(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
}

/** The URL without its query. */
export function urlWithoutQuery(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
}

/**
 * The same query with only `page[number]` changed (added when missing), every other parameter
 * kept exactly as the client sent it. An added key follows the client's bracket style.
 */
export function withPageNumber(raw: string, pageNumber: number): string {
  const parts = raw === '' ? [] : raw.split('&');
  let replaced = false;
  const out = parts.map((part) => {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    if (decode(key) !== 'page[number]') return part;
    replaced = true;
    return `${key}=${pageNumber}`;
  });
  if (!replaced) {
    const encoded = /%5B/i.test(raw) && !raw.includes('[');
    out.push(`${encoded ? 'page%5Bnumber%5D' : 'page[number]'}=${pageNumber}`);
  }
  return out.join('&');
}

/** `true|1` → true, `false|0` → false, anything else → undefined (as IT Glue's boolean params). */
export function readBooleanParam(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true' || normalized === '1') return true;
  if (normalized === 'false' || normalized === '0') return false;
  return undefined;
}
