/**
 * The lookup lists of real IT Glue that turn a name into an id: "Managed Workstation" → a
 * configuration type id, "Terminated" → a contact type id. They are not in the seed document, but
 * a sync cannot create a configuration (IT Glue requires its type) or deactivate a contact without
 * them. Read-only.
 */
import type { RequestOptions } from '../core/transport.js';
import { APIResource } from './base.js';
import { type LocationEntry, listLocations, listModels, type ModelEntry } from './reference-lookups.js';

export const LOOKUP_LISTS = [
  'contact_types',
  'configuration_types',
  'configuration_statuses',
  'password_categories',
  'organization_types',
  'organization_statuses',
  'manufacturers',
  'operating_systems',
] as const;

export type LookupList = (typeof LOOKUP_LISTS)[number];

export interface LookupEntry {
  id: string;
  name: string;
}

export class Lookups extends APIResource {
  /** Every entry of a lookup list (they are short: one request at page size 1000). */
  async list(list: LookupList, options: RequestOptions = {}): Promise<LookupEntry[]> {
    if (!(LOOKUP_LISTS as readonly string[]).includes(list)) {
      throw new Error(`Unknown lookup list ${JSON.stringify(list)}; one of ${LOOKUP_LISTS.join(', ')}`);
    }
    const entries: LookupEntry[] = [];
    for await (const record of this.requester.scan(
      { path: `/${list}`, query: { sort: 'name' }, pageSize: 1000 },
      options,
    )) {
      entries.push({ id: record.id, name: String(record.name ?? '') });
    }
    return entries;
  }

  /** Every model, with the manufacturer it belongs to (real IT Glue's `/models`). */
  models(options: RequestOptions = {}): Promise<ModelEntry[]> {
    return listModels(this.requester, options);
  }

  /** An organization's locations (real IT Glue's `/organizations/{id}/relationships/locations`). */
  locations(organizationId: string, options: RequestOptions = {}): Promise<LocationEntry[]> {
    return listLocations(this.requester, organizationId, options);
  }

  /**
   * The id for a name (exact, case-insensitive) or an id given as digits. Unknown or ambiguous
   * names are undefined; the caller words the error for its own input.
   */
  async resolve(
    list: LookupList,
    nameOrId: string,
    options: RequestOptions = {},
  ): Promise<LookupEntry | undefined> {
    const entries = await this.list(list, options);
    const wanted = nameOrId.trim();
    if (/^\d+$/.test(wanted)) return entries.find((entry) => entry.id === wanted);
    const matches = entries.filter((entry) => entry.name.trim().toLowerCase() === wanted.toLowerCase());
    return matches.length === 1 ? matches[0] : undefined;
  }
}
