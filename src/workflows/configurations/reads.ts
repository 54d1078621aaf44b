/**
 * What a configuration plan reads from IT Glue, each list once per plan at page size 1000, never
 * a lookup per device: every target organization's configurations; serials they lack, asked of
 * the whole account in batches; and only the lists the rows need: manufacturers, models and
 * operating systems when a row names one, a target organization's locations and contacts when
 * one of its rows names a location or a primary user.
 */
import type { GlueKit } from '../../client.js';
import { normalizeSerial } from '../../normalize/keys.js';
import type { LookupEntry } from '../../resources/lookups.js';
import type { LocationEntry } from '../../resources/reference-lookups.js';
import type { Configuration, Contact } from '../../spec/models.js';
import type { ConfigurationRow } from './planner.js';
import type { ReferenceLists } from './references.js';

/** Serials per cross-organization lookup: one request checks this many (comma means OR). */
const SERIALS_PER_REQUEST = 100;

export type SerialsElsewhere = Map<string, { organizationId: string; id: string }>;

export interface ConfigurationReads {
  targets: Map<string, Configuration[]>;
  elsewhere: SerialsElsewhere;
  references: ReferenceLists;
}

export async function readForPlan(
  client: GlueKit,
  rowsByOrganization: ReadonlyMap<string, readonly ConfigurationRow[]>,
  signal?: AbortSignal,
): Promise<ConfigurationReads> {
  const targets = new Map<string, Configuration[]>();
  for (const organizationId of rowsByOrganization.keys()) {
    targets.set(organizationId, await client.configurations.list({ organizationId }, { signal }).toArray());
  }
  const elsewhere = await findSerialsElsewhere(client, serialsMissing(rowsByOrganization, targets), signal);
  const references = await readReferenceLists(client, rowsByOrganization, signal);
  return { targets, elsewhere, references };
}

/** Serials of rows that no configuration of their organization has (normalized → as written). */
function serialsMissing(
  rowsByOrganization: ReadonlyMap<string, readonly ConfigurationRow[]>,
  targets: ReadonlyMap<string, Configuration[]>,
): Map<string, string> {
  const missing = new Map<string, string>();
  for (const [organizationId, rows] of rowsByOrganization) {
    const have = new Set(
      (targets.get(organizationId) ?? [])
        .map((c) => normalizeSerial(c.serialNumber ?? undefined))
        .filter(Boolean),
    );
    for (const row of rows) {
      const serial = normalizeSerial(row.serialNumber);
      if (serial && !have.has(serial) && row.serialNumber) missing.set(serial, row.serialNumber.trim());
    }
  }
  return missing;
}

/** Where serials the target organizations lack already live, in batches of SERIALS_PER_REQUEST. */
async function findSerialsElsewhere(
  client: GlueKit,
  serials: ReadonlyMap<string, string>,
  signal?: AbortSignal,
): Promise<SerialsElsewhere> {
  const found: SerialsElsewhere = new Map();
  const raw = [...serials.values()];
  for (let at = 0; at < raw.length; at += SERIALS_PER_REQUEST) {
    const batch = raw.slice(at, at + SERIALS_PER_REQUEST);
    for await (const device of client.configurations.list({ filter: { serialNumber: batch } }, { signal })) {
      const serial = normalizeSerial(device.serialNumber ?? undefined);
      if (serial) found.set(serial, { organizationId: device.organizationId, id: device.id });
    }
  }
  return found;
}

const names = (rows: readonly ConfigurationRow[], pick: (row: ConfigurationRow) => string | undefined) =>
  rows.some((row) => !!pick(row)?.trim());

async function readReferenceLists(
  client: GlueKit,
  rowsByOrganization: ReadonlyMap<string, readonly ConfigurationRow[]>,
  signal?: AbortSignal,
): Promise<ReferenceLists> {
  const all = [...rowsByOrganization.values()].flat();
  const none: LookupEntry[] = [];
  const locations = new Map<string, LocationEntry[]>();
  const contacts = new Map<string, Contact[]>();
  for (const [organizationId, rows] of rowsByOrganization) {
    if (names(rows, (r) => r.location))
      locations.set(organizationId, await client.lookups.locations(organizationId, { signal }));
    if (names(rows, (r) => r.primaryUser ?? r.primaryUserEmail))
      contacts.set(organizationId, await client.contacts.list({ organizationId }, { signal }).toArray());
  }
  return {
    manufacturers: names(all, (r) => r.manufacturer)
      ? await client.lookups.list('manufacturers', { signal })
      : none,
    models: names(all, (r) => r.model) ? await client.lookups.models({ signal }) : [],
    operatingSystems: names(all, (r) => r.os)
      ? await client.lookups.list('operating_systems', { signal })
      : none,
    locations,
    contacts,
  };
}
