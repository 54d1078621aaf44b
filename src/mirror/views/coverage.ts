/**
 * `coverage`: how well each client is documented. Per live organization, the live records of each
 * kind (archived configurations, passwords and documents do not count: they document nothing
 * current), thinnest first: most missing kinds, then fewest records, then name.
 */
import { CHILD_RESOURCES, type ChildResource } from '../resources.js';
import type { MirrorStore } from '../store.js';

export interface CoverageOptions {
  /** Only organizations with fewer than this many records of some kind. */
  below?: number | undefined;
  organizationId?: string | undefined;
}

export interface OrganizationCoverage {
  organizationId: string;
  organizationName: string | null;
  contacts: number;
  configurations: number;
  passwords: number;
  documents: number;
  total: number;
  /** The kinds it has none of. */
  missing: ChildResource[];
}

interface CoverageRow {
  id: string;
  name: string | null;
  contacts: number;
  configurations: number;
  passwords: number;
  documents: number;
}

export function coverage(store: MirrorStore, options: CoverageOptions = {}): OrganizationCoverage[] {
  const rows = store.db
    .prepare<{ organizationId: string | null }, CoverageRow>(
      `SELECT o.id, o.name,
         count(CASE WHEN c.type = 'contacts' THEN 1 END) AS contacts,
         count(CASE WHEN c.type = 'configurations' THEN 1 END) AS configurations,
         count(CASE WHEN c.type = 'passwords' THEN 1 END) AS passwords,
         count(CASE WHEN c.type = 'documents' THEN 1 END) AS documents
       FROM records o
       LEFT JOIN records c ON c.organization_id = o.id AND c.type <> 'organizations'
         AND c.deleted_at IS NULL AND coalesce(c.archived, 0) = 0
       WHERE o.type = 'organizations' AND o.deleted_at IS NULL
         AND (@organizationId IS NULL OR o.id = @organizationId)
       GROUP BY o.id`,
    )
    .all({ organizationId: options.organizationId ?? null });
  const result = rows.map((row): OrganizationCoverage => {
    const counts = {
      contacts: row.contacts,
      configurations: row.configurations,
      passwords: row.passwords,
      documents: row.documents,
    };
    return {
      organizationId: row.id,
      organizationName: row.name,
      ...counts,
      total: counts.contacts + counts.configurations + counts.passwords + counts.documents,
      missing: CHILD_RESOURCES.filter((kind) => counts[kind] === 0),
    };
  });
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
