/**
 * KeePass-family CSV exports (research §2c).
 *
 * KeePassXC: `"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified",
 * "Created"` (older KeePassX 2: the first six). `Group` is the path from the root group down
 * (`Root/Acme/Servers`); the root group's own name says nothing about the entry, so the container
 * is the path below it, the same as for KeePass XML. KeePassXC exports the recycle bin like any
 * other group: entries under `Recycle Bin` are returned skipped.
 *
 * KeePass 2's "KeePass CSV (1.x)": `"Account","Login Name","Password","Web Site","Comments"`, no
 * group, every entry of the database (recycle bin included, which the file cannot show), and its
 * own backslash escaping (see backslash-csv.ts).
 */
import { loginCells, type VaultContext, type VaultCsvRow, type VaultCsvSpec } from './csv-read.js';
import { isoTime, joinPath, vaultEntry } from './entry.js';
import type { VaultEntry } from './types.js';

const RECYCLE_BIN = 'Recycle Bin';

const KEEPASSXC_FIELDS = {
  group: ['Group'],
  title: ['Title'],
  username: ['Username'],
  password: ['Password'],
  url: ['URL'],
  notes: ['Notes'],
  totp: ['TOTP'],
  modified: ['Last Modified'],
} as const;

type KeePassXcField = keyof typeof KEEPASSXC_FIELDS;

function buildKeePassXcEntry(row: VaultCsvRow<KeePassXcField>, { report }: VaultContext): VaultEntry {
  const [, ...below] = (row.text('group') ?? '').split('/');
  const path = joinPath(below);
  return vaultEntry({
    source: { file: report.file, line: row.line },
    kind: 'login',
    skip:
      below[0]?.trim() === RECYCLE_BIN
        ? 'in the KeePass recycle bin: deleted entries are not imported'
        : undefined,
    ...loginCells(row, { name: 'title', otp: 'totp' }),
    container: path,
    folder: path,
    modifiedAt: isoTime(row.text('modified')),
  });
}

export const KEEPASSXC_CSV: VaultCsvSpec<KeePassXcField> = {
  format: 'keepassxc-csv',
  label: 'KeePassXC CSV export',
  fields: KEEPASSXC_FIELDS,
  signature: [
    'Group',
    'Title',
    'Username',
    'Password',
    'URL',
    'Notes',
    'TOTP',
    'Icon',
    'Last Modified',
    'Created',
  ],
  reads: { csv: true, json: false },
  requires: ['title'],
  build: buildKeePassXcEntry,
};

const KEEPASS1_FIELDS = {
  account: ['Account'],
  loginName: ['Login Name'],
  password: ['Password'],
  webSite: ['Web Site'],
  comments: ['Comments'],
} as const;

type KeePass1Field = keyof typeof KEEPASS1_FIELDS;

function buildKeePass1Entry(row: VaultCsvRow<KeePass1Field>, { report }: VaultContext): VaultEntry {
  return vaultEntry({
    source: { file: report.file, line: row.line },
    kind: 'login',
    ...loginCells(row, { name: 'account', username: 'loginName', url: 'webSite', notes: 'comments' }),
  });
}

export const KEEPASS1_CSV: VaultCsvSpec<KeePass1Field> = {
  format: 'keepass1-csv',
  label: 'KeePass "KeePass CSV (1.x)" export',
  fields: KEEPASS1_FIELDS,
  signature: ['Account', 'Login Name', 'Password', 'Web Site', 'Comments'],
  reads: { csv: true, json: false },
  requires: ['account'],
  backslashEscapes: true,
  build: buildKeePass1Entry,
};
