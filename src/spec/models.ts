/**
 * The records the SDK returns: camelCase, ids as strings. The document types only requests, so
 * these are our claim about responses, checked against the emulator's real-IT-Glue profile.
 * `src/compat/` guarantees every field listed here is present (null when IT Glue has no value).
 */

export interface Organization {
  id: string;
  type: 'organizations';
  name: string;
  alert: string | null;
  description: string | null;
  organizationTypeId: string | null;
  organizationTypeName: string | null;
  organizationStatusId: string | null;
  organizationStatusName: string | null;
  primary: boolean | null;
  shortName: string | null;
  /** Truncated to 250 characters in lists; complete from `get`. */
  quickNotes: string | null;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactEmail {
  value: string;
  primary: boolean;
  labelName: string;
}

export interface ContactPhone {
  value: string;
  extension: string | null;
  primary: boolean;
  labelName: string;
  labelType?: string;
  formattedValue?: string;
}

export interface Contact {
  id: string;
  type: 'contacts';
  organizationId: string;
  organizationName: string | null;
  /** First and last name; IT Glue derives it. */
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  /** The primary email (the document's flat field), derived from `contactEmails` on real IT Glue. */
  email: string | null;
  /** Every email of the contact (real IT Glue's shape). */
  contactEmails: ContactEmail[];
  contactPhones: ContactPhone[];
  contactTypeId: string | null;
  contactTypeName: string | null;
  locationId: string | null;
  locationName: string | null;
  /** IT Glue sometimes sends null here. */
  important: boolean | null;
  notes: string | null;
  restricted: boolean | null;
  /** Set when a PSA owns the record; IT Glue then refuses most updates (422). */
  psaIntegration: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Password {
  id: string;
  type: 'passwords';
  organizationId: string;
  organizationName: string | null;
  name: string;
  username: string | null;
  url: string | null;
  notes: string | null;
  passwordCategoryId: string | null;
  passwordCategoryName: string | null;
  passwordFolderId: string | null;
  /** Set for an embedded password, with `resourceType` (for example `Configuration`). */
  resourceId: string | null;
  resourceType: string | null;
  cachedResourceTypeName: string | null;
  cachedResourceName: string | null;
  restricted: boolean | null;
  archived: boolean | null;
  otpEnabled: boolean | null;
  /** When the secret last changed (rotation), unlike `updatedAt`. */
  passwordUpdatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The secret: present only when explicitly revealed (`passwords.get(id, { reveal: true })`). */
  password?: string;
}

export interface Configuration {
  id: string;
  type: 'configurations';
  organizationId: string;
  organizationName: string | null;
  name: string;
  hostname: string | null;
  primaryIp: string | null;
  macAddress: string | null;
  serialNumber: string | null;
  assetTag: string | null;
  configurationTypeId: string | null;
  configurationTypeName: string | null;
  configurationStatusId: string | null;
  configurationStatusName: string | null;
  manufacturerId: string | null;
  manufacturerName: string | null;
  modelId: string | null;
  modelName: string | null;
  operatingSystemId: string | null;
  operatingSystemName: string | null;
  contactId: string | null;
  contactName: string | null;
  locationId: string | null;
  locationName: string | null;
  notes: string | null;
  archived: boolean | null;
  restricted: boolean | null;
  psaIntegration: string | null;
  warrantyExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Document {
  id: string;
  type: 'documents';
  organizationId: string;
  organizationName: string | null;
  name: string;
  /** The body as HTML. From `get`; lists leave it out (on real IT Glue it needs one request per document). */
  content?: string | null;
  published: boolean | null;
  restricted: boolean | null;
  archived: boolean | null;
  public: boolean | null;
  documentFolderId: string | null;
  myGlue: boolean | null;
  createdAt: string;
  updatedAt: string;
}

/** A section of a document (real IT Glue keeps document content in sections). */
export interface DocumentSection {
  id: string;
  type: 'document-sections';
  documentId: string;
  resourceType: string;
  level: number | null;
  sort: number | null;
  content: string | null;
  renderedContent: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A document folder (real IT Glue): documents in folders are not listed at the root. */
export interface DocumentFolder {
  id: string;
  type: 'document-folders';
  organizationId: string;
  name: string;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
}
