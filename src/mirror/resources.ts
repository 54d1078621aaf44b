/**
 * The five record types the mirror holds, and what it keeps of each: typed columns for the views,
 * the searchable fields, and the whole record as JSON. Secret attributes never get this far (lists
 * carry none), and `storedRecord` drops them anyway so no code path can put one in the file.
 */
import { phoneDigits } from '../normalize/keys.js';
import type { Configuration, Contact, Document, Organization, Password } from '../spec/models.js';
import { isSecretKey } from '../spec/secrets.js';
import { MirrorInputError } from './errors.js';

export const MIRROR_RESOURCES = [
  'organizations',
  'contacts',
  'passwords',
  'configurations',
  'documents',
] as const;

export type MirrorResource = (typeof MIRROR_RESOURCES)[number];

/** The record types that belong to an organization (everything but organizations). */
export const CHILD_RESOURCES = ['contacts', 'configurations', 'passwords', 'documents'] as const;
export type ChildResource = (typeof CHILD_RESOURCES)[number];

export type MirrorRecord = Organization | Contact | Password | Configuration | Document;

const ALIASES: Record<string, MirrorResource> = {
  organization: 'organizations',
  orgs: 'organizations',
  org: 'organizations',
  contact: 'contacts',
  password: 'passwords',
  configuration: 'configurations',
  configs: 'configurations',
  config: 'configurations',
  document: 'documents',
  docs: 'documents',
  doc: 'documents',
};

/** `configs`, `Contact`, `documents` → the resource; anything else is an error naming the choices. */
export function parseResource(value: string, where = 'type'): MirrorResource {
  const key = value.trim().toLowerCase();
  if ((MIRROR_RESOURCES as readonly string[]).includes(key)) return key as MirrorResource;
  const alias = ALIASES[key];
  if (alias) return alias;
  throw new MirrorInputError(
    `${where} ${JSON.stringify(value)} is not a mirrored record type: use one of ${MIRROR_RESOURCES.join(', ')}`,
  );
}

/** A comma-separated list of resources (`contacts,configs`), each once, in the canonical order. */
export function parseResourceList(value: string, where = '`resources`'): MirrorResource[] {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0)
    throw new MirrorInputError(`${where} is empty: name one or more of ${MIRROR_RESOURCES.join(', ')}`);
  const wanted = new Set(parts.map((part) => parseResource(part, where)));
  return MIRROR_RESOURCES.filter((resource) => wanted.has(resource));
}

/** The typed columns of a record row. */
export interface RecordColumns {
  organizationId: string | null;
  name: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  passwordUpdatedAt: string | null;
  archived: number | null;
}

const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A timestamp as one comparable ISO form (`2026-01-02T03:04:05.000Z`), or null. */
export function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  // IT Glue's own form already is that form; only others need parsing.
  if (CANONICAL_TIMESTAMP.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function recordColumns(resource: MirrorResource, record: Record<string, unknown>): RecordColumns {
  const archived = record.archived;
  return {
    organizationId:
      resource === 'organizations'
        ? String(record.id)
        : record.organizationId == null
          ? null
          : String(record.organizationId),
    name: text(record.name),
    createdAt: isoOrNull(record.createdAt),
    updatedAt: isoOrNull(record.updatedAt),
    passwordUpdatedAt: resource === 'passwords' ? isoOrNull(record.passwordUpdatedAt) : null,
    archived: typeof archived === 'boolean' ? Number(archived) : null,
  };
}

/** Sorted keys at every level, so equal records serialize to equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (isSecretKey(key)) continue;
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) out[key] = canonical(inner);
  }
  return out;
}

/** The record as stored: secrets dropped, keys sorted. */
export function storedRecord(record: object): Record<string, unknown> {
  return canonical(record) as Record<string, unknown>;
}

/** A searchable field: its name (reported as what matched) and its values in a record. */
export interface SearchField {
  field: string;
  /** Which FTS column holds it: the name ranks above identifiers, identifiers above notes. */
  column: 'name' | 'details' | 'notes';
  values: (record: Record<string, unknown>) => string[];
}

function values(...keys: string[]): (record: Record<string, unknown>) => string[] {
  return (record) =>
    keys.map((key) => record[key]).filter((v): v is string => typeof v === 'string' && v !== '');
}

function entries(key: string, inner: string): (record: Record<string, unknown>) => string[] {
  return (record) => {
    const list = record[key];
    if (!Array.isArray(list)) return [];
    return list
      .map((entry) =>
        typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[inner] : undefined,
      )
      .filter((v): v is string => typeof v === 'string' && v !== '');
  };
}

/** `18-5E-0F-ED-99-9J` → `185e0fed999j`, so a MAC matches whatever separators the query uses. */
export function compactMac(value: string): string {
  return value.replace(/[^0-9a-z]/gi, '').toLowerCase();
}

/**
 * Bumped when what the index holds for a record changes, so a writable open rebuilds it from the
 * stored records (2: phone numbers as digits too).
 */
export const SEARCH_FORMAT = 2;

export const SEARCH_FIELDS: Record<MirrorResource, readonly SearchField[]> = {
  organizations: [
    { field: 'name', column: 'name', values: values('name') },
    { field: 'shortName', column: 'details', values: values('shortName') },
    { field: 'description', column: 'notes', values: values('description') },
    { field: 'quickNotes', column: 'notes', values: values('quickNotes') },
    { field: 'alert', column: 'notes', values: values('alert') },
  ],
  contacts: [
    { field: 'name', column: 'name', values: values('name') },
    { field: 'contactEmails', column: 'details', values: entries('contactEmails', 'value') },
    {
      field: 'contactPhones',
      column: 'details',
      values: (record) =>
        entries('contactPhones', 'value')(record).flatMap((phone) => [phone, phoneDigits(phone)]),
    },
    { field: 'title', column: 'details', values: values('title') },
    { field: 'notes', column: 'notes', values: values('notes') },
  ],
  passwords: [
    { field: 'name', column: 'name', values: values('name') },
    { field: 'username', column: 'details', values: values('username') },
    { field: 'url', column: 'details', values: values('url') },
    { field: 'cachedResourceName', column: 'details', values: values('cachedResourceName') },
    { field: 'notes', column: 'notes', values: values('notes') },
  ],
  configurations: [
    { field: 'name', column: 'name', values: values('name') },
    { field: 'hostname', column: 'details', values: values('hostname') },
    { field: 'serialNumber', column: 'details', values: values('serialNumber') },
    { field: 'assetTag', column: 'details', values: values('assetTag') },
    {
      field: 'macAddress',
      column: 'details',
      values: (record) => values('macAddress')(record).flatMap((mac) => [mac, compactMac(mac)]),
    },
    { field: 'primaryIp', column: 'details', values: values('primaryIp') },
    { field: 'notes', column: 'notes', values: values('notes') },
  ],
  documents: [{ field: 'name', column: 'name', values: values('name') }],
};

/** The three FTS column texts of a record (one value per line). */
export function searchColumns(
  resource: MirrorResource,
  record: Record<string, unknown>,
): { name: string; details: string; notes: string } {
  const out = { name: [] as string[], details: [] as string[], notes: [] as string[] };
  for (const field of SEARCH_FIELDS[resource]) out[field.column].push(...field.values(record));
  return { name: out.name.join('\n'), details: out.details.join('\n'), notes: out.notes.join('\n') };
}
