/**
 * What a device row names by text and IT Glue keeps as ids: manufacturer, model, operating system,
 * location, and the primary user's contact. Pure: the lists are read once per plan (reads.ts) and
 * every row is resolved here. Names compare case- and space-insensitively (trimmed, runs of
 * whitespace as one); a model is looked up among its manufacturer's models. A value IT Glue does
 * not have is reported, never created: gluekit does not add to an account's lookup lists.
 */
import { normalizeEmail, normalizeName } from '../../normalize/keys.js';
import type { LookupEntry } from '../../resources/lookups.js';
import type { LocationEntry, ModelEntry } from '../../resources/reference-lookups.js';
import type { Contact } from '../../spec/models.js';

/** The configuration attributes a row's names resolve to. */
export const REFERENCE_FIELDS = [
  'manufacturerId',
  'modelId',
  'operatingSystemId',
  'locationId',
  'contactId',
] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

/** What a row names (the planner's ConfigurationRow has these fields). */
export interface ReferenceNames {
  manufacturer?: string | undefined;
  model?: string | undefined;
  os?: string | undefined;
  location?: string | undefined;
  /** The primary user's UPN (Intune), or an email address naming the device's user. */
  primaryUser?: string | undefined;
  /** A second address for the same user (Intune's "Primary user email address"). */
  primaryUserEmail?: string | undefined;
}

export interface ResolvedReference {
  id: string;
  /** The IT Glue name, for people reading the plan. */
  name: string;
}

export interface ResolvedReferences {
  found: Partial<Record<ReferenceField, ResolvedReference>>;
  /** Why a value the row names is left unset, one sentence each ("manufacturer "Acme" is not in IT Glue"). */
  unresolved: string[];
}

/** The lists a plan read: account-wide ones, and per organization its locations and contacts. */
export interface ReferenceLists {
  manufacturers: readonly LookupEntry[];
  models: readonly ModelEntry[];
  operatingSystems: readonly LookupEntry[];
  locations: ReadonlyMap<string, readonly LocationEntry[]>;
  contacts: ReadonlyMap<string, readonly Contact[]>;
}

export type ReferenceResolver = (row: ReferenceNames, organizationId: string) => ResolvedReferences;

const nameKey = (value: string) => normalizeName(value) ?? '';

function byName<T extends { name: string }>(entries: readonly T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const entry of entries) {
    const key = nameKey(entry.name);
    index.set(key, [...(index.get(key) ?? []), entry]);
  }
  return index;
}

/** One entry by name, or why not. */
function pick<T extends { id: string; name: string }>(
  found: readonly T[] | undefined,
  what: string,
  value: string,
  where = 'in IT Glue',
): ResolvedReference | string {
  if (!found || found.length === 0) return `${what} "${value}" is not ${where}`;
  if (found.length > 1)
    return `${what} "${value}" names ${found.length} entries ${where} (${found.map((e) => e.id).join(', ')})`;
  const [entry] = found as [T];
  return { id: entry.id, name: entry.name };
}

function contactsByEmail(contacts: readonly Contact[]): Map<string, Contact[]> {
  const index = new Map<string, Contact[]>();
  for (const contact of contacts) {
    const addresses = new Set(
      [contact.email, ...(contact.contactEmails ?? []).map((entry) => entry.value)]
        .map((value) => normalizeEmail(value))
        .filter((value): value is string => value !== undefined),
    );
    for (const address of addresses) index.set(address, [...(index.get(address) ?? []), contact]);
  }
  return index;
}

/** The primary user's contact: exactly one contact of the organization has one of the addresses. */
function primaryContact(
  index: ReadonlyMap<string, Contact[]> | undefined,
  row: ReferenceNames,
): ResolvedReference | string | undefined {
  const given = [row.primaryUser, row.primaryUserEmail].filter((v): v is string => !!v?.trim());
  if (given.length === 0) return undefined;
  const shown = given[0] as string;
  const addresses = given.map((value) => normalizeEmail(value)).filter((v): v is string => !!v);
  if (addresses.length === 0) return `primary user "${shown}" is not an email address`;
  const matches = new Map<string, Contact>();
  for (const address of addresses)
    for (const contact of index?.get(address) ?? []) matches.set(contact.id, contact);
  if (matches.size === 0) return `primary user "${shown}" matches no contact in this organization`;
  if (matches.size > 1)
    return `primary user "${shown}" matches ${matches.size} contacts in this organization (${[...matches.keys()].join(', ')})`;
  const [contact] = [...matches.values()] as [Contact];
  return { id: contact.id, name: contact.name ?? shown };
}

export function referenceResolver(lists: ReferenceLists): ReferenceResolver {
  const manufacturers = byName(lists.manufacturers);
  const models = byName(lists.models);
  const systems = byName(lists.operatingSystems);
  const locations = new Map([...lists.locations].map(([org, entries]) => [org, byName(entries)]));
  const contacts = new Map([...lists.contacts].map(([org, entries]) => [org, contactsByEmail(entries)]));

  return (row, organizationId) => {
    const result: ResolvedReferences = { found: {}, unresolved: [] };
    const settle = (field: ReferenceField, outcome: ResolvedReference | string | undefined) => {
      if (typeof outcome === 'string') result.unresolved.push(outcome);
      else if (outcome) result.found[field] = outcome;
    };
    const manufacturer = row.manufacturer?.trim();
    if (manufacturer)
      settle('manufacturerId', pick(manufacturers.get(nameKey(manufacturer)), 'manufacturer', manufacturer));
    const model = row.model?.trim();
    if (model) {
      // A model's name is unique only within its manufacturer ("Pro 14" is a Dell and an HP).
      const maker = result.found.manufacturerId;
      const candidates = (models.get(nameKey(model)) ?? []).filter(
        (m) => !maker || m.manufacturerId === maker.id,
      );
      settle(
        'modelId',
        pick(candidates, 'model', model, maker ? `among ${maker.name}'s models in IT Glue` : 'in IT Glue'),
      );
    }
    const os = row.os?.trim();
    if (os) settle('operatingSystemId', pick(systems.get(nameKey(os)), 'operating system', os));
    const location = row.location?.trim();
    if (location) {
      const here = locations.get(organizationId)?.get(nameKey(location));
      settle('locationId', pick(here, 'location', location, 'a location of this organization'));
    }
    settle('contactId', primaryContact(contacts.get(organizationId), row));
    return result;
  };
}

/** No lists: every name a row gives is unknown (plans whose rows name nothing need none). */
export const NO_REFERENCES: ReferenceLists = {
  manufacturers: [],
  models: [],
  operatingSystems: [],
  locations: new Map(),
  contacts: new Map(),
};
