/** The read-only lookup lists (`/contact_types`, ...): a name and timestamps. */
import type { LookupRecord } from '../store/records.js';
import { field, type ResourceModel } from './model.js';

export function lookupModel(type: string): ResourceModel<LookupRecord> {
  return {
    type,
    fields: {
      id: field('id', (row) => row.id),
      name: field('text', (row) => row.name),
      created_at: field('timestamp', (row) => row.createdAt),
      updated_at: field('timestamp', (row) => row.updatedAt),
    },
    attributes(row) {
      const attributes: Record<string, unknown> = { name: row.name };
      if (row.kind !== undefined) attributes.kind = row.kind;
      attributes['created-at'] = row.createdAt;
      attributes['updated-at'] = row.updatedAt;
      return attributes;
    },
  };
}

export const LOOKUP_SORT_FIELDS = ['name', 'id', 'created_at', 'updated_at'] as const;
