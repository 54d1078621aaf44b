/**
 * `passwords stale`: credentials not rotated for `days` days, measured on IT Glue's
 * `password-updated-at` (when the secret itself last changed), not `updated-at` (which a notes
 * edit moves). A password IT Glue gives no rotation time is measured from its creation, and says
 * so. Archived passwords are left out (nobody uses them). Grouped by organization, oldest first;
 * never a password value (the mirror has none).
 */
import type { MirrorStore } from '../store.js';
import {
  DAY_MS,
  organizationName,
  organizationsById,
  parseData,
  type RecordRow,
  stringOrNull,
} from './common.js';

export interface StalePasswordOptions {
  /** Default 365. */
  days?: number | undefined;
  organizationId?: string | undefined;
  now?: Date | undefined;
}

export interface StalePassword {
  id: string;
  name: string | null;
  username: string | null;
  url: string | null;
  category: string | null;
  /** When the secret last changed (IT Glue's `password-updated-at`), or null if IT Glue has none. */
  passwordUpdatedAt: string | null;
  /** What the age is measured from: `passwordUpdatedAt`, or `createdAt` when that is null. */
  measuredFrom: 'passwordUpdatedAt' | 'createdAt';
  ageDays: number;
}

export interface StalePasswordGroup {
  organizationId: string | null;
  organizationName: string | null;
  count: number;
  passwords: StalePassword[];
}

export function stalePasswords(store: MirrorStore, options: StalePasswordOptions = {}): StalePasswordGroup[] {
  const now = options.now ?? new Date();
  const days = options.days ?? 365;
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const rows = store.db
    .prepare<{ cutoff: string; organizationId: string | null }, RecordRow & { rotated: string }>(
      `SELECT *, coalesce(password_updated_at, created_at) AS rotated FROM records
       WHERE type = 'passwords' AND deleted_at IS NULL AND coalesce(archived, 0) = 0
         AND coalesce(password_updated_at, created_at) < @cutoff
         AND (@organizationId IS NULL OR organization_id = @organizationId)
       ORDER BY rotated, length(id), id`,
    )
    .all({ cutoff, organizationId: options.organizationId ?? null });
  const organizations = organizationsById(store);
  const groups = new Map<string, StalePasswordGroup>();
  for (const row of rows) {
    const record = parseData(row);
    const key = row.organization_id ?? '';
    let group = groups.get(key);
    if (!group) {
      group = {
        organizationId: row.organization_id,
        organizationName: organizationName(organizations, row.organization_id, record),
        count: 0,
        passwords: [],
      };
      groups.set(key, group);
    }
    group.count++;
    group.passwords.push({
      id: row.id,
      name: row.name,
      username: stringOrNull(record.username),
      url: stringOrNull(record.url),
      category: stringOrNull(record.passwordCategoryName),
      passwordUpdatedAt: row.password_updated_at,
      measuredFrom: row.password_updated_at !== null ? 'passwordUpdatedAt' : 'createdAt',
      ageDays: Math.floor((now.getTime() - Date.parse(row.rotated)) / DAY_MS),
    });
  }
  // Rows come oldest first, so each group's first password is its oldest and groups keep that order.
  return [...groups.values()];
}
