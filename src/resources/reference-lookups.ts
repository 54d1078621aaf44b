/**
 * Real IT Glue's reference lists with more than a name, outside the API document: models (each
 * belongs to a manufacturer) and an organization's locations. Read whole, one request at page
 * size 1000, so a workflow resolves every row's names locally instead of asking per row.
 */

import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';

export interface ModelEntry {
  id: string;
  name: string;
  /** The manufacturer the model belongs to (null when IT Glue names none). */
  manufacturerId: string | null;
}

export interface LocationEntry {
  id: string;
  name: string;
  organizationId: string;
}

const idOrNull = (value: unknown): string | null =>
  value === null || value === undefined || value === '' ? null : String(value);

/** Every model of the account (`GET /models`), sorted by name. */
export async function listModels(requester: Requester, options: RequestOptions = {}): Promise<ModelEntry[]> {
  const entries: ModelEntry[] = [];
  for await (const record of requester.scan(
    { path: '/models', query: { sort: 'name' }, pageSize: 1000 },
    options,
  )) {
    entries.push({
      id: record.id,
      name: String(record.name ?? ''),
      manufacturerId: idOrNull(record.manufacturerId),
    });
  }
  return entries;
}

/** An organization's locations (`GET /organizations/{id}/relationships/locations`). */
export async function listLocations(
  requester: Requester,
  organizationId: string,
  options: RequestOptions = {},
): Promise<LocationEntry[]> {
  const entries: LocationEntry[] = [];
  for await (const record of requester.scan(
    { path: `/organizations/${organizationId}/relationships/locations`, query: {}, pageSize: 1000 },
    options,
  )) {
    entries.push({ id: record.id, name: String(record.name ?? ''), organizationId });
  }
  return entries;
}
