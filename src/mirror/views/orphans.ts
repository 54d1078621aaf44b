/**
 * `orphans`: live records whose organization is not in the mirror, or is deleted there. After a
 * full sync this is usually empty (IT Glue deletes an organization's records with it); records
 * turn up here when an organization disappears between syncs of different types, or when only
 * some types were synced.
 */
import { MirrorMissingError } from '../errors.js';
import type { ChildResource } from '../resources.js';
import type { MirrorStore } from '../store.js';
import { parseData, type RecordRow, stringOrNull } from './common.js';

export interface OrphanOptions {
  type?: ChildResource | undefined;
}

export interface Orphan {
  type: ChildResource;
  id: string;
  name: string | null;
  organizationId: string;
  /** The organization name the record itself carries. */
  organizationName: string | null;
  reason: 'organization-missing' | 'organization-deleted';
  /** When a sync found the organization gone (for `organization-deleted`). */
  organizationDeletedAt: string | null;
}

export function orphans(store: MirrorStore, options: OrphanOptions = {}): Orphan[] {
  if (store.resourceState('organizations').fullSyncedAt === null) {
    const next = { do: 'sync', resources: ['organizations'] } as const;
    throw new MirrorMissingError(
      (say) =>
        `The mirror at ${store.path} has no organizations yet, so every record would look orphaned: ${say.step(next)} first.`,
      { next },
    );
  }
  const rows = store.db
    .prepare<
      { type: string | null },
      RecordRow & { organization_deleted_at: string | null; organization_known: number }
    >(
      `SELECT r.*, o.deleted_at AS organization_deleted_at, o.id IS NOT NULL AS organization_known
       FROM records r LEFT JOIN records o ON o.type = 'organizations' AND o.id = r.organization_id
       WHERE r.type <> 'organizations' AND r.deleted_at IS NULL AND r.organization_id IS NOT NULL
         AND (o.id IS NULL OR o.deleted_at IS NOT NULL)
         AND (@type IS NULL OR r.type = @type)
       ORDER BY r.type, length(r.organization_id), r.organization_id, r.name, r.id`,
    )
    .all({ type: options.type ?? null });
  return rows.map((row) => ({
    type: row.type as ChildResource,
    id: row.id,
    name: row.name,
    organizationId: row.organization_id as string,
    organizationName: stringOrNull(parseData(row).organizationName),
    reason: row.organization_known ? 'organization-deleted' : 'organization-missing',
    organizationDeletedAt: row.organization_deleted_at,
  }));
}
