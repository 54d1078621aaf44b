/**
 * `changes --since`: records that changed since a time, newest first, with the field-level
 * differences the mirror recorded between syncs (first old value → last new value when a record
 * changed in several syncs). Records that changed in IT Glue before the mirror had an earlier copy
 * of them are listed too, with `differences: null`: the mirror knows they changed, not how.
 */
import { type FieldChange, mergeChanges } from '../diff.js';
import type { MirrorResource } from '../resources.js';
import type { MirrorStore } from '../store.js';
import { organizationName, organizationsById, parseData, type RecordRow } from './common.js';

export interface ChangesOptions {
  /** An ISO timestamp (see parseSince). */
  since: string;
  type?: MirrorResource | undefined;
  organizationId?: string | undefined;
  /** Default 200. */
  limit?: number | undefined;
}

export type ChangeKind = 'created' | 'updated' | 'deleted' | 'restored';

export interface RecordChange {
  type: MirrorResource;
  id: string;
  name: string | null;
  organizationId: string | null;
  organizationName: string | null;
  change: ChangeKind;
  /** IT Glue's `updated-at` of the change; for a deletion, when a sync found the record gone. */
  changedAt: string;
  /** Null when the change predates the mirror's first copy of the record. */
  differences: FieldChange[] | null;
}

export interface ChangesResult {
  since: string;
  /** How many records changed (before `limit`). */
  total: number;
  changes: RecordChange[];
}

interface HistoryRow {
  type: MirrorResource;
  id: string;
  organization_id: string | null;
  kind: ChangeKind;
  changed_at: string;
  changes: string;
}

export function changes(store: MirrorStore, options: ChangesOptions): ChangesResult {
  const params = queryParams(options);
  const history = store.db
    .prepare<Record<string, string>, HistoryRow>(
      `SELECT type, id, organization_id, kind, changed_at, changes FROM history h
       WHERE changed_at >= @since ${scopeFilter('h', options)} ORDER BY seq`,
    )
    .all(params);
  const byRecord = new Map<string, HistoryRow[]>();
  for (const row of history) {
    const key = `${row.type}\u0000${row.id}`;
    const list = byRecord.get(key);
    if (list) list.push(row);
    else byRecord.set(key, [row]);
  }
  const recordOf = store.db.prepare<[string, string], RecordRow>(
    'SELECT * FROM records WHERE type = ? AND id = ?',
  );
  const organizations = organizationsById(store);
  const out: RecordChange[] = [];
  for (const rows of byRecord.values()) {
    const first = rows[0] as HistoryRow;
    const last = rows[rows.length - 1] as HistoryRow;
    const row = recordOf.get(first.type, first.id);
    const record = row ? parseData(row) : undefined;
    let change: ChangeKind = 'updated';
    let differences: FieldChange[] | null = null;
    if (last.kind === 'deleted') change = 'deleted';
    else if (first.kind === 'created') change = 'created';
    else {
      change = rows.some((entry) => entry.kind === 'restored') ? 'restored' : 'updated';
      differences = mergeChanges(rows.map((entry) => JSON.parse(entry.changes) as FieldChange[]));
      // Changed and changed back: nothing to report.
      if (change === 'updated' && differences.length === 0) continue;
    }
    out.push({
      type: first.type,
      id: first.id,
      name: row?.name ?? null,
      organizationId: last.organization_id,
      organizationName: organizationName(organizations, last.organization_id, record),
      change,
      changedAt: rows
        .map((entry) => entry.changed_at)
        .sort()
        .at(-1) as string,
      differences: change === 'created' || change === 'deleted' ? [] : differences,
    });
  }
  out.push(...changesBeforeTheMirror(store, options, organizations));
  out.sort((a, b) => (a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : 0));
  return { since: options.since, total: out.length, changes: out.slice(0, options.limit ?? 200) };
}

/** Records IT Glue changed since then whose change the mirror only saw as its first copy. */
function changesBeforeTheMirror(
  store: MirrorStore,
  options: ChangesOptions,
  organizations: ReturnType<typeof organizationsById>,
): RecordChange[] {
  const rows = store.db
    .prepare<Record<string, string>, RecordRow>(
      `SELECT * FROM records r WHERE r.deleted_at IS NULL AND r.updated_at >= @since ${scopeFilter('r', options)}
         AND NOT EXISTS (SELECT 1 FROM history h WHERE h.type = r.type AND h.id = r.id AND h.changed_at >= @since)`,
    )
    .all(queryParams(options));
  return rows.map((row) => ({
    type: row.type,
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    organizationName: organizationName(organizations, row.organization_id, parseData(row)),
    change: row.created_at !== null && row.created_at >= options.since ? 'created' : 'updated',
    changedAt: row.updated_at as string,
    differences: null,
  }));
}

function queryParams(options: ChangesOptions): Record<string, string> {
  const params: Record<string, string> = { since: options.since };
  if (options.type) params.type = options.type;
  if (options.organizationId) params.organizationId = options.organizationId;
  return params;
}

function scopeFilter(alias: string, options: ChangesOptions): string {
  return [
    options.type ? `AND ${alias}.type = @type` : '',
    options.organizationId ? `AND ${alias}.organization_id = @organizationId` : '',
  ].join(' ');
}
