/**
 * Which reader a vault export goes to: a zip is 1PUX, XML is KeePass 2, JSON is Bitwarden, a
 * 1PUX `export.data` or gluekit's own, and anything else is CSV, whose header decides. With
 * `auto` the choice comes with a sentence saying what decided it; a named format that does not
 * fit the file is an error saying what the file is.
 */
import { failSource, SourceInputError, SourceReport } from '../errors.js';
import { decodeSourceBytes } from '../input.js';
import { BITWARDEN_CSV, readBitwardenJson } from './bitwarden.js';
import { readCanonicalJson } from './canonical.js';
import { readVaultCsv, Tally, type VaultContext, type VaultCsvSpec } from './csv-read.js';
import { looksLikeKdbx } from './input.js';
import { ITGLUE_CSV } from './itglue-csv.js';
import { isObject, parseJsonText } from './json-text.js';
import { KEEPASS1_CSV, KEEPASSXC_CSV } from './keepass-csv.js';
import { readKeePassXml } from './keepass-xml.js';
import { LASTPASS_CSV } from './lastpass.js';
import { ONEPASSWORD_CSV } from './onepassword-csv.js';
import { readOnePux, readOnePuxData } from './onepux.js';
import type { VaultEntry, VaultFormat, VaultReadOptions, VaultSource } from './types.js';
import { VAULT_FORMATS } from './types.js';
import { stripUrlCredentials } from './url-credentials.js';
import { looksLikeZip } from './zip.js';

const CSV_SPECS: readonly VaultCsvSpec[] = [
  BITWARDEN_CSV,
  KEEPASSXC_CSV,
  KEEPASS1_CSV,
  ONEPASSWORD_CSV,
  LASTPASS_CSV,
  ITGLUE_CSV,
];

const LABELS: Record<VaultFormat, string> = {
  'bitwarden-csv': 'Bitwarden CSV export',
  'bitwarden-json': 'Bitwarden JSON export',
  'keepass-xml': 'KeePass 2 XML export',
  'keepassxc-csv': 'KeePassXC CSV export',
  'keepass1-csv': 'KeePass "KeePass CSV (1.x)" export',
  '1password-csv': '1Password CSV export',
  '1pux': '1Password 1PUX export',
  'lastpass-csv': 'LastPass CSV export',
  'itglue-csv': 'IT Glue password import CSV',
  json: 'gluekit vault JSON',
};

type Kind = 'zip' | 'xml' | 'json' | 'csv';
const KIND_FORMATS: Record<Kind, readonly VaultFormat[]> = {
  zip: ['1pux'],
  xml: ['keepass-xml'],
  json: ['bitwarden-json', '1pux', 'json'],
  csv: CSV_SPECS.map((spec) => spec.format),
};
const KIND_NAMES: Record<Kind, string> = { zip: 'a zip archive', xml: 'XML', json: 'JSON', csv: 'CSV' };

function checkWanted(wanted: VaultFormat | 'auto', kind: Kind, file: string): void {
  if (wanted !== 'auto' && !VAULT_FORMATS.includes(wanted)) {
    failSource({
      file,
      message: `"${wanted}" is not a vault format`,
      fix: `Use one of auto, ${VAULT_FORMATS.join(', ')}.`,
    });
  }
  if (wanted === 'auto' || KIND_FORMATS[kind].includes(wanted)) return;
  failSource({
    file,
    line: 1,
    message: `the file is ${KIND_NAMES[kind]}, but a ${LABELS[wanted]} is not`,
    fix: `Pass the ${LABELS[wanted]}, or a \`format\` read from ${KIND_NAMES[kind]} (${KIND_FORMATS[kind].join(', ')}).`,
  });
}

function detected(format: VaultFormat, by: string): string {
  return `auto-detected ${format} (${LABELS[format]}) from ${by}`;
}

function keysOf(root: Record<string, unknown>, keys: readonly string[]): string {
  return keys
    .filter((key) => key in root)
    .map((key) => JSON.stringify(key))
    .join(', ');
}

