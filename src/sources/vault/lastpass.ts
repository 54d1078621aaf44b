/**
 * LastPass's CSV export: `url,username,password,totp,extra,name,grouping,fav` (older exports lack
 * `totp`). Secure notes have the URL `http://sn`; an empty folder is written as a row with the URL
 * `http://group`, which is no entry at all and is left out. `grouping` separates sub-folders with
 * backslashes and may be `(none)`.
 *
 * HTML entities (research §2d P3): the browser extension's export writes `&` as `&amp;` (and
 * `<`, `>` likewise) in every field, the password included (bitwarden/web#40, #101); the web
 * vault's export does not. A literal `&amp;` cannot be told from an escaped `&`, so by default
 * every value is kept byte-exact and ONE warning says how many rows hold entities. With
 * `unescapeLastPass` the user says the file is escaped, and then all fields are decoded,
 * passwords too: an escaped file escaped them, and decoding all but the password would leave
 * exactly the broken passwords that issue reports.
 */
import type { VaultContext, VaultCsvRow, VaultCsvSpec } from './csv-read.js';
import { joinPath, vaultEntry } from './entry.js';
import type { VaultEntry } from './types.js';

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/i;
const ENTITIES = /&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references, in one pass (`&amp;lt;` → `&lt;`). */
export function decodeHtmlEntities(value: string): string {
  return value.replace(ENTITIES, (whole, name: string) => {
    const named = NAMED[name.toLowerCase()];
    if (named !== undefined) return named;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

const FIELDS = {
  url: ['url'],
  username: ['username'],
  password: ['password'],
  totp: ['totp'],
  extra: ['extra'],
  name: ['name'],
  grouping: ['grouping'],
} as const;

type Field = keyof typeof FIELDS;

const ENTITY_KEY = 'lastpass-entities';

function buildEntry(row: VaultCsvRow<Field>, context: VaultContext): VaultEntry | undefined {
  const { report, options, tally } = context;
  const url = row.text('url');
  if (url === 'http://group') return undefined;
  const fields = Object.keys(FIELDS) as Field[];
  if (fields.some((field) => ENTITY.test(row.exact(field) ?? ''))) tally.add(ENTITY_KEY, row.line);
  const decode = options.unescapeLastPass ? decodeHtmlEntities : (value: string) => value;
  const read = (value: string | undefined) => (value === undefined ? undefined : decode(value));
  const grouping = read(row.text('grouping'));
  const path = grouping === undefined || grouping === '(none)' ? undefined : joinPath(grouping.split('\\'));
  return vaultEntry({
    source: { file: report.file, line: row.line },
    kind: url === 'http://sn' ? 'note' : 'login',
    name: read(row.text('name')),
    username: read(row.text('username')),
    password: read(row.exact('password')),
    url: url === 'http://sn' ? undefined : read(url),
    notes: read(row.raw('extra')),
    otp: row.text('totp'),
    container: path,
    folder: path,
  });
}

function finish({ report, options, tally }: VaultContext): void {
  const found = tally.get(ENTITY_KEY);
  if (found === undefined || options.unescapeLastPass) return;
  const rows = found.count === 1 ? '1 row holds' : `${found.count} rows hold`;
  report.warn(
    found.line,
    `${rows} HTML entities such as &amp;, kept as written. The LastPass browser extension exports & as &amp; (and < > likewise), passwords included; if this file came from it, read it again with \`unescapeLastPass\` to decode them`,
  );
}

export const LASTPASS_CSV: VaultCsvSpec<Field> = {
  format: 'lastpass-csv',
  label: 'LastPass CSV export',
  fields: FIELDS,
  signature: ['url', 'username', 'password', 'totp', 'extra', 'name', 'grouping', 'fav'],
  reads: { csv: true, json: false },
  requires: ['name'],
  build: buildEntry,
  finish,
};
