/**
 * CSV output (RFC 4180), safe to open in a spreadsheet without changing the data a script reads.
 *
 * A cell that starts with `=`, `@`, a tab or a CR is a formula to Excel and LibreOffice, and so is
 * one that starts with `+` or `-`, unless it is a number or a phone number (`-12.5`,
 * `+1 (509) 555-3916`), which a spreadsheet reads as a value. Only formula cells get the guard (a
 * leading apostrophe); `--csv-formula-guard off` turns it off for a program that reads the CSV.
 */
import { cellText } from './table.js';

const ALWAYS_FORMULA = /^[=@\t\r]/;
const SIGNED = /^[+-]/;
const NUMBER = /^[+-]?(\d[\d,]*)?(\.\d+)?(e[+-]?\d+)?$/i;
// Digits with the separators phone numbers are written with, and an optional extension.
const PHONE = /^\+?[\d\s().\-/]*\d[\d\s().\-/]*(\s*(x|ext\.?)\s*\d+)?$/i;

export function isFormulaLike(text: string): boolean {
  if (ALWAYS_FORMULA.test(text)) return true;
  if (!SIGNED.test(text)) return false;
  return !(NUMBER.test(text) && /\d/.test(text)) && !PHONE.test(text);
}

export interface CsvOptions {
  /** Prefix formula-like cells with an apostrophe (the default). */
  formulaGuard?: boolean;
}

export function csvCell(value: unknown, options: CsvOptions = {}): string {
  let text = cellText(value);
  if (options.formulaGuard !== false && isFormulaLike(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(
  headers: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: CsvOptions = {},
): string {
  const line = (cells: readonly unknown[]) => cells.map((cell) => csvCell(cell, options)).join(',');
  return [line(headers), ...rows.map(line)].join('\n');
}
