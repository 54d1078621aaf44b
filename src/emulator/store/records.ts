/**
 * What the emulator stores: one plain object per record, camelCase fields, ids as digit strings,
 * timestamps as RFC 3339 strings. Companion names (`organization-name`, `contact-type-name`, ...)
 * are not stored; views derive them from the referenced record, as IT Glue does.
 */
import type { ContactEmail, ContactPhone as ContractPhone } from '../../spec/models.js';

export interface BaseRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationRecord extends BaseRecord {
  name: string;
  alert: string | null;
  description: string | null;
  organizationTypeId: string | null;
  organizationStatusId: string | null;
  primary: boolean;
  shortName: string | null;
  quickNotes: string | null;
  myGlueAccountId: string | null;
  psaId: string | null;
  psaIntegrationType: string | null;
}

export type { ContactEmail };

/**
 * A phone as the contract has it, stored with `value` in digits only (IT Glue strips separators
 * and formats `formatted-value` itself, so it is not stored) and its label type always set.
 */
export interface ContactPhone extends Omit<ContractPhone, 'labelType' | 'formattedValue'> {
  labelType: 'phone' | 'fax';
}

export interface ContactRecord extends BaseRecord {
  organizationId: string;
  firstName: string | null;
  lastName: string | null;
  /** A name set through the seed profile (the document lets clients write it); null = derived. */
  nameOverride: string | null;
  title: string | null;
  contactTypeId: string | null;
  locationId: string | null;
  /** IT Glue sends null here for some contacts; kept as a three-state value. */
  important: boolean | null;
  notes: string | null;
  restricted: boolean;
  /** Set when a PSA owns the record (for example `manage`); IT Glue then refuses updates. */
  psaIntegration: string | null;
  psaId: string | null;
  contactEmails: ContactEmail[];
  contactPhones: ContactPhone[];
  /** Only the seed profile knows this attribute (real IT Glue contacts cannot be archived). */
  archived: boolean;
}

export interface PasswordRecord extends BaseRecord {
  organizationId: string;
  name: string;
  username: string | null;
  password: string | null;
  url: string | null;
  notes: string | null;
  passwordCategoryId: string | null;
  passwordFolderId: string | null;
  resourceId: string | null;
  resourceType: string | null;
  /** Captured when the password is embedded, as IT Glue caches them. */
  cachedResourceTypeName: string | null;
  cachedResourceName: string | null;
  restricted: boolean;
  myGlue: boolean;
  archived: boolean;
  /** Write-only: accepted on writes, never returned; `otp-enabled` reports whether it is set. */
  otpSecret: string | null;
  passwordUpdatedAt: string | null;
  /** The user who last changed it (IT Glue's `updated-by`, a user id). */
  updatedBy: string | null;
  /** IT Glue's `is-live` (a writable flag, returned on show). */
  isLive: boolean;
}

export interface ConfigurationRecord extends BaseRecord {
  organizationId: string;
  name: string;
  hostname: string | null;
  primaryIp: string | null;
  macAddress: string | null;
  defaultGateway: string | null;
  serialNumber: string | null;
  assetTag: string | null;
  position: string | null;
  installedBy: string | null;
  purchasedBy: string | null;
  notes: string | null;
  operatingSystemNotes: string | null;
  configurationTypeId: string | null;
  configurationStatusId: string | null;
  manufacturerId: string | null;
  modelId: string | null;
  operatingSystemId: string | null;
  contactId: string | null;
  locationId: string | null;
  warrantyExpiresAt: string | null;
  installedAt: string | null;
  purchasedAt: string | null;
  archived: boolean;
  restricted: boolean;
  myGlue: boolean;
  psaIntegration: string | null;
  psaId: string | null;
  rmmId: string | null;
  rmmIntegrationType: string | null;
}

export interface DocumentRecord extends BaseRecord {
  organizationId: string;
  name: string;
  published: boolean;
  archived: boolean;
  restricted: boolean;
  public: boolean;
  documentFolderId: string | null;
  myGlue: boolean;
  /** Seed profile only: the body as sent. Sections, when there are any, take precedence. */
  content: string | null;
}

export interface SectionRecord extends BaseRecord {
  documentId: string;
  resourceType: string;
  level: number | null;
  sort: number;
  content: string | null;
  duration: number | null;
}

/** A row of a lookup list (`/contact_types`, ...) or of a reference table (models, locations). */
export interface LookupRecord extends BaseRecord {
  name: string;
  /** Configuration types: `workstation`, `server`, ... */
  kind?: string;
  /** Models belong to a manufacturer. */
  manufacturerId?: string;
  /** Locations and document folders belong to an organization. */
  organizationId?: string;
}
