/**
 * `coverage`: how well each client is documented. Per live organization, the live records of each
 * kind, thinnest first: most missing kinds, then fewest records, then name. Archived
 * configurations, passwords and documents document nothing current: they are counted apart, and
 * `org show` counts them the same way (`recordCounts`).
 */
import { CHILD_RESOURCES, type ChildResource } from '../resources.js';
import type { MirrorStore } from '../store.js';

/** The kinds IT Glue can archive (contacts cannot be). */
export const ARCHIVABLE_RESOURCES = ['configurations', 'passwords', 'documents'] as const;
export type ArchivableResource = (typeof ARCHIVABLE_RESOURCES)[number];

/** One organization's live records: current ones per kind, archived ones apart. */
export interface RecordCounts extends Record<ChildResource, number> {
  archived: Record<ArchivableResource, number>;
}

export interface CoverageOptions {
  /** Only organizations with fewer than this many (current) records of some kind. */
  below?: number | undefined;
  organizationId?: string | undefined;
}

export interface OrganizationCoverage extends RecordCounts {
  organizationId: string;
  organizationName: string | null;
  /** Current records of every kind (archived ones not included). */
  total: number;
  /** The kinds it has no current record of. */
  missing: ChildResource[];
}

interface CountRow {
  id: string;
  name: string | null;
  contacts: number;
  configurations: number;
  passwords: number;
  documents: number;
  archived_configurations: number;
  archived_passwords: number;
  archived_documents: number;
}

const current = (type: ChildResource) =>
  `count(CASE WHEN c.type = '${type}' AND coalesce(c.archived, 0) = 0 THEN 1 END) AS ${type}`;
const archived = (type: ArchivableResource) =>
  `count(CASE WHEN c.type = '${type}' AND c.archived = 1 THEN 1 END) AS archived_${type}`;

/**
 * Live records per organization (or of one), current and archived apart. Deleted organizations
 * are left out unless asked for (a brief can still describe one).
 */
export function recordCounts(
  store: MirrorStore,
  options: { organizationId?: string | undefined; includeDeleted?: boolean } = {},
): Array<{ id: string; name: string | null; counts: RecordCounts }> {
  const rows = store.db
    .prepare<{ organizationId: string | null; includeDeleted: number }, CountRow>(
      `SELECT o.id, o.name, ${[...CHILD_RESOURCES.map(current), ...ARCHIVABLE_RESOURCES.map(archived)].join(', ')}
       FROM records o
       LEFT JOIN records c ON c.organization_id = o.id AND c.type <> 'organizations' AND c.deleted_at IS NULL
       WHERE o.type = 'organizations' AND (@includeDeleted = 1 OR o.deleted_at IS NULL)
         AND (@organizationId IS NULL OR o.id = @organizationId)
       GROUP BY o.id`,
    )
    .all({ organizationId: options.organizationId ?? null, includeDeleted: options.includeDeleted ? 1 : 0 });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    counts: {
      contacts: row.contacts,
      configurations: row.configurations,
      passwords: row.passwords,
      documents: row.documents,
      archived: {
        configurations: row.archived_configurations,
        passwords: row.archived_passwords,
        documents: row.archived_documents,
      },
    },
  }));
}

/** The kinds an organization has no current record of. */
export function missingKinds(counts: RecordCounts): ChildResource[] {
  return CHILD_RESOURCES.filter((kind) => counts[kind] === 0);
}

export function coverage(store: MirrorStore, options: CoverageOptions = {}): OrganizationCoverage[] {
  const result = recordCounts(store, { organizationId: options.organizationId }).map(
    ({ id, name, counts }): OrganizationCoverage => ({
      organizationId: id,
      organizationName: name,
      ...counts,
      total: CHILD_RESOURCES.reduce((sum, kind) => sum + counts[kind], 0),
      missing: missingKinds(counts),
    }),
  );
  const below = options.below;
  const kept =
    below === undefined ? result : result.filter((org) => CHILD_RESOURCES.some((kind) => org[kind] < below));
  return kept.sort(
    (a, b) =>
      b.missing.length - a.missing.length ||
      a.total - b.total ||
      (a.organizationName ?? '').localeCompare(b.organizationName ?? '') ||
      a.organizationId.localeCompare(b.organizationId),
  );
}
