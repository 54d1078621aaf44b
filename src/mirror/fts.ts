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

/** `18:5E:0F:ED:99:9J`, `18-5e-0f`: MAC-like terms, which the index also holds without separators. */
const MAC_LIKE = /^[0-9a-z]{2}(?:[:.-][0-9a-z]{2}){2,}$/i;

function termQuery(term: string): string {
  if (!MAC_LIKE.test(term)) return quoteTerm(term);
  const compact = term.replace(/[:.-]/g, '').toLowerCase();
  return `(${quoteTerm(term)} OR ${quoteTerm(compact)})`;
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

/** Whether a field value contains a term (or, for MAC-like terms, its separator-free form). */
export function containsTerm(value: string, term: string): boolean {
  const haystack = foldForMatch(value);
  const needle = foldForMatch(term);
  if (haystack.includes(needle)) return true;
  return MAC_LIKE.test(term) && haystack.includes(needle.replace(/[:.-]/g, ''));
}
