/**
 * Every command that returns records prints through here, so every output mode behaves the same:
 * one JSON envelope `{data, meta}` (`meta.source` is `live` or `local`), NDJSON one record per
 * line, CSV with a header, or a table for people.
 */
import { jsonForTerminal } from '../../core/terminal-text.js';
import type { CliContext } from '../context.js';
import { renderCsv } from './csv.js';
import { project, readPath } from './select.js';
import { renderRecord, renderTable } from './table.js';

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

/** Prints a list of records. `columns` are the default table and CSV columns. */
export function printList(
  ctx: CliContext,
  records: readonly object[],
  meta: OutputMeta,
  columns: readonly string[],
): void {
  const selected = ctx.select ?? undefined;
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
      write(renderCsv(headers, [headers.map((key) => (shown as Record<string, unknown>)[key])]));
      return;
    }
    default:
      write(renderRecord(shown as Record<string, unknown>, bolder(ctx)));
  }
}
