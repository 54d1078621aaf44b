/**
 * Matching column headers (and JSON keys) to fields. Exports spell the same column many ways
 * (`User principal name`, `userPrincipalName`, `user_principal_name`), so a header is compared by
 * its key: lowercased, with whitespace, underscores and hyphens removed. Each format lists the
 * spellings it accepts per field in an alias table.
 */

/** Field name → the header spellings that mean it. */
import type { SourceReport } from './errors.js';

export type AliasTable<Field extends string = string> = Readonly<Record<Field, readonly string[]>>;

const IGNORED = /[\s_-]+/g;

/** The comparison key of a header: `First Name`, `first_name` and `firstName` are all `firstname`. */
export function headerKey(header: string): string {
  return header.replace(IGNORED, '').toLowerCase();
}

export interface ColumnMatch<Field extends string> {
  /** Field → the index of the column that holds it. */
  columns: Map<Field, number>;
  /** Fields more than one column claims (`email` and `E-mail`): the reader reports these. */
  duplicates: Array<{ field: Field; headers: string[] }>;
  /** Headers no field claims, as written. */
  unused: string[];
}

/** Field → its alias keys, computed once per table. */
export function aliasKeys<Field extends string>(table: AliasTable<Field>): Map<string, Field> {
  const byKey = new Map<string, Field>();
  for (const field of Object.keys(table) as Field[]) {
    for (const alias of table[field]) byKey.set(headerKey(alias), field);
  }
  return byKey;
}

export function matchColumns<Field extends string>(
  headers: readonly string[],
  table: AliasTable<Field>,
): ColumnMatch<Field> {
  const byKey = aliasKeys(table);
  const columns = new Map<Field, number>();
  const claimed = new Map<Field, string[]>();
  const unused: string[] = [];
  headers.forEach((header, index) => {
    const field = byKey.get(headerKey(header));
    if (field === undefined) {
      if (header.trim()) unused.push(header);
      return;
    }
    if (!columns.has(field)) columns.set(field, index);
    claimed.set(field, [...(claimed.get(field) ?? []), header]);
  });
  const duplicates = [...claimed]
    .filter(([, names]) => names.length > 1)
    .map(([field, names]) => ({ field, headers: names }));
  return { columns, duplicates, unused };
}

/**
 * A list of headers for a message: `"Name", "Email"`, each shortened to 40 characters and the
 * list after `max`. A file without a header line has data where its headers should be, so the
 * cells shown are kept short.
 */
export function listHeaders(headers: readonly string[], max = 12): string {
  const shown = headers
    .slice(0, max)
    .map((header) => JSON.stringify(header.length > 40 ? `${header.slice(0, 40)}…` : header));
  return headers.length > max ? `${shown.join(', ')} and ${headers.length - max} more` : shown.join(', ');
}

/** One problem for each field that two or more headers give, on the header line. */
export function reportDuplicateColumns<Field extends string>(
  match: ColumnMatch<Field>,
  fields: AliasTable<Field>,
  headerLine: number,
  report: SourceReport,
): void {
  for (const duplicate of match.duplicates) {
    report.problem(
      headerLine,
      duplicate.headers.join(', '),
      `${duplicate.headers.length} columns all give ${fields[duplicate.field]?.[0] ?? duplicate.field}`,
      'Remove or rename all but one of them.',
    );
  }
}

/**
 * Whether the row has cells with data past the header's last column (a cell with an unquoted
 * delimiter, usually); if so it is reported, with `fix`, and the caller passes the row over.
 */
export function reportExtraCells(
  cells: readonly string[],
  columns: number,
  line: number,
  report: SourceReport,
  fix: string,
): boolean {
  if (cells.length <= columns || cells.slice(columns).every((cell) => cell.trim() === '')) return false;
  report.problem(
    line,
    undefined,
    `the row has ${cells.length} cells but the header has ${columns} columns`,
    fix,
  );
  return true;
}
