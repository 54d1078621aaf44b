/**
 * `gluekit runs export`: the audit trail of every write gluekit made (src/workflows/audit-trail.ts),
 * one row per changed field, as CSV for a spreadsheet or the JSON envelope for a script.
 */
import { join } from 'node:path';
import {
  defaultMirrorPath,
  MirrorInputError,
  MirrorMissingError,
  MirrorStore,
  parseSince,
  resolveOrganization,
} from '../../mirror/index.js';
import { type AuditRow, readAuditTrail } from '../../workflows/engine/audit-trail.js';
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
  'organizationName',
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
const TABLE_COLUMNS = [
  'at',
  'action',
  'resource',
  'recordId',
  'organizationName',
  'field',
  'before',
  'after',
];

function sinceOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return parseSince(text);
  } catch (error) {
    if (error instanceof MirrorInputError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Organization names from this machine's mirror of each target and key, when there is one: the
 * journal keeps ids only, and an export should cost no request. Unknown names stay null.
 */
function organizationNames(dataDir: string, rows: readonly AuditRow[]): Map<string, string | null> {
  const names = new Map<string, string | null>();
  const tenants = new Map<string, { target: string; keyFingerprint: string; ids: Set<string> }>();
  for (const row of rows) {
    const tenant = `${row.target} ${row.keyFingerprint}`;
    const entry = tenants.get(tenant) ?? {
      target: row.target,
      keyFingerprint: row.keyFingerprint,
      ids: new Set(),
    };
    entry.ids.add(row.organizationId);
    tenants.set(tenant, entry);
  }
  for (const [tenant, { target, keyFingerprint, ids }] of tenants) {
    let store: MirrorStore;
    try {
      store = MirrorStore.open(defaultMirrorPath(dataDir, target, keyFingerprint), { readonly: true });
    } catch (error) {
      if (error instanceof MirrorMissingError) continue;
      throw error;
    }
    try {
      for (const id of ids) {
        try {
          names.set(`${tenant} ${id}`, resolveOrganization(store, id).name);
        } catch {
          // Not in the mirror (yet): the id says enough.
        }
      }
    } finally {
      store.close();
    }
  }
  return names;
}

function withOrganizationNames(dataDir: string, rows: readonly AuditRow[]): object[] {
  const names = organizationNames(dataDir, rows);
  return rows.map((row) => {
    const organizationName = names.get(`${row.target} ${row.keyFingerprint} ${row.organizationId}`) ?? null;
    const full: Record<string, unknown> = { ...row, organizationName };
    return Object.fromEntries(COLUMNS.map((column) => [column, full[column]]));
  });
}

export function runRunsExport(ctx: CliContext, flags: { since?: string }): void {
  const since = sinceOf(flags.since);
  const journal = join(ctx.paths.dataDir, 'journal.sqlite');
  const rows = withOrganizationNames(ctx.paths.dataDir, readAuditTrail(journal, { since }));
  printList(
    ctx,
    rows,
    { source: 'local', journal, since: since ?? null },
    ctx.format === 'table' ? TABLE_COLUMNS : COLUMNS,
  );
}
