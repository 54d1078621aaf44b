/**
 * gluekit's own vault format: JSON, an array of entries (or `{"entries": [...]}`) whose keys are
 * the VaultEntry fields: `name`, `username`, `password`, `url`, `otherUrls`, `notes`, `otp`,
 * `container`, `folder`, `category`, `organization`, `customFields` ([{name, value}]),
 * `modifiedAt`, `kind` (default `login`) and `skip` ({reason}). Keys may be snake_case. The file
 * is written by people or scripts, so a value of the wrong type is a problem to fix, and the
 * password must be a JSON string: a number would have lost its leading zeros already.
 */
import { quoteCell, type SourceReport } from '../errors.js';
import { headerKey, listHeaders } from '../headers.js';
import { distinctPositions, exact, isoTime, present, trimmed, vaultEntry } from './entry.js';
import { arrayElementLines, isObject } from './json-text.js';
import type { VaultEntry, VaultKind } from './types.js';

const TEXT_KEYS = [
  'name',
  'username',
  'password',
  'url',
  'notes',
  'otp',
  'container',
  'folder',
  'category',
  'organization',
  'modifiedAt',
] as const;
const OTHER_KEYS = ['kind', 'otherUrls', 'customFields', 'skip', 'source'] as const;
type Key = (typeof TEXT_KEYS)[number] | (typeof OTHER_KEYS)[number];

const BY_HEADER_KEY = new Map<string, Key>([...TEXT_KEYS, ...OTHER_KEYS].map((key) => [headerKey(key), key]));
const KINDS: readonly VaultKind[] = ['login', 'note', 'card', 'identity', 'other'];

class CanonicalRecord {
  readonly values = new Map<Key, { key: string; value: unknown }>();
  readonly unknown: string[] = [];

  constructor(
    readonly line: number,
    record: Record<string, unknown>,
    private readonly report: SourceReport,
  ) {
    for (const [key, value] of Object.entries(record)) {
      const known = BY_HEADER_KEY.get(headerKey(key));
      if (known === undefined) this.unknown.push(key);
      else if (value !== null && !this.values.has(known)) this.values.set(known, { key, value });
    }
  }

  problem(key: string, message: string, fix: string): void {
    this.report.problem(this.line, key, message, fix);
  }

  text(key: (typeof TEXT_KEYS)[number]): string | undefined {
    const found = this.values.get(key);
    if (found === undefined) return undefined;
    if (typeof found.value === 'string') return found.value;
    this.problem(
      found.key,
      `expected a string, found ${describe(found.value)}`,
      'Write the value in quotes.',
    );
    return undefined;
  }

  list<T>(key: 'otherUrls' | 'customFields', item: (value: unknown) => T | undefined, shape: string): T[] {
    const found = this.values.get(key);
    if (found === undefined) return [];
    const items = Array.isArray(found.value) ? found.value.map(item) : [undefined];
    if (items.some((value) => value === undefined)) {
      this.problem(found.key, `expected ${shape}`, `Give ${shape}.`);
      return [];
    }
    return items as T[];
  }
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
}

function buildEntry(record: CanonicalRecord, file: string): VaultEntry {
  const kindValue = record.values.get('kind');
  let kind: VaultKind = 'login';
  if (kindValue !== undefined) {
    if (KINDS.includes(kindValue.value as VaultKind)) kind = kindValue.value as VaultKind;
    else
      record.problem(
        kindValue.key,
        `${quoteCell(String(kindValue.value))} is not a kind`,
        `Use one of ${KINDS.join(', ')}.`,
      );
  }
  const skipValue = record.values.get('skip')?.value;
  const skip =
    typeof skipValue === 'string'
      ? skipValue
      : isObject(skipValue)
        ? String(skipValue.reason ?? 'skipped')
        : undefined;
  const modified = record.text('modifiedAt');
  const modifiedAt = isoTime(modified);
  if (present(modified) && modifiedAt === undefined) {
    record.problem(
      record.values.get('modifiedAt')?.key ?? 'modifiedAt',
      `${quoteCell(modified as string)} is not a date`,
      'Write an ISO 8601 date, such as 2026-01-31T12:00:00Z.',
    );
  }
  return vaultEntry({
    source: { file, line: record.line },
    kind,
    skip: present(skip),
    name: record.text('name'),
    username: trimmed(record.text('username')),
    password: exact(record.text('password')),
    url: trimmed(record.text('url')),
    otherUrls: record.list(
      'otherUrls',
      (value) => (typeof value === 'string' ? value : undefined),
      'a list of URL strings',
    ),
    notes: present(record.text('notes')),
    otp: trimmed(record.text('otp')),
    container: trimmed(record.text('container')),
    folder: trimmed(record.text('folder')),
    category: trimmed(record.text('category')),
    organization: trimmed(record.text('organization')),
    customFields: record.list(
      'customFields',
      (value) =>
        isObject(value) && typeof value.name === 'string' && typeof value.value === 'string'
          ? { name: value.name, value: value.value }
          : undefined,
      'a list of {"name": "...", "value": "..."} objects',
    ),
    modifiedAt,
  });
}

/** Reads gluekit's vault JSON (`root` already parsed from `text`). */
export function readCanonicalJson(text: string, root: unknown, report: SourceReport): VaultEntry[] {
  const wrapped = isObject(root) && Array.isArray(root.entries);
  const list = wrapped ? (root.entries as unknown[]) : Array.isArray(root) ? root : [];
  const lines = arrayElementLines(text, wrapped ? ['entries'] : []);
  const entries: VaultEntry[] = [];
  const unknown = new Set<string>();
  list.forEach((value, index) => {
    const line = lines[index] ?? index + 1;
    if (!isObject(value)) {
      report.problem(
        line,
        undefined,
        `expected an entry ({...}), found ${describe(value)}`,
        'Make every element of the list an object.',
      );
      return;
    }
    const record = new CanonicalRecord(line, value, report);
    for (const key of record.unknown) unknown.add(key);
    entries.push(buildEntry(record, report.file));
  });
  if (unknown.size > 0) {
    report.warn(lines[0] ?? 1, `keys not used: ${listHeaders([...unknown])} (a typo in a key name?)`);
  }
  return distinctPositions(entries, report);
}
