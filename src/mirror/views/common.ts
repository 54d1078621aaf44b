/** What the views share: reading record rows, organization names, and organization lookups. */
import { resolveOrganizationIn } from '../../resources/organization-names.js';
import type { MirrorResource } from '../resources.js';
import type { MirrorStore } from '../store.js';

export interface RecordRow {
  type: MirrorResource;
  id: string;
  organization_id: string | null;
  name: string | null;
  created_at: string | null;
  updated_at: string | null;
  password_updated_at: string | null;
  archived: number | null;
  first_seen_at: string;
  deleted_at: string | null;
  data: string;
}

export type Stored = Record<string, unknown>;

export function parseData(row: Pick<RecordRow, 'data'>): Stored {
  return JSON.parse(row.data) as Stored;
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export interface OrganizationRef {
  id: string;
  name: string | null;
  deletedAt: string | null;
}

/** Every organization the mirror has seen, deleted ones included, by id. */
export function organizationsById(store: MirrorStore): Map<string, OrganizationRef> {
  const rows = store.db
    .prepare<[], { id: string; name: string | null; deleted_at: string | null }>(
      "SELECT id, name, deleted_at FROM records WHERE type = 'organizations'",
    )
    .all();
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, deletedAt: row.deleted_at }]));
}

/** The organization's name from the mirror, else the one the record carried. */
export function organizationName(
  organizations: ReadonlyMap<string, OrganizationRef>,
  organizationId: string | null,
  record?: Stored,
): string | null {
  if (organizationId !== null) {
    const name = organizations.get(organizationId)?.name;
    if (name) return name;
  }
  return record ? stringOrNull(record.organizationName) : null;
}

/**
 * An organization named against the mirror, by the one resolver (resources/organization-names):
 * an id as it is (deleted organizations included, so a brief can still explain one), else its
 * name or short name, exactly but ignoring case, live organizations first. A miss lists near
 * names; a value fitting several lists them.
 */
export function resolveOrganization(store: MirrorStore, value: string): OrganizationRef {
  const rows = store.db
    .prepare<[], { id: string; name: string | null; short_name: string | null; deleted_at: string | null }>(
      "SELECT id, name, json_extract(data, '$.shortName') AS short_name, deleted_at FROM records WHERE type = 'organizations'",
    )
    .all();
  const organizations = rows.map((row) => ({
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    deletedAt: row.deleted_at,
  }));
  const found = resolveOrganizationIn(organizations, value, {
    preferred: (organization) => organization.deletedAt === null,
    request: { method: 'GET', path: 'mirror:/organizations' },
    place: 'The mirror',
    otherwise: 'If it is new, sync the mirror first.',
  });
  return { id: found.id, name: found.name, deletedAt: found.deletedAt };
}

export const DAY_MS = 86_400_000;
