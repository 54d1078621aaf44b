/** CSV output (RFC 4180), safe to open in a spreadsheet. */
import { cellText } from './table.js';

// A cell starting with one of these is a formula to Excel and LibreOffice: exported IT Glue data
// must never run as one, so it is prefixed with an apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = cellText(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [headers.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\n');
}
