/**
 * `org show`: one brief of everything the mirror knows about a client: the organization, counts
 * and gaps, its contacts, devices, credentials (metadata) and documents, stale passwords,
 * probable duplicate contacts and the latest changes.
 */
import type { ChildResource } from '../resources.js';
import type { MirrorStore } from '../store.js';
import { changes, type RecordChange } from './changes.js';
import {
  DAY_MS,
  parseData,
  type RecordRow,
  resolveOrganization,
  type Stored,
  stringOrNull,
} from './common.js';
import { missingKinds, type RecordCounts, recordCounts } from './coverage.js';
import { duplicateContacts } from './duplicate-contacts.js';
import { documentFolderPaths, folderOf } from './folders.js';
import { stalePasswords } from './stale-passwords.js';

export interface OrganizationBriefOptions {
  /** Default 365. */
  staleDays?: number | undefined;
  /** How many recent changes to include. Default 10. */
  changes?: number | undefined;
  /** How far back "recent" goes. Default 30 days. */
  changesWithinDays?: number | undefined;
  now?: Date | undefined;
}

export interface OrganizationBrief {
  organization: Stored & { id: string; deletedAt: string | null };
  /**
   * Live records of each kind, current ones per kind and archived ones apart, as `coverage`
   * counts them; the lists below hold both, archived ones flagged.
   */
  counts: RecordCounts;
  /** The kinds it has no current record of. */
  missing: ChildResource[];
  contacts: Array<{
    id: string;
    name: string | null;
    title: string | null;
    email: string | null;
    phone: string | null;
  }>;
  configurations: Array<{
    id: string;
    name: string | null;
    type: string | null;
    hostname: string | null;
    serialNumber: string | null;
    primaryIp: string | null;
    archived: boolean;
  }>;
  passwords: Array<{
    id: string;
    name: string | null;
    username: string | null;
    url: string | null;
    category: string | null;
    passwordUpdatedAt: string | null;
    archived: boolean;
  }>;
  documents: Array<{
    id: string;
    name: string | null;
    /** Its folder's path (`Procedures / Network`); null at the root. */
    folder: string | null;
    published: boolean | null;
    updatedAt: string | null;
    archived: boolean;
  }>;
  stalePasswords: { days: number; count: number };
  duplicateContactGroups: number;
  /** Changes within `changesWithinDays`, newest first. */
  recentChanges: RecordChange[];
}

export function organizationBrief(
  store: MirrorStore,
  idOrName: string,
  options: OrganizationBriefOptions = {},
): OrganizationBrief {
  const ref = resolveOrganization(store, idOrName);
  const orgRow = store.db
    .prepare<[string], RecordRow>("SELECT * FROM records WHERE type = 'organizations' AND id = ?")
    .get(ref.id) as RecordRow;
  const children = store.db
    .prepare<[string], RecordRow>(
      `SELECT * FROM records WHERE organization_id = ? AND type <> 'organizations' AND deleted_at IS NULL
       ORDER BY type, name COLLATE NOCASE, length(id), id`,
    )
    .all(ref.id);
  const of = (type: ChildResource) =>
    children.filter((row) => row.type === type).map((row) => ({ row, record: parseData(row) }));
  const counts = recordCounts(store, { organizationId: ref.id, includeDeleted: true })[0]
    ?.counts as RecordCounts;
  const folders = documentFolderPaths(store, ref.id);
  const staleDays = options.staleDays ?? 365;
  const stale = stalePasswords(store, { days: staleDays, organizationId: ref.id, now: options.now });
  return {
    organization: { ...parseData(orgRow), id: ref.id, deletedAt: orgRow.deleted_at },
    counts,
    missing: missingKinds(counts),
    contacts: of('contacts').map(({ row, record }) => ({
      id: row.id,
      name: row.name,
      title: stringOrNull(record.title),
      email: stringOrNull(record.email),
      phone: firstPhone(record),
    })),
    configurations: of('configurations').map(({ row, record }) => ({
      id: row.id,
      name: row.name,
      type: stringOrNull(record.configurationTypeName),
      hostname: stringOrNull(record.hostname),
      serialNumber: stringOrNull(record.serialNumber),
      primaryIp: stringOrNull(record.primaryIp),
      archived: row.archived === 1,
    })),
    passwords: of('passwords').map(({ row, record }) => ({
      id: row.id,
      name: row.name,
      username: stringOrNull(record.username),
      url: stringOrNull(record.url),
      category: stringOrNull(record.passwordCategoryName),
      passwordUpdatedAt: row.password_updated_at,
      archived: row.archived === 1,
    })),
    documents: of('documents').map(({ row, record }) => ({
      id: row.id,
      name: row.name,
      folder: folderOf(folders, record),
      published: typeof record.published === 'boolean' ? record.published : null,
      updatedAt: row.updated_at,
      archived: row.archived === 1,
    })),
    stalePasswords: { days: staleDays, count: stale.reduce((sum, group) => sum + group.count, 0) },
    duplicateContactGroups: duplicateContacts(store, { organizationId: ref.id }).length,
    recentChanges: changes(store, {
      since: new Date(
        (options.now ?? new Date()).getTime() - (options.changesWithinDays ?? 30) * DAY_MS,
      ).toISOString(),
      organizationId: ref.id,
      limit: options.changes ?? 10,
    }).changes,
  };
}

function firstPhone(record: Stored): string | null {
  const phones = Array.isArray(record.contactPhones)
    ? (record.contactPhones as Array<Record<string, unknown>>)
    : [];
  const phone = phones.find((entry) => entry?.primary === true) ?? phones[0];
  return phone ? (stringOrNull(phone.formattedValue) ?? stringOrNull(phone.value)) : null;
}