function readJson(
  text: string,
  report: SourceReport,
  wanted: VaultFormat | 'auto',
): Omit<VaultSource, 'warnings'> {
  const root = parseJsonText(text, report.file);
  const object = isObject(root) ? root : undefined;
  let format: VaultFormat | undefined = wanted === 'auto' ? undefined : wanted;
  let detection: string | undefined;
  if (format === undefined) {
    if (
      object &&
      ('encrypted' in object ||
        'passwordProtected' in object ||
        (Array.isArray(object.items) && ('folders' in object || 'collections' in object)))
    ) {
      format = 'bitwarden-json';
      detection = detected(
        format,
        `the keys ${keysOf(object, ['encrypted', 'passwordProtected', 'folders', 'collections', 'items'])}`,
      );
    } else if (object && Array.isArray(object.accounts)) {
      format = '1pux';
      detection = detected(format, 'the key "accounts" (an unzipped export.data)');
    } else if (Array.isArray(root) || (object && Array.isArray(object.entries))) {
      format = 'json';
      detection = detected(format, Array.isArray(root) ? 'a list of entries' : 'the key "entries"');
    } else {
      failSource({
        file: report.file,
        line: 1,
        message: `cannot tell which vault wrote this JSON (keys: ${object ? keysOf(object, Object.keys(object)).slice(0, 200) || 'none' : 'not an object'}). Expected: bitwarden-json ({"encrypted": false, "folders" or "collections", "items"}), 1pux export.data ({"accounts"}), or json ([{"name", "username", "password", …}] or {"entries": [...]})`,
        fix: `Export again from the vault in one of the formats this reads (${VAULT_FORMATS.join(', ')}), or pass \`format\`.`,
      });
    }
  }
  if (format === 'bitwarden-json') {
    return { format, detection, rows: readBitwardenJson(text, object ?? {}, report) };
  }
  if (format === '1pux') return { format, detection, rows: readOnePuxData(root, report) };
  if (!Array.isArray(root) && !(object && Array.isArray(object.entries))) {
    failSource({
      file: report.file,
      line: 1,
      message: 'gluekit vault JSON is a list of entries, or {"entries": [...]}',
      fix: 'Wrap the entries in a list, or pass the `format` of the vault that wrote the file.',
    });
  }
  return { format: 'json', detection, rows: readCanonicalJson(text, root, report) };
}

function readText(
  text: string,
  context: VaultContext,
  wanted: VaultFormat | 'auto',
): Omit<VaultSource, 'warnings'> {
  const { report } = context;
  if (text.trim() === '') {
    failSource({
      file: report.file,
      line: 1,
      message: 'the file is empty',
      fix: 'Export the vault again; an empty file is never read as "no entries".',
    });
  }
  const first = /\S/.exec(text)?.[0];
  const kind: Kind = first === '<' ? 'xml' : first === '{' || first === '[' ? 'json' : 'csv';
  checkWanted(wanted, kind, report.file);
  if (kind === 'xml') {
    const rows = readKeePassXml(text, report);
    const detection =
      wanted === 'auto' ? detected('keepass-xml', 'the root element <KeePassFile>') : undefined;
    return { format: 'keepass-xml', detection, rows };
  }
  if (kind === 'json') return readJson(text, report, wanted);
  return readVaultCsv(text, CSV_SPECS, wanted, context);
}

/** Reads a vault export from its bytes (a zip) or text; throws a SourceInputError listing every problem. */
export function readVault(
  input: { bytes: Uint8Array } | { text: string },
  file: string,
  options: VaultReadOptions,
  maxBytes: number,
): VaultSource {
  const wanted = options.format ?? 'auto';
  const report = new SourceReport(file);
  const context: VaultContext = {
    report,
    options: { unescapeLastPass: options.unescapeLastPass === true },
    tally: new Tally(),
  };
  let result: Omit<VaultSource, 'warnings'>;
  try {
    if ('bytes' in input && looksLikeZip(input.bytes)) {
      checkWanted(wanted, 'zip', file);
      const rows: VaultEntry[] = readOnePux(input.bytes, report, maxBytes);
      result = {
        format: '1pux',
        detection: wanted === 'auto' ? detected('1pux', 'a zip file holding export.data') : undefined,
        rows,
      };
    } else if ('bytes' in input && looksLikeKdbx(input.bytes)) {
      failSource({
        file,
        message: 'this is an encrypted KeePass database (.kdbx), not an export',
        fix: 'In KeePass use File > Export > "KeePass XML (2.x)"; in KeePassXC, Database > Export > CSV.',
      });
    } else {
      const text = 'bytes' in input ? decodeSourceBytes(input.bytes, file) : input.text;
      result = readText(text, context, wanted);
    }
  } catch (error) {
    // Damage that stops reading comes with the problems found before it.
    if (error instanceof SourceInputError && report.problems.length > 0) {
      throw new SourceInputError([...report.problems, ...error.problems]);
    }
    throw error;
  }
  report.throwIfAny();
  const rows = stripUrlCredentials(result.rows, report);
  return { ...result, rows, warnings: report.warnings };
}
