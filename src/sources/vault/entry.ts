/**
 * What every vault format shares once a record is read: which entries are not imported and why,
 * optional fields left out rather than set to undefined, timestamps as ISO strings, and entry
 * positions that stay unique within a file (the plan pairs an action with its secret by them).
 */
import type { SourceReport } from '../errors.js';
import { withoutUndefined } from '../formats.js';
import type { VaultEntry, VaultKind } from './types.js';

/** Why each kind that is not a login is passed over (research §2d P10: import only logins). */
const KIND_REASONS: Record<Exclude<VaultKind, 'login'>, string> = {
  note: 'secure note: only logins are imported',
  card: 'payment card: only logins are imported',
  identity: 'identity: only logins are imported',
  other: 'not a login: only logins are imported',
};

export interface EntryDraft extends Omit<VaultEntry, 'name' | 'skip'> {
  name: string | undefined;
  /** A reason that outranks the kind's: archived, deleted, in the recycle bin. */
  skip?: string | undefined;
  /** What the item is, for the reason of a kind 'other' ("1Password Server item"). */
  what?: string | undefined;
}

/** A finished entry: trimmed name, empty lists dropped, and a skip reason when it is not imported. */
export function vaultEntry(draft: EntryDraft): VaultEntry {
  const { skip, what, ...fields } = draft;
  const name = draft.name?.trim() ?? '';
  let reason = skip;
  if (reason === undefined && draft.kind !== 'login') {
    reason = what && draft.kind === 'other' ? `${what}: only logins are imported` : KIND_REASONS[draft.kind];
  }
  if (reason === undefined && name === '') reason = 'the entry has no name, which IT Glue requires';
  return withoutUndefined({
    ...fields,
    name,
    otherUrls: fields.otherUrls?.length ? fields.otherUrls : undefined,
    customFields: fields.customFields?.length ? fields.customFields : undefined,
    skip: reason === undefined ? undefined : { reason },
  });
}

/** Undefined for blank text; the text itself otherwise (untrimmed: callers decide). */
export function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/** Trimmed text, or undefined when blank. */
export function trimmed(value: string | null | undefined): string | undefined {
  return present(value)?.trim();
}

/** A password as written; undefined only when absent or empty (a password of spaces is kept). */
export function exact(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** A date as ISO 8601 UTC, or undefined when it is not one. */
export function isoTime(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const time = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/** A list of URLs: the first is the entry's URL, the rest go to `otherUrls`. Blanks and repeats dropped. */
export function splitUrls(urls: ReadonlyArray<string | null | undefined>): {
  url?: string;
  otherUrls?: string[];
} {
  const seen = new Set<string>();
  const list: string[] = [];
  for (const url of urls) {
    const value = trimmed(url);
    if (value === undefined || seen.has(value)) continue;
    seen.add(value);
    list.push(value);
  }
  const [url, ...otherUrls] = list;
  return { url, otherUrls };
}

/** A group path from its parts: each part trimmed, blanks dropped, joined with '/'. */
export function joinPath(parts: readonly string[]): string | undefined {
  const kept = parts.map((part) => part.trim()).filter((part) => part !== '');
  return kept.length > 0 ? kept.join('/') : undefined;
}

/**
 * Entries of a JSON or XML file keep the line their record starts on. A file written on one line
 * (minified) would give many entries the same line, and the plan could no longer tell their
 * secrets apart, so then every entry is numbered by its position instead, and the user is told.
 */
export function distinctPositions(entries: VaultEntry[], report: SourceReport): VaultEntry[] {
  const lines = new Set(entries.map((entry) => entry.source.line));
  if (lines.size === entries.length) return entries;
  report.warn(
    entries[0]?.source.line ?? 1,
    'several entries start on the same line (a minified file), so entries are numbered by position (1, 2, …) instead of by line',
  );
  return entries.map((entry, index) => ({ ...entry, source: { ...entry.source, line: index + 1 } }));
}
