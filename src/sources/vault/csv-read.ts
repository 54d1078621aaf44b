/**
 * Reading a vault's CSV export: the header picks the format (the same signature counting as the
 * contact and device readers), then each row is built by its format. Unlike those readers, a cell
 * can be taken exactly as written, blank or not, because a password of spaces is still a password.
 */
import { CsvReader, type CsvRecord } from '../csv.js';
import { failSource, type SourceReport } from '../errors.js';
import { describeExpected, detectFormat, type FormatSpec } from '../formats.js';
import {
  type AliasTable,
  listHeaders,
  matchColumns,
  reportDuplicateColumns,
  reportExtraCells,
} from '../headers.js';
import { CsvCells } from '../records.js';
import { backslashCsv } from './backslash-csv.js';
import { exact, present, trimmed } from './entry.js';
import type { VaultEntry, VaultFormat } from './types.js';

/** Counts of things many rows share, reported once after the last row (LastPass entities). */
export class Tally {
  private readonly counts = new Map<string, { count: number; line: number }>();

  add(key: string, line: number): void {
    const seen = this.counts.get(key);
    if (seen) seen.count++;
    else this.counts.set(key, { count: 1, line });
  }

  get(key: string): { count: number; line: number } | undefined {
    return this.counts.get(key);
  }
}

export interface VaultContext {
  report: SourceReport;
  options: { unescapeLastPass: boolean };
  tally: Tally;
}

/** One CSV row, its cells looked up by field. */
export class VaultCsvRow<Field extends string> extends CsvCells<Field> {
  /** The cell exactly as written; undefined when the column is missing or the cell empty. */
  exact(field: Field): string | undefined {
    return exact(this.cell(field));
  }

  /** The cell as written (for notes); undefined when blank. */
  raw(field: Field): string | undefined {
    return present(this.exact(field));
  }

  /** The cell trimmed; undefined when blank. */
  text(field: Field): string | undefined {
    return trimmed(this.exact(field));
  }
}

type LoginColumn = 'name' | 'username' | 'password' | 'url' | 'notes' | 'otp';

/**
 * A login's name, username, URL and OTP trimmed, its password exact and its notes as written,
 * from the fields of those names or the format's own field named in `renamed`. A field the
 * format does not have reads as absent.
 */
export function loginCells<Field extends string>(
  row: VaultCsvRow<Field>,
  renamed: Partial<Record<LoginColumn, Field>> = {},
) {
  const field = (column: LoginColumn) => (renamed[column] ?? column) as Field;
  return {
    name: row.text(field('name')),
    username: row.text(field('username')),
    password: row.exact(field('password')),
    url: row.text(field('url')),
    notes: row.raw(field('notes')),
    otp: row.text(field('otp')),
  };
}

export interface VaultCsvSpec<Field extends string = string>
  extends Omit<FormatSpec<VaultFormat, Field, VaultEntry | undefined>, 'build'> {
  /** KeePass 1.x CSV escapes with backslashes instead of doubled quotes. */
  backslashEscapes?: boolean;
  /** The row's entry, or undefined for a row that is no entry at all (a LastPass folder marker). */
  build(row: VaultCsvRow<Field>, context: VaultContext): VaultEntry | undefined;
  /** Called after the last row, for warnings about the file as a whole. */
  finish?(context: VaultContext): void;
}

/** detectFormat and describeExpected read only a spec's format, label, fields and signature. */
function forDetection(specs: readonly VaultCsvSpec[]): FormatSpec<VaultFormat, string, undefined>[] {
  return specs.map((spec) => ({ ...spec, build: () => undefined }));
}

/** The spec to read with: the one asked for, or the one the headers fit best. */
function chooseCsvSpec(
  specs: readonly VaultCsvSpec[],
  wanted: VaultFormat | 'auto',
  headers: readonly string[],
  file: string,
): { spec: VaultCsvSpec; detection?: string } {
  if (wanted !== 'auto') {
    const spec = specs.find((candidate) => candidate.format === wanted);
    if (spec) return { spec };
    failSource({
      file,
      line: 1,
      message: `the file is CSV, but the ${wanted} format is not`,
      fix: `Pass the right file, or a CSV \`format\` (${specs.map((s) => s.format).join(', ')}).`,
    });
  }
  const detected = detectFormat(forDetection(specs), headers);
  if ('reason' in detected) {
    failSource({
      file,
      line: 1,
      message: `cannot tell which vault exported this CSV (${detected.reason}). Seen: ${listHeaders(headers) || 'none'}. Expected: ${describeExpected(forDetection(specs))}`,
      fix: 'Export again from the vault in one of the formats above, or pass `format`.',
    });
  }
  const spec = specs.find((candidate) => candidate.format === detected.spec.format) as VaultCsvSpec;
  return {
    spec,
    detection: `auto-detected ${spec.format} (${spec.label}) from the headers ${listHeaders(detected.matched, 4)}`,
  };
}

export function readVaultCsv(
  text: string,
  specs: readonly VaultCsvSpec[],
  wanted: VaultFormat | 'auto',
  context: VaultContext,
): { format: VaultFormat; detection?: string; rows: VaultEntry[] } {
  const { report } = context;
  const first = new CsvReader(text, { file: report.file }).next();
  if (first === undefined) {
    failSource({
      file: report.file,
      line: 1,
      message: 'the file has no header line',
      fix: 'Export the vault again; the file is empty.',
    });
  }
  const headers = first.cells;
  const { spec, detection } = chooseCsvSpec(specs, wanted, headers, report.file);
  const match = matchColumns(headers, spec.fields as AliasTable<string>);
  if (!spec.requires.some((field) => match.columns.has(field))) {
    const expected = spec.requires.map((field) => JSON.stringify(spec.fields[field]?.[0] ?? field));
    failSource({
      file: report.file,
      line: first.line,
      message: `the ${spec.label} needs a column ${expected.join(' or ')}; the file has ${listHeaders(headers) || 'no columns'}`,
      fix: 'Export the vault again, or pass the `format` that matches the file.',
    });
  }
  reportDuplicateColumns(match, spec.fields as AliasTable<string>, first.line, report);
  const records: Iterable<CsvRecord> = spec.backslashEscapes
    ? backslashCsv(text, report.file)
    : iterate(new CsvReader(text, { file: report.file }));
  const rows: VaultEntry[] = [];
  let header = true;
  for (const { line, cells } of records) {
    if (header) {
      header = false;
      continue;
    }
    if (cells.every((cell) => cell.trim() === '')) continue;
    const fix = 'Quote any cell that contains a comma, or export the file again.';
    if (reportExtraCells(cells, headers.length, line, report, fix)) continue;
    const entry = spec.build(new VaultCsvRow(line, cells, match.columns, headers), context);
    if (entry) rows.push(entry);
  }
  spec.finish?.(context);
  return { format: spec.format, detection, rows };
}

function* iterate(reader: CsvReader): Generator<CsvRecord> {
  for (let record = reader.next(); record !== undefined; record = reader.next()) yield record;
}
