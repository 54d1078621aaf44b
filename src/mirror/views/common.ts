/** What the views share: reading record rows, organization names, and `--org ID|NAME` lookups. */
import { NotFoundError } from '../../core/errors.js';
import { MirrorInputError } from '../errors.js';
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
 * `--org ID|NAME` against the mirror: an id as it is (deleted organizations included, so a brief
 * can still explain one), a name exactly but ignoring case, live organizations first. An unknown
 * name lists near matches; an ambiguous one lists the candidates.
 */
export function resolveOrganization(store: MirrorStore, value: string): OrganizationRef {
  const wanted = value.trim();
  const all = [...organizationsById(store).values()];
  if (/^\d+$/.test(wanted)) {
    const found = all.find((org) => org.id === wanted);
    if (found) return found;
    throw notFound(`The mirror has no organization ${wanted}. Run \`gluekit sync\` if it is new.`);
  }
  const key = wanted.toLowerCase();
  const named = all.filter((org) => org.name?.trim().toLowerCase() === key);
  const live = named.filter((org) => org.deletedAt === null);
  const matches = live.length > 0 ? live : named;
  if (matches.length === 1) return matches[0] as OrganizationRef;
  if (matches.length > 1) {
    throw new MirrorInputError(
      `"${value}" names ${matches.length} organizations: ${matches.map((org) => `${org.id} (${org.name})`).join(', ')}. Pass the id instead.`,
    );
  }
  const near = all
    .filter(
      (org) =>
        org.deletedAt === null &&
        org.name &&
        (org.name.toLowerCase().includes(key) || key.includes(org.name.toLowerCase())),
    )
    .slice(0, 5)
    .map((org) => `${org.name} (${org.id})`);
  throw notFound(
    `The mirror has no organization named "${value}".${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}`,
  );
}

function notFound(message: string): NotFoundError {
  return new NotFoundError(404, { method: 'GET', path: 'mirror:/organizations' }, [], message);
}

export const DAY_MS = 86_400_000;
