/**
 * IT Glue's password import template, as its support scripts use it:
 * `name,password_folder,organization,username,password,otp_secret,password_category,url,notes`
 * (research §2c). It names the organization and the category itself, so it needs no --org-map;
 * the folder is also the container, for files that leave the organization blank.
 */
import { loginCells, type VaultContext, type VaultCsvRow, type VaultCsvSpec } from './csv-read.js';
import { vaultEntry } from './entry.js';
import type { VaultEntry } from './types.js';

const FIELDS = {
  name: ['name'],
  folder: ['password_folder', 'folder'],
  organization: ['organization', 'organization_name', 'organization_id'],
  username: ['username'],
  password: ['password'],
  otp: ['otp_secret', 'otp'],
  category: ['password_category', 'password_category_name', 'category'],
  url: ['url'],
  notes: ['notes'],
} as const;

type Field = keyof typeof FIELDS;

function buildEntry(row: VaultCsvRow<Field>, { report }: VaultContext): VaultEntry {
  const folder = row.text('folder');
  return vaultEntry({
    source: { file: report.file, line: row.line },
    kind: 'login',
    ...loginCells(row),
    container: folder,
    folder,
    category: row.text('category'),
    organization: row.text('organization'),
  });
}

export const ITGLUE_CSV: VaultCsvSpec<Field> = {
  format: 'itglue-csv',
  label: 'IT Glue password import CSV',
  // The plainest of the CSV layouts: a file that fits it as well as another is read as this one.
  canonical: true,
  fields: FIELDS,
  signature: [
    'name',
    'password_folder',
    'organization',
    'username',
    'password',
    'otp_secret',
    'password_category',
    'url',
    'notes',
  ],
  reads: { csv: true, json: false },
  requires: ['name'],
  build: buildEntry,
};
