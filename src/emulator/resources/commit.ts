/**
 * Storing a write: ids from the tenant's counter, `created-at`/`updated-at` from its logical clock
 * (so `updated-at` strictly increases across writes), then the model's derived stamps.
 */
import type { BaseRecord } from '../store/records.js';
import type { Table } from '../store/table.js';
import type { Tenant } from '../store/tenant.js';
import type { WritableModel } from './model.js';

export function commitCreate<R extends BaseRecord>(
  tenant: Tenant,
  table: Table<R>,
  writer: Pick<WritableModel<R>, 'stamp'>,
  draft: Omit<R, 'id' | 'createdAt' | 'updatedAt'>,
): R {
  const now = tenant.writeTime();
  const record = { ...draft, id: tenant.newId(), createdAt: now, updatedAt: now } as R;
  writer.stamp?.(record, undefined);
  table.insert(record);
  return record;
}

export function commitUpdate<R extends BaseRecord>(
  tenant: Tenant,
  table: Table<R>,
  writer: Pick<WritableModel<R>, 'stamp'>,
  current: R,
  updated: R,
): R {
  const record = { ...updated, updatedAt: tenant.writeTime() };
  writer.stamp?.(record, current);
  table.replace(record);
  return record;
}

/** Marks a record changed without changing anything else (a section edit changes its document). */
export function touch<R extends BaseRecord>(tenant: Tenant, table: Table<R>, record: R): R {
  const touched = { ...record, updatedAt: tenant.writeTime() };
  table.replace(touched);
  return touched;
}
