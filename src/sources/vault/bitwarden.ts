/**
 * Bitwarden exports (research §2c). CSV, personal (`folder,favorite,type,name,notes,fields,
 * reprompt,login_uri,…`) or organization (`collections,type,name,…`), with or without `reprompt`;
 * and unencrypted JSON (`{encrypted:false, folders|collections, items}`). An encrypted JSON export
 * cannot be read without the account's keys, so it is refused with what to export instead.
 *
 * The container is the collection when there is one (organization vaults share by collection,
 * which is how an MSP separates clients) and the folder otherwise.
 */
import { failSource, type SourceReport } from '../errors.js';
import type { VaultContext, VaultCsvRow, VaultCsvSpec } from './csv-read.js';
import { distinctPositions, exact, isoTime, present, splitUrls, trimmed, vaultEntry } from './entry.js';
import { arrayElementLines, isObject } from './json-text.js';
import type { VaultEntry, VaultKind } from './types.js';

const CSV_KINDS: Record<string, VaultKind> = {
  login: 'login',
  note: 'note',
  card: 'card',
  identity: 'identity',
};

/** `fields` holds one `name: value` per line (Bitwarden's exporter joins them so). */
function parseFieldLines(text: string | undefined): Array<{ name: string; value: string }> {
  if (text === undefined) return [];
  return text
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(': ');
      if (colon === -1) return { name: line.replace(/:$/, '').trim(), value: '' };
      return { name: line.slice(0, colon).trim(), value: line.slice(colon + 2) };
    });
}

/** The first collection is the container; an item shared into several is mapped by that one. */
function firstCollection(names: readonly string[], line: number, report: SourceReport): string | undefined {
  if (names.length > 1) {
    report.warn(
      line,
      `the entry is in ${names.length} collections; it is mapped by the first, "${names[0]}"`,
    );
  }
  return names[0];
}

const CSV_FIELDS = {
  folder: ['folder'],
  collections: ['collections'],
  type: ['type'],
  name: ['name'],
  notes: ['notes'],
  fields: ['fields'],
  uri: ['login_uri'],
  username: ['login_username'],
  password: ['login_password'],
  totp: ['login_totp'],
} as const;

type CsvField = keyof typeof CSV_FIELDS;

function buildCsvEntry(row: VaultCsvRow<CsvField>, { report }: VaultContext): VaultEntry {
  const type = row.text('type')?.toLowerCase() ?? 'login';
  const folder = row.text('folder');
  // Bitwarden joins a login's URIs, and an item's collections, with commas in one cell.
  const collections = (row.text('collections') ?? '').split(',').filter((name) => name.trim() !== '');
  return vaultEntry({
    source: { file: report.file, line: row.line },
    kind: CSV_KINDS[type] ?? 'other',
    what: `Bitwarden ${type} item`,
    name: row.text('name'),
    username: row.text('username'),
    password: row.exact('password'),
    ...splitUrls((row.text('uri') ?? '').split(',')),
    notes: row.raw('notes'),
    otp: row.text('totp'),
    container:
      firstCollection(
        collections.map((name) => name.trim()),
        row.line,
        report,
      ) ?? folder,
    folder,
    customFields: parseFieldLines(row.raw('fields')),
  });
}

export const BITWARDEN_CSV: VaultCsvSpec<CsvField> = {
  format: 'bitwarden-csv',
  label: 'Bitwarden CSV export',
  fields: CSV_FIELDS,
  signature: [
    'folder',
    'favorite',
    'type',
    'name',
    'notes',
    'fields',
    'reprompt',
    'login_uri',
    'login_username',
    'login_password',
    'login_totp',
    'collections',
  ],
  reads: { csv: true, json: false },
  requires: ['password'],
  build: buildCsvEntry,
};

const JSON_KINDS: Record<number, VaultKind> = { 1: 'login', 2: 'note', 3: 'card', 4: 'identity' };

/** Item type numbers beyond the four classic ones, for the skip reason. */
const JSON_TYPE_NAMES: Record<number, string> = { 5: 'SSH key' };

