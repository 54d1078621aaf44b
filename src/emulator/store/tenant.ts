/**
 * One tenant: the account behind one API key. Everything an API request can see or change lives
 * here, so two keys never share a record. Reloading a seed builds a fresh Tenant.
 */
import { LogicalClock } from '../support/clock.js';
import type {
  BaseRecord,
  ConfigurationRecord,
  ContactRecord,
  DocumentRecord,
  LookupRecord,
  OrganizationRecord,
  PasswordRecord,
  SectionRecord,
} from './records.js';
import { type RecordTable, Table } from './table.js';

/** The read-only lookup lists real IT Glue has, by route name, with their JSON:API type. */
export const LOOKUP_LISTS = {
  organization_types: 'organization-types',
  organization_statuses: 'organization-statuses',
  contact_types: 'contact-types',
  configuration_types: 'configuration-types',
  configuration_statuses: 'configuration-statuses',
  password_categories: 'password-categories',
  manufacturers: 'manufacturers',
} as const;

export type LookupList = keyof typeof LOOKUP_LISTS;

export const LOOKUP_LIST_NAMES = Object.keys(LOOKUP_LISTS) as LookupList[];

export type SeedName = 'demo' | 'empty' | `scale:${number}`;

export interface TenantIdentity {
  apiKey: string;
  /** False when the key lacks IT Glue's "Password Access" setting: password values never leave. */
  passwordAccess: boolean;
  seed: SeedName;
}

/**
 * The user IT Glue records as `updated-by` for writes made with a tenant's key (emulator choice:
 * which user an API write is attributed to is not documented), and the one the seeds edited as.
 */
export const API_USER_ID = '4444';
export const SEED_EDITOR_ID = '35';

const byOrganization = (record: { organizationId?: string | undefined }) => record.organizationId;

export class Tenant {
  readonly apiKey: string;
  readonly passwordAccess: boolean;
  readonly seed: SeedName;
  readonly clock = new LogicalClock();
  #nextId = 1;

  readonly organizations = new Table<OrganizationRecord>();
  readonly contacts = new Table<ContactRecord>(byOrganization);
  readonly passwords = new Table<PasswordRecord>(byOrganization);
  readonly configurations = new Table<ConfigurationRecord>(byOrganization);
  readonly documents = new Table<DocumentRecord>(byOrganization);
  readonly sections = new Table<SectionRecord>((section) => section.documentId);

  readonly lookups = Object.fromEntries(
    Object.keys(LOOKUP_LISTS).map((name) => [name, new Table<LookupRecord>()]),
  ) as Record<LookupList, Table<LookupRecord>>;
  /** Reference data the records point at but no route lists. */
  readonly models = new Table<LookupRecord>();
  readonly operatingSystems = new Table<LookupRecord>();
  readonly locations = new Table<LookupRecord>(byOrganization);
  readonly documentFolders = new Table<LookupRecord>(byOrganization);

  constructor(identity: TenantIdentity) {
    this.apiKey = identity.apiKey;
    this.passwordAccess = identity.passwordAccess;
    this.seed = identity.seed;
  }

  /** The id for a record created through the API: a per-tenant counter. */
  newId(): string {
    return String(this.#nextId++);
  }

  /** Seeds call this once they have placed their own ids. */
  continueIdsAfter(lastId: number): void {
    this.#nextId = Math.max(this.#nextId, lastId + 1);
  }

  /** The time of a write (strictly later than any earlier write or seeded record). */
  writeTime(): string {
    return this.clock.tick();
  }

  /** Every table by the names control routes use (`contacts`, `document-sections`, `contact-types`, ...). */
  tableNamed(name: string): RecordTable<BaseRecord> | undefined {
    const key = name.replace(/_/g, '-');
    const tables: Record<string, RecordTable<BaseRecord>> = {
      organizations: this.organizations,
      contacts: this.contacts,
      passwords: this.passwords,
      configurations: this.configurations,
      documents: this.documents,
      'document-sections': this.sections,
      sections: this.sections,
      models: this.models,
      'operating-systems': this.operatingSystems,
      locations: this.locations,
      'document-folders': this.documentFolders,
    };
    for (const [list, type] of Object.entries(LOOKUP_LISTS)) tables[type] = this.lookups[list as LookupList];
    return tables[key];
  }

  organizationName(id: string | null): string | null {
    return id === null ? null : (this.organizations.get(id)?.name ?? null);
  }

  lookupName(list: LookupList, id: string | null): string | null {
    return id === null ? null : (this.lookups[list].get(id)?.name ?? null);
  }
}

/** `first last`, the way IT Glue derives a contact's name. */
export function contactFullName(contact: Pick<ContactRecord, 'firstName' | 'lastName'>): string | null {
  const full = [contact.firstName, contact.lastName].filter((part) => part !== null && part !== '').join(' ');
  return full === '' ? null : full;
}
