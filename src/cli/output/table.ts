/** Plain aligned tables for people at a terminal. */
import { terminalText } from '../../core/terminal-text.js';

const MAX_CELL = 60;

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One line, no control characters (a value may hold any: see terminalText), at most MAX_CELL. */
function oneLineCell(text: string): string {
  const oneLine = terminalText(text.replace(/\s+/g, ' '));
  return oneLine.length > MAX_CELL ? `${oneLine.slice(0, MAX_CELL - 1)}…` : oneLine;
}

const SHORT_LABELS: Record<string, string> = {
  organizationName: 'organization',
  organizationTypeName: 'type',
  organizationStatusName: 'status',
  configurationTypeName: 'type',
  passwordCategoryName: 'category',
  serialNumber: 'serial',
};

/** A column header for people: `updatedAt` → `UPDATED AT`, and short names for the long ones. */
export function columnLabel(path: string): string {
  const label = SHORT_LABELS[path] ?? path.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/\./g, ' ');
  return label.toUpperCase();
}

export function renderTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  bold: (s: string) => string,
): string {
  const labels = headers.map(columnLabel);
  const cells = rows.map((row) => row.map((value) => oneLineCell(cellText(value))));
  const widths = labels.map((label, column) =>
    Math.max(label.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [bold(line(labels)), ...cells.map(line)].join('\n');
}

/** One record as two columns: field, value. */
export function renderRecord(record: Record<string, unknown>, bold: (s: string) => string): string {
  const entries = Object.entries(record).filter(([key]) => key !== 'type' && key !== 'relationships');
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries
    .map(([key, value]) => `${bold(key.padEnd(width))}  ${oneLineCell(cellText(value))}`)
    .join('\n');
}
