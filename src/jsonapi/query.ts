/**
 * IT Glue query strings: `filter[organization_id]=2&page[number]=1&page[size]=1000&sort=-updated_at`.
 *
 * In a filter value a comma means OR and `\,` is a literal comma, so values are escaped here and
 * split the same way by `splitFilterValue` on the emulator side. Keys are emitted in a stable
 * order (filters sorted, then page, then sort, then extras) so equal queries give equal strings.
 */

export interface QueryInput {
  /** snake_case filter keys → one value or several (OR). */
  filter?: Readonly<Record<string, string | readonly string[] | undefined>>;
  pageNumber?: number | undefined;
  pageSize?: number | undefined;
  /** Comma-separated snake_case fields, `-` for descending. */
  sort?: string | undefined;
  /** Other parameters, such as `show_password`. */
  extra?: Readonly<Record<string, string | undefined>>;
}

/** Escapes a literal comma (and the backslash that escapes it) in one filter value. */
export function escapeFilterValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,');
}

/** Joins values as IT Glue's OR list. */
export function joinFilterValues(values: string | readonly string[]): string {
  return typeof values === 'string' ? escapeFilterValue(values) : values.map(escapeFilterValue).join(',');
}

/** Splits a raw filter value on unescaped commas and unescapes each part. */
export function splitFilterValue(raw: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\' && i + 1 < raw.length) {
      current += raw[i + 1];
      i++;
    } else if (ch === ',') {
      values.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  values.push(current);
  return values;
}

// A lone surrogate (from a JSON source's "\ud800", say) has no UTF-8 form: it becomes U+FFFD, as
// the URL standard encodes it, instead of encodeURIComponent's URIError.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Brackets stay literal for readable URLs (IT Glue accepts them either way); everything else in a
// key or value is percent-encoded.
function encode(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

export function buildQuery(input: QueryInput): string {
  const pairs: string[] = [];
  const filter = input.filter ?? {};
  for (const key of Object.keys(filter).sort()) {
    const value = filter[key];
    if (value === undefined) continue;
    pairs.push(`${encode(`filter[${key}]`)}=${encode(joinFilterValues(value))}`);
  }
  if (input.pageNumber !== undefined) pairs.push(`page[number]=${input.pageNumber}`);
  if (input.pageSize !== undefined) pairs.push(`page[size]=${input.pageSize}`);
  if (input.sort !== undefined && input.sort !== '') pairs.push(`sort=${encode(input.sort)}`);
  for (const [key, value] of Object.entries(input.extra ?? {})) {
    if (value !== undefined) pairs.push(`${encode(key)}=${encode(value)}`);
  }
  return pairs.join('&');
}
