/** Plain aligned tables for people at a terminal. */
import { terminalText } from '../../core/terminal-text.js';

/** The widest a cell gets in a list, unless `--wide`. */
const MAX_CELL = 60;

/** The width tables are fitted to when stdout is not a terminal (`-o table` into a pipe). */
const DEFAULT_WIDTH = 100;

/**
 * The terminal's width in columns; off a terminal, `COLUMNS` (as shells and `less` use it), else
 * DEFAULT_WIDTH.
 */
export function terminalWidth(): number {
  const columns = process.stdout.isTTY === true ? process.stdout.columns : undefined;
  if (columns !== undefined && columns > 0) return columns;
  const fromEnv = Number(process.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text;
}

/** One line, no control characters (a value may hold any: see terminalText), at most `width`. */
function oneLineCell(text: string, width = MAX_CELL): string {
  return cut(terminalText(text.replace(/\s+/g, ' ')), width);
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

export interface TableOptions {
  /** No cell is cut (`--wide`). */
  wide?: boolean;
  /**
   * Fit the table to this many columns by cutting only this column (by header), which gets what
   * the others leave (at least a list cell's width); the others keep the list limit. A plan's WHAT.
   */
  fit?: { column: string; width: number };
  /** A cell's `\n` starts a new line inside its row, instead of being folded into one line. */
  multiline?: boolean;
}

const GAP = 2;

export function renderTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  bold: (s: string) => string,
  options: TableOptions = {},
): string {
  const labels = headers.map(columnLabel);
  const limit = options.wide ? Number.POSITIVE_INFINITY : MAX_CELL;
  const fitted = options.fit ? headers.indexOf(options.fit.column) : -1;
  const linesOf = (value: unknown, width: number): string[] => {
    const text = cellText(value);
    if (!options.multiline) return [oneLineCell(text, width)];
    return text.split('\n').map((line) => oneLineCell(line, width));
  };
  // Every column but the fitted one first: the fitted one gets the width they leave.
  let cells = rows.map((row) =>
    headers.map((_, column) => (column === fitted ? [] : linesOf(row[column], limit))),
  );
  const widthOf = (column: number) =>
    Math.max(
      labels[column]?.length ?? 0,
      ...cells.map((row) => Math.max(0, ...(row[column] ?? []).map((l) => l.length))),
    );
  if (fitted >= 0 && options.fit) {
    const others = headers.reduce(
      (sum, _, column) => (column === fitted ? sum : sum + widthOf(column) + GAP),
      0,
    );
    // Never narrower than a list's cell: a narrow terminal wraps the line rather than lose the text.
    const room = options.wide ? Number.POSITIVE_INFINITY : Math.max(MAX_CELL, options.fit.width - others);
    cells = cells.map((row, index) => {
      const copy = [...row];
      copy[fitted] = linesOf(rows[index]?.[fitted], room);
      return copy;
    });
  }
  const widths = headers.map((_, column) => widthOf(column));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join(' '.repeat(GAP))
      .trimEnd();
  const body = cells.flatMap((row) => {
    const height = Math.max(1, ...row.map((lines) => lines.length));
    return Array.from({ length: height }, (_, index) => line(row.map((lines) => lines[index] ?? '')));
  });
  return [bold(line(labels)), ...body].join('\n');
}

/** One record as two columns: field, value. */
export function renderRecord(
  record: Record<string, unknown>,
  bold: (s: string) => string,
  options: { wide?: boolean } = {},
): string {
  const entries = Object.entries(record).filter(([key]) => key !== 'type' && key !== 'relationships');
  const width = Math.max(...entries.map(([key]) => key.length));
  const limit = options.wide ? Number.POSITIVE_INFINITY : MAX_CELL;
  return entries
    .map(([key, value]) => `${bold(key.padEnd(width))}  ${oneLineCell(cellText(value), limit)}`)
    .join('\n');
}
