/**
 * 1Password 8's CSV export: `Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes`
 * (research §2c); 1Password 7's also has `Type`. `Archived` is `true`/`false`. The CSV carries no
 * vault name, so its entries have no container: use --org, or export 1PUX, which does.
 */
import { loginCells, type VaultContext, type VaultCsvRow, type VaultCsvSpec } from './csv-read.js';
import { vaultEntry } from './entry.js';
import type { VaultEntry, VaultKind } from './types.js';

const FIELDS = {
  title: ['Title'],
  url: ['Url'],
  username: ['Username'],
  password: ['Password'],
  otp: ['OTPAuth'],
  archived: ['Archived'],
  notes: ['Notes'],
  type: ['Type'],
} as const;

type Field = keyof typeof FIELDS;

const KINDS: Record<string, VaultKind> = {
  login: 'login',
  password: 'login',
  'secure note': 'note',
  'credit card': 'card',
  identity: 'identity',
};

function buildEntry(row: VaultCsvRow<Field>, { report }: VaultContext): VaultEntry {
  const type = row.text('type');
  return vaultEntry({
    source: { file: report.file, line: row.line },
    kind: type === undefined ? 'login' : (KINDS[type.toLowerCase()] ?? 'other'),
    what: `1Password ${type} item`,
    skip:
      row.text('archived')?.toLowerCase() === 'true'
        ? 'archived in 1Password: archived items are not imported'
        : undefined,
    ...loginCells(row, { name: 'title' }),
  });
}

export const ONEPASSWORD_CSV: VaultCsvSpec<Field> = {
  format: '1password-csv',
  label: '1Password CSV export',
  fields: FIELDS,
  signature: [
    'Title',
    'Url',
    'Username',
    'Password',
    'OTPAuth',
    'Favorite',
    'Archived',
    'Tags',
    'Notes',
    'Type',
  ],
  reads: { csv: true, json: false },
  requires: ['title'],
  build: buildEntry,
};
