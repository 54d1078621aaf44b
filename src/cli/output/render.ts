/**
 * Every command that returns records prints through here, so every output mode behaves the same:
 * one JSON envelope `{data, meta}` (`meta.source` is `live` or `local`), NDJSON one record per
 * line, CSV with a header, or a table for people. `--select` names fields that must exist, and
 * `--field NAME` prints that one value and nothing else, whatever the output mode.
 */
import { jsonForTerminal, terminalText } from '../../core/terminal-text.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';
import { renderCsv } from './csv.js';
import { fieldsOf, project, readPath, unknownPaths } from './select.js';
import { cellText, renderRecord, renderTable, terminalWidth } from './table.js';

export interface OutputMeta {
  source: 'live' | 'local';
  count?: number;
  /** The next page number, or null on the last page. */
  next?: number | null;
  [key: string]: unknown;
}

const bolder = (ctx: CliContext) => (text: string) => (ctx.color ? `\u001b[1m${text}\u001b[22m` : text);

function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** `--select` or `--field` naming a field no record has is a typo, not a column of nulls. */
function checkPaths(records: readonly object[], paths: readonly string[], flag: string): void {
  const unknown = unknownPaths(records, paths);
  if (unknown.length === 0) return;
  const names = unknown.map((path) => JSON.stringify(path)).join(', ');
  throw new UsageError(
    `${flag}: ${unknown.length === 1 ? 'no record has the field' : 'no record has the fields'} ${names}. The fields are: ${fieldsOf(records).join(', ')}`,
  );
}

/**
 * `--field NAME`: the bare values, one per record, for `| clip` or `$(…)`. Into a pipe the text is
 * exactly the value (no trailing newline after a single one); on a terminal it ends with a newline
 * and loses control characters, as every other output does.
 */
function printFieldValues(records: readonly object[], field: string): void {
  checkPaths(records, [field], '--field');
  const values = records.map((record) => cellText(readPath(record, field)));
  if (values.length === 0) return;
  if (process.stdout.isTTY === true) {
    write(terminalText(values.join('\n')));
    return;
  }
  process.stdout.write(values.length === 1 ? (values[0] as string) : `${values.join('\n')}\n`);
}

/** How a table shows a list: cells with several lines, and one column fitted to the terminal. */
export interface ListDisplay {
  multiline?: boolean;
  /** This column gets the terminal's width that the others leave. */
  fitColumn?: string;
}

/** Prints a list of records. `columns` are the default table and CSV columns. */
export function printList(
  ctx: CliContext,
  records: readonly object[],
  meta: OutputMeta,
  columns: readonly string[],
  display: ListDisplay = {},
): void {
  if (ctx.field !== undefined) {
    printFieldValues(records, ctx.field);
    return;
  }
  const selected = ctx.select ?? undefined;
  if (selected) checkPaths(records, selected, '--select');
  const shown = selected ? records.map((record) => project(record, selected)) : records;
  const fullMeta = { ...meta, count: records.length };
  switch (ctx.format) {
    case 'json':
      write(jsonForTerminal(JSON.stringify({ data: shown, meta: fullMeta }, null, 2)));
      return;
    case 'ndjson':
      for (const record of shown) write(jsonForTerminal(JSON.stringify(record)));
      return;
    case 'csv': {
      const headers = selected ?? columns;
      write(
        renderCsv(
          headers,
          records.map((record) => headers.map((path) => readPath(record, path))),
          { formulaGuard: ctx.csvFormulaGuard },
        ),
      );
      return;
    }
    default: {
      const headers = selected ?? columns;
      if (records.length === 0) {
        process.stderr.write('No records.\n');
        return;
      }
      write(
        renderTable(
          headers,
          records.map((record) => headers.map((path) => readPath(record, path))),
          bolder(ctx),
          {
            wide: ctx.wide,
            multiline: display.multiline === true,
            ...(display.fitColumn ? { fit: { column: display.fitColumn, width: terminalWidth() } } : {}),
          },
        ),
      );
      if (meta.next !== undefined && meta.next !== null && ctx.interactive) {
        process.stderr.write(`(more: --page ${meta.next}, or --all)\n`);
      }
    }
  }
}

/** Prints one record. */
export function printRecord(ctx: CliContext, record: object, meta: OutputMeta): void {
  if (ctx.field !== undefined) {
    printFieldValues([record], ctx.field);
    return;
  }
  if (ctx.select) checkPaths([record], ctx.select, '--select');
  const shown = ctx.select ? project(record, ctx.select) : record;
  switch (ctx.format) {
    case 'json':
      write(jsonForTerminal(JSON.stringify({ data: shown, meta: { ...meta, count: 1 } }, null, 2)));
      return;
    case 'ndjson':
      write(jsonForTerminal(JSON.stringify(shown)));
      return;
    case 'csv': {
      const headers = Object.keys(shown);
      write(
        renderCsv(headers, [headers.map((key) => (shown as Record<string, unknown>)[key])], {
          formulaGuard: ctx.csvFormulaGuard,
        }),
      );
      return;
    }
    default:
      write(renderRecord(shown as Record<string, unknown>, bolder(ctx), { wide: ctx.wide }));
  }
}
