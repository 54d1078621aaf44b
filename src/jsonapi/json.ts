/**
 * Lossless JSON for IT Glue. Ids reach 16 digits and can exceed Number.MAX_SAFE_INTEGER, and IT
 * Glue sends `*-id` attributes as JSON numbers, so a plain `JSON.parse` silently rounds them
 * (9954000000404662 may come back as 9954000000404660). Node 20's `JSON.parse` cannot see the
 * source text of a number, so before parsing we quote every integer literal that a double cannot
 * hold exactly. The scan skips over strings with `indexOf`, so its cost stays a fraction of the
 * parse itself, and a cheap regex test skips it entirely for documents without such numbers.
 */

const MAX_SAFE = String(Number.MAX_SAFE_INTEGER);
// Sixteen digits in a row, spelled out: irregexp scans this form about 20x faster than `\d{16}`,
// and this test runs over every response body.
const MAYBE_UNSAFE = new RegExp('\\d'.repeat(16));

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
function quoteUnsafeIntegers(
  text: string,
  start: number,
  end: number,
  out: string[],
  flushed: number,
): number {
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
    const isInteger =
      before !== 46 && before !== 101 && before !== 69 && after !== 46 && after !== 101 && after !== 69;
    if (isInteger && isUnsafeInteger(text.slice(first, i))) {
      const sign = before === 45 ? first - 1 : first;
      out.push(text.slice(flushed, sign), '"', text.slice(sign, i), '"');
      flushed = i;
    }
  }
  return flushed;
}

/** Index just before `at`, skipping JSON whitespace backwards. */
function skipSpaceBack(text: string, at: number): number {
  let i = at;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i--;
  return i;
}

/** Whether the quote at `at` is a real one (preceded by an even number of backslashes). */
function isRealQuote(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; text.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 0;
}

const LONG_DIGIT_RUN = new RegExp(`${'\\d'.repeat(16)}\\d*`, 'g');

/**
 * The common case, fast. A number token can only follow `:`, `[`, `,` or whitespace, and a member
 * value only a key's real closing quote and `:`; inside a string every quote is escaped. So a
 * long digit run after a real `"` and `:` is a number to quote, and one after anything else but
 * `[` or `,` sits inside a string and is left alone. Returns undefined for a run after `[` or `,`
 * (an array element, or text that only looks like one), and the caller falls back to the full scan.
 */
function quoteMemberValues(text: string): string | undefined {
  const out: string[] = [];
  let flushed = 0;
  for (const match of text.matchAll(LONG_DIGIT_RUN)) {
    const first = match.index;
    const end = first + match[0].length;
    const sign = text[first - 1] === '-' ? first - 1 : first;
    let at = skipSpaceBack(text, sign - 1);
    const before = text[at];
    if (before === '[' || before === ',') return undefined;
    if (before === ':') {
      at = skipSpaceBack(text, at - 1);
      if (text[at] !== '"' || !isRealQuote(text, at)) continue; // inside a string
    } else if (before !== undefined) {
      continue; // inside a string (a number at the very start is the whole document)
    }
    const after = text.charCodeAt(end);
    if (after === 46 || after === 101 || after === 69) continue; // a float: JSON.parse rounds it, as it must
    if (isUnsafeInteger(match[0])) {
      out.push(text.slice(flushed, sign), '"', text.slice(sign, end), '"');
      flushed = end;
    }
  }
  out.push(text.slice(flushed));
  return out.join('');
}

/** Parses JSON, returning integers a double cannot hold exactly as strings of digits. */
export function parseJson(text: string): unknown {
  if (!MAYBE_UNSAFE.test(text)) return JSON.parse(text);
  const quoted = quoteMemberValues(text);
  if (quoted !== undefined) return JSON.parse(quoted);
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
const QUOTED_ID_ATTRIBUTE = /"([a-z0-9]+(?:[-_][a-z0-9]+)*[-_]id|updated-by)":( ?)"([1-9]\d{0,19})"/g;

/**
 * Serializes a JSON:API document, writing `*-id` attributes held as digit strings as JSON
 * numbers, exactly, whatever their size. `data.id` stays a string, as JSON:API requires.
 * `indent` pretty-prints (for dry runs) with the same guarantee.
 */
export function stringifyJsonApi(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(QUOTED_ID_ATTRIBUTE, '"$1":$2$3');
}
