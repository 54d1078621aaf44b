/**
 * Lossless JSON for IT Glue. Ids reach 16 digits and can exceed Number.MAX_SAFE_INTEGER, and IT
 * Glue sends `*-id` attributes as JSON numbers, so a plain `JSON.parse` silently rounds them
 * (9954000000404662 may come back as 9954000000404660). Node 20's `JSON.parse` cannot see the
 * source text of a number, so before parsing we quote every integer literal that a double cannot
 * hold exactly. The scan skips over strings with `indexOf`, so its cost stays a fraction of the
 * parse itself, and a cheap regex test skips it entirely for documents without such numbers.
 */

const MAX_SAFE = String(Number.MAX_SAFE_INTEGER);
const MAYBE_UNSAFE = /\d{16}/;

function isUnsafeInteger(digits: string): boolean {
  return digits.length > MAX_SAFE.length || (digits.length === MAX_SAFE.length && digits > MAX_SAFE);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index of the quote that closes the string opened at `open`. */
function endOfString(text: string, open: number): number {
  let at = open + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return text.length; // unterminated: JSON.parse reports it
    let backslashes = 0;
    for (let i = quote - 1; text.charCodeAt(i) === 92; i--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/** Quotes unsafe integers in text outside strings; `start..end` holds no quote character. */
function quoteUnsafeIntegers(text: string, start: number, end: number, out: string[], flushed: number): number {
  let i = start;
  while (i < end) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const first = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    const before = text.charCodeAt(first - 1);
    const after = text.charCodeAt(i);
    // Only whole integer tokens: not the fraction or exponent of a float, not part of a float.
    const isInteger = before !== 46 && before !== 101 && before !== 69 && after !== 46 && after !== 101 && after !== 69;
    if (isInteger && isUnsafeInteger(text.slice(first, i))) {
      const sign = before === 45 ? first - 1 : first;
      out.push(text.slice(flushed, sign), '"', text.slice(sign, i), '"');
      flushed = i;
    }
  }
  return flushed;
}

/** Parses JSON, returning integers a double cannot hold exactly as strings of digits. */
export function parseJson(text: string): unknown {
  if (!MAYBE_UNSAFE.test(text)) return JSON.parse(text);
  const out: string[] = [];
  let flushed = 0;
  let at = 0;
  while (at < text.length) {
    const quote = text.indexOf('"', at);
    const segmentEnd = quote === -1 ? text.length : quote;
    if (segmentEnd - at >= 16) flushed = quoteUnsafeIntegers(text, at, segmentEnd, out, flushed);
    if (quote === -1) break;
    at = endOfString(text, quote) + 1;
  }
  if (flushed === 0) return JSON.parse(text);
  out.push(text.slice(flushed));
  return JSON.parse(out.join(''));
}

/**
 * `*-id` / `*_id` keys whose values are ids. IT Glue writes them as JSON numbers; we hold them as
 * strings. `updated-by` is a user id too.
 */
export function isIdKey(key: string): boolean {
  return key.endsWith('-id') || key.endsWith('_id') || key === 'updated-by';
}

// `"organization-id":"9954000000404662"` → `"organization-id":9954000000404662`. Inside a JSON
// string every quote is escaped (`\"`), so this pattern can only match a real key and value.
const QUOTED_ID_ATTRIBUTE = /"([a-z0-9]+(?:[-_][a-z0-9]+)*[-_]id|updated-by)":"([1-9]\d{0,19})"/g;

/**
 * Serializes a JSON:API document, writing `*-id` attributes held as digit strings as JSON
 * numbers, exactly, whatever their size. `data.id` stays a string, as JSON:API requires.
 */
export function stringifyJsonApi(value: unknown): string {
  return JSON.stringify(value).replace(QUOTED_ID_ATTRIBUTE, '"$1":$2');
}
