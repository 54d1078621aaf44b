/**
 * A search box's text → an FTS5 query that matches it literally. FTS5 reads `-`, `"`, `:`, `*`,
 * `(`, `)`, `^`, `+` and the words AND/OR/NOT/NEAR as syntax, so `SN-123` or `ops:` would be a
 * syntax error or a different query. Every term is quoted instead: each whitespace-separated term
 * (or "a quoted phrase") must occur in the record as written, ignoring case.
 */

export interface SearchTerms {
  /** Terms to look up through the index (3 or more characters: trigram's minimum). */
  indexed: string[];
  /** Shorter terms, matched as substrings of the records the indexed terms find. */
  short: string[];
}

/** Whitespace-separated terms; a balanced `"..."` is one term, spaces included. */
export function splitTerms(query: string): string[] {
  const terms: string[] = [];
  const pattern = /"([^"]+)"|(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const term = (match[1] ?? match[2] ?? '').trim();
    if (term !== '') terms.push(term);
  }
  return terms;
}

export function classifyTerms(query: string): SearchTerms {
  const indexed: string[] = [];
  const short: string[] = [];
  for (const term of splitTerms(query)) {
    if ([...term].length >= 3) indexed.push(term);
    else short.push(term);
  }
  return { indexed, short };
}

/** One literal FTS5 string: double quotes doubled, everything else as it is. */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * `18:5E:0F:ED:99:9J`, `18-5e-0f`, Cisco's `185e.0fed.999j`: MAC-like terms, which the index also
 * holds without separators.
 */
const MAC_LIKE = /^(?:[0-9a-z]{2}(?:[:.-][0-9a-z]{2}){2,}|[0-9a-f]{4}(?:\.[0-9a-f]{4}){1,2})$/i;

/**
 * `555-3916`, `(509) 555-3916`, `+1.509.555.3916`: phone-like terms (digits with phone
 * punctuation, at least 4 digits), which the index also holds as digits only. An IPv4 address or
 * prefix (`10.1.2`) is not a phone number.
 */
const PHONE_LIKE = /^\+?[\d().\-\s]+$/;
const IP_LIKE = /^\d{1,3}(?:\.\d{1,3}){1,3}\.?$/;

function isPhoneLike(term: string): boolean {
  return (
    PHONE_LIKE.test(term) && !IP_LIKE.test(term) && /\D/.test(term) && term.replace(/\D/g, '').length >= 4
  );
}

/**
 * The separator-free forms the index also holds for a MAC- or phone-like term. An international
 * number (`+1 509 555 3916`) also matches without its country code (1 to 3 digits), since most
 * records store the national number.
 */
function compactForms(term: string): string[] {
  if (MAC_LIKE.test(term)) return [term.replace(/[:.-]/g, '').toLowerCase()];
  if (!isPhoneLike(term)) return [];
  const digits = term.replace(/\D/g, '');
  if (!term.trimStart().startsWith('+')) return [digits];
  const national = [1, 2, 3].map((length) => digits.slice(length)).filter((rest) => rest.length >= 7);
  return [digits, ...national];
}

function termQuery(term: string): string {
  const forms = compactForms(term);
  return forms.length === 0 ? quoteTerm(term) : `(${[term, ...forms].map(quoteTerm).join(' OR ')})`;
}

/** The MATCH expression for the indexed terms (all must match), or null when there are none. */
export function matchExpression(terms: SearchTerms): string | null {
  if (terms.indexed.length === 0) return null;
  return terms.indexed.map(termQuery).join(' AND ');
}

/** A LIKE pattern for a substring, with `\` as the escape character. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Lower case without diacritics, for telling which field of a hit matched. */
export function foldForMatch(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a field value contains a term (or, for MAC- and phone-like terms, its separator-free form). */
export function containsTerm(value: string, term: string): boolean {
  const haystack = foldForMatch(value);
  const needle = foldForMatch(term);
  if (haystack.includes(needle)) return true;
  const bare = haystack.replace(/[^0-9a-z]/g, '');
  return compactForms(term).some((form) => haystack.includes(form) || bare.includes(form));
}