/** Bitwarden custom field types: 0 text, 1 hidden, 2 boolean, 3 linked (no value of its own). */
const SHOWN_FIELD_TYPES = new Set([0, 2]);

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function names(list: unknown): Map<string, string> {
  const byId = new Map<string, string>();
  if (!Array.isArray(list)) return byId;
  for (const item of list) {
    if (isObject(item) && typeof item.id === 'string' && typeof item.name === 'string')
      byId.set(item.id, item.name);
  }
  return byId;
}

/** Refuses an encrypted export: its items are ciphertext. */
export function refuseEncryptedBitwarden(root: Record<string, unknown>, file: string): void {
  if (root.encrypted !== true && root.passwordProtected !== true) return;
  const how = root.passwordProtected === true ? 'password-protected' : 'account-restricted';
  failSource({
    file,
    line: 1,
    message: `this is an encrypted Bitwarden export (${how} "JSON (Encrypted)"); its entries cannot be read`,
    fix: 'In Bitwarden, export the vault again with File format "JSON" (not "JSON (Encrypted)") or ".csv", and delete the plain file once the mirror is done.',
  });
}

function buildJsonEntry(
  item: Record<string, unknown>,
  line: number,
  folders: Map<string, string>,
  collections: Map<string, string>,
  report: SourceReport,
): VaultEntry {
  const login = isObject(item.login) ? item.login : {};
  const type = typeof item.type === 'number' ? item.type : 0;
  const uris = Array.isArray(login.uris)
    ? login.uris.map((uri) => (isObject(uri) ? text(uri.uri) : undefined))
    : [];
  const fields = Array.isArray(item.fields) ? item.fields.filter(isObject) : [];
  const collectionNames = (Array.isArray(item.collectionIds) ? item.collectionIds : [])
    .map((id) => collections.get(String(id)))
    .filter((name): name is string => name !== undefined);
  const folder = typeof item.folderId === 'string' ? folders.get(item.folderId) : undefined;
  const skip = present(text(item.deletedDate))
    ? 'in the Bitwarden trash: deleted items are not imported'
    : present(text(item.archivedDate))
      ? 'archived in Bitwarden: archived items are not imported'
      : undefined;
  return vaultEntry({
    source: { file: report.file, line },
    kind: JSON_KINDS[type] ?? 'other',
    what: `Bitwarden ${JSON_TYPE_NAMES[type] ?? `type ${type}`} item`,
    skip,
    name: text(item.name),
    username: trimmed(text(login.username)),
    password: exact(text(login.password)),
    ...splitUrls(uris),
    notes: present(text(item.notes)),
    otp: trimmed(text(login.totp)),
    container: firstCollection(collectionNames, line, report) ?? folder,
    folder,
    customFields: fields
      .filter((field) => SHOWN_FIELD_TYPES.has(Number(field.type ?? 0)) && text(field.name) !== undefined)
      .map((field) => ({
        name: text(field.name) as string,
        value: text(field.value) ?? String(field.value ?? ''),
      })),
    modifiedAt: isoTime(text(item.revisionDate)),
  });
}

/** Reads the items of an unencrypted Bitwarden JSON export (`root` already parsed from `text`). */
export function readBitwardenJson(
  text: string,
  root: Record<string, unknown>,
  report: SourceReport,
): VaultEntry[] {
  refuseEncryptedBitwarden(root, report.file);
  if (!Array.isArray(root.items)) {
    failSource({
      file: report.file,
      line: 1,
      message: 'the JSON has no "items" list, so it is not a Bitwarden export',
      fix: 'In Bitwarden, use Tools > Export vault with File format "JSON", or pass another `format`.',
    });
  }
  const folders = names(root.folders);
  const collections = names(root.collections);
  const lines = arrayElementLines(text, ['items']);
  const entries: VaultEntry[] = [];
  root.items.forEach((item, index) => {
    const line = lines[index] ?? index + 1;
    if (!isObject(item)) {
      report.problem(
        line,
        'items',
        'expected an item ({...})',
        'Export the vault again; the file is damaged.',
      );
      return;
    }
    entries.push(buildJsonEntry(item, line, folders, collections, report));
  });
  return distinctPositions(entries, report);
}
