/**
 * `gluekit runs export`: the audit trail of every write gluekit made (src/workflows/audit-trail.ts),
 * one row per changed field, as CSV for a spreadsheet or the JSON envelope for a script.
 */
import { join } from 'node:path';
import { MirrorInputError, parseSince } from '../../mirror/index.js';
import { readAuditTrail } from '../../workflows/audit-trail.js';
import type { CliContext } from '../context.js';
import { printList } from '../output/render.js';
import { UsageError } from '../usage-error.js';

/** Every column, in the order an auditor reads them (CSV, and `--select`able in JSON). */
const COLUMNS = [
  'at',
  'runId',
  'workflow',
  'undoOf',
  'target',
  'keyFingerprint',
  'action',
  'resource',
  'recordId',
  'organizationId',
  'key',
  'state',
  'field',
  'before',
  'after',
  'sourceId',
  'planDigest',
  'planSource',
  'planFile',
  'sourceFile',
  'sourceLine',
] as const;

/** What fits a terminal; `--output csv|json` has everything. */
const TABLE_COLUMNS = ['at', 'action', 'resource', 'recordId', 'organizationId', 'field', 'before', 'after'];

function sinceOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return parseSince(text);
  } catch (error) {
    if (error instanceof MirrorInputError) throw new UsageError(error.message);
    throw error;
  }
}

export function runRunsExport(ctx: CliContext, flags: { since?: string }): void {
  const since = sinceOf(flags.since);
  const journal = join(ctx.paths.dataDir, 'journal.sqlite');
  const rows = readAuditTrail(journal, { since });
  printList(
    ctx,
    rows,
    { source: 'local', journal, since: since ?? null },
    ctx.format === 'table' ? TABLE_COLUMNS : COLUMNS,
  );
}
