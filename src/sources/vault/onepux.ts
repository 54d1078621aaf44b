/**
 * 1Password's 1PUX export: a zip whose `export.data` is JSON, `accounts[].vaults[].items[]`
 * (shapes from bitwarden/clients' onepassword-1pux-importer-types.ts, research §2c). The vault
 * name is the container. Logins (`categoryUuid` 001) and Password items (005) are credentials;
 * other categories are returned skipped, and so are archived items. An item has no line in a zip,
 * so an entry's position is its 1-based number in the export, counted across all vaults.
 */

import { failSource, type SourceReport } from '../errors.js';
import { decodeSourceBytes } from '../input.js';
import { exact, present, splitUrls, trimmed, vaultEntry } from './entry.js';
import { isObject, parseJsonText } from './json-text.js';
import type { VaultEntry, VaultKind } from './types.js';
import { listZip, readZipEntry } from './zip.js';

const CATEGORIES: Record<string, { kind: VaultKind; what: string }> = {
  '001': { kind: 'login', what: 'Login' },
  '002': { kind: 'card', what: 'Credit Card' },
  '003': { kind: 'note', what: 'Secure Note' },
  '004': { kind: 'identity', what: 'Identity' },
  '005': { kind: 'login', what: 'Password' },
  '006': { kind: 'other', what: 'Document' },
  '100': { kind: 'other', what: 'Software License' },
  '101': { kind: 'other', what: 'Bank Account' },
  '102': { kind: 'other', what: 'Database' },
  '109': { kind: 'other', what: 'Wireless Router' },
  '110': { kind: 'other', what: 'Server' },
  '111': { kind: 'other', what: 'Email Account' },
  '112': { kind: 'other', what: 'API Credential' },
  '114': { kind: 'other', what: 'SSH Key' },
};

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isObject) : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A login field's value: usually a string, an object for linked-account values. */
function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value)) return text(value.string) ?? text(value.email_address);
  return undefined;
}

/** Section fields: the first TOTP, and the plain-text ones (concealed values stay out). */
function sectionFields(details: Record<string, unknown>): {
  otp?: string;
  custom: Array<{ name: string; value: string }>;
} {
  let otp: string | undefined;
  const custom: Array<{ name: string; value: string }> = [];
  for (const section of list(details.sections)) {
    for (const field of list(section.fields)) {
      const value = isObject(field.value) ? field.value : {};
      const totp = trimmed(text(value.totp));
      if (totp !== undefined) {
        otp ??= totp;
        continue;
      }
      const shown =
        text(value.string) ??
        text(value.url) ??
        text(value.phone) ??
        (isObject(value.email) ? text(value.email.email_address) : undefined);
      const name = trimmed(text(field.title)) ?? trimmed(text(field.id));
      if (shown !== undefined && name !== undefined) custom.push({ name, value: shown });
    }
  }
  return { otp, custom };
}

function buildEntry(
  item: Record<string, unknown>,
  position: number,
  vault: string | undefined,
  file: string,
): VaultEntry {
  const overview = isObject(item.overview) ? item.overview : {};
  const details = isObject(item.details) ? item.details : {};
  const loginFields = list(details.loginFields);
  const designated = (designation: string) =>
    loginFields.find((field) => field.designation === designation)?.value;
  const category = CATEGORIES[String(item.categoryUuid)] ?? {
    kind: 'other' as const,
    what: `category ${String(item.categoryUuid)}`,
  };
  const state = text(item.state) ?? 'active';
  const sections = sectionFields(details);
  const updated = typeof item.updatedAt === 'number' && item.updatedAt > 0 ? item.updatedAt : undefined;
  return vaultEntry({
    source: { file, line: position },
    kind: category.kind,
    what: `1Password ${category.what} item`,
    skip:
      state === 'archived'
        ? 'archived in 1Password: archived items are not imported'
        : state !== 'active'
          ? `in state "${state}" in 1Password: only active items are imported`
          : undefined,
    name: text(overview.title),
    username: trimmed(fieldText(designated('username'))),
    password: exact(fieldText(designated('password')) ?? text(details.password)),
    ...splitUrls([text(overview.url), ...list(overview.urls).map((url) => text(url.url))]),
    notes: present(text(details.notesPlain)),
    otp: sections.otp,
    container: trimmed(vault),
    customFields: sections.custom,
    modifiedAt: updated === undefined ? undefined : new Date(updated * 1000).toISOString(),
  });
}

/** Entries of a parsed `export.data`. */
export function readOnePuxData(data: unknown, report: SourceReport): VaultEntry[] {
  if (!isObject(data) || !Array.isArray(data.accounts)) {
    failSource({
      file: report.file,
      message: 'export.data has no "accounts" list, so this is not a 1PUX export',
      fix: 'Export again from 1Password 8 with File > Export > 1PUX.',
    });
  }
  const entries: VaultEntry[] = [];
  let position = 0;
  for (const account of list(data.accounts)) {
    for (const vault of list(account.vaults)) {
      const name = isObject(vault.attrs) ? text(vault.attrs.name) : undefined;
      for (const item of Array.isArray(vault.items) ? vault.items : []) {
        position++;
        if (isObject(item)) entries.push(buildEntry(item, position, name, report.file));
        else
          report.problem(
            position,
            'items',
            'expected an item ({...})',
            'Export the vault again; the file is damaged.',
          );
      }
    }
  }
  return entries;
}

/** Reads a .1pux file's bytes. */
export function readOnePux(bytes: Uint8Array, report: SourceReport, maxBytes: number): VaultEntry[] {
  const entry = listZip(bytes, report.file).find((candidate) => candidate.name === 'export.data');
  if (!entry) {
    failSource({
      file: report.file,
      message: 'the zip file has no export.data, so it is not a 1Password 1PUX export',
      fix: 'Pass the .1pux file 1Password wrote (File > Export > 1PUX), or another `format`.',
    });
  }
  const name = `${report.file} (export.data)`;
  const textData = decodeSourceBytes(readZipEntry(bytes, entry, report.file, maxBytes), name);
  return readOnePuxData(parseJsonText(textData, name), report);
}
