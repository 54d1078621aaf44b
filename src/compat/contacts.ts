/**
 * Contacts: the document has a flat `email` and a writable `name`; real IT Glue has
 * `contact-emails[]`, a derived `name`, `filter[primary_email]`, no `filter[name]` and no
 * `archived`. Callers use the document's fields; this module turns them into real IT Glue's.
 */
import type { RequestInfo } from '../core/errors.js';
import { ValidationError } from '../core/errors.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import { splitName } from '../normalize/person-name.js';
import type { Contact, ContactEmail, ContactPhone } from '../spec/models.js';
import {
  allOf,
  type ListInput,
  type ListPlan,
  matchesAny,
  type RecordPredicate,
  serverFilters,
} from './list-plan.js';
import { withFields } from './records.js';

const CONTACT_FIELDS = [
  'organizationId',
  'organizationName',
  'firstName',
  'lastName',
  'title',
  'contactTypeId',
  'contactTypeName',
  'locationId',
  'locationName',
  'important',
  'notes',
  'restricted',
  'psaIntegration',
  'createdAt',
  'updatedAt',
];

const DEFAULT_LABEL = 'Work';

function isEntry(entry: unknown): entry is { value: string } & Record<string, unknown> {
  return (
    typeof entry === 'object' && entry !== null && typeof (entry as { value?: unknown }).value === 'string'
  );
}

/** The contact's emails as `{value, primary, labelName}`; reuses the decoded array when it is well formed. */
function readEmails(value: unknown): ContactEmail[] {
  if (!Array.isArray(value)) return [];
  const wellFormed = value.every(
    (entry) => isEntry(entry) && typeof entry.primary === 'boolean' && typeof entry.labelName === 'string',
  );
  if (wellFormed) return value as ContactEmail[];
  return value.filter(isEntry).map((entry) => ({
    value: entry.value,
    primary: entry.primary === true,
    labelName: typeof entry.labelName === 'string' ? entry.labelName : DEFAULT_LABEL,
  }));
}

function readPhones(value: unknown): ContactPhone[] {
  if (!Array.isArray(value)) return [];
  const phones: unknown[] = value.every(isEntry) ? value : value.filter(isEntry);
  return phones as ContactPhone[];
}

/** Gives every contact both shapes: `email` (primary) and `contactEmails` (all of them). */
export function normalizeContact(flat: FlatResource): Contact {
  const contact = withFields<Contact>(flat, CONTACT_FIELDS);
  let emails = readEmails(flat.contactEmails);
  if (emails.length === 0 && typeof flat.email === 'string' && flat.email !== '') {
    emails = [{ value: flat.email, primary: true, labelName: DEFAULT_LABEL }];
  }
  contact.contactEmails = emails;
  let primary: ContactEmail | undefined;
  for (const entry of emails) {
    if (entry.primary) {
      primary = entry;
      break;
    }
  }
  contact.email = (primary ?? emails[0])?.value ?? null;
  contact.contactPhones = readPhones(flat.contactPhones);
  if (typeof flat.name !== 'string' || flat.name === '') {
    const first = contact.firstName ?? '';
    const last = contact.lastName ?? '';
    const full = first && last ? `${first} ${last}` : first || last;
    contact.name = full === '' ? null : full;
  }
  return contact;
}

/** Every email of a contact, for matching (the primary alone is not enough; see workflows.md C4). */
export function contactEmailValues(contact: Pick<Contact, 'contactEmails'>): string[] {
  return contact.contactEmails.map((entry) => entry.value);
}

export function planContactList(input: ListInput): ListPlan {
  const { filter } = input;
  const hasFilters = Object.keys(filter).length > 0;
  if (input.organizationId !== undefined && !hasFilters && input.sort.length === 0) {
    return {
      mode: 'server',
      path: `/organizations/${input.organizationId}/relationships/contacts`,
      operationId: 'listOrganizationContacts',
      query: {},
    };
  }
  // Filters on the nested route are ignored by IT Glue: list the top-level route for that organization instead.
  const wireFilter = serverFilters(filter, {
    id: 'id',
    organizationId: 'organization_id',
    email: 'primary_email',
  });
  if (input.organizationId !== undefined) wireFilter.organization_id = [input.organizationId];
  const checks: RecordPredicate[] = [];
  if (filter.email) {
    const emails = filter.email;
    checks.push((record) => matchesAny(emails, record.email));
  }
  const query = { filter: wireFilter, sort: input.sort.join(',') };
  if (filter.name) {
    // No name filter exists on real IT Glue: match the full name here.
    const names = filter.name;
    checks.push((record) => matchesAny(names, record.name));
    return {
      mode: 'client',
      read: (requester, options) =>
        requester.scan({ path: '/contacts', query, pageSize: 1000, operationId: 'listContacts' }, options),
      filter: allOf(checks) as RecordPredicate,
      sort: input.sort,
    };
  }
  const recheck = allOf(checks);
  return recheck
    ? { mode: 'server', path: '/contacts', operationId: 'listContacts', query, recheck }
    : { mode: 'server', path: '/contacts', operationId: 'listContacts', query };
}

/** The document's attributes of a contact write, before they are turned into IT Glue's. */
export interface ContactWrite {
  organizationId?: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  contactEmails?: Array<{ value: string; primary?: boolean | undefined; labelName: string }>;
  archived?: boolean;
  [attribute: string]: unknown;
}

export { splitName };

/** Makes `email` the primary entry, keeping every other email (IT Glue replaces the whole array). */
export function mergePrimaryEmail(existing: readonly ContactEmail[], email: string): ContactEmail[] {
  const wanted = email.trim().toLowerCase();
  const same = existing.find((entry) => entry.value.trim().toLowerCase() === wanted);
  const others = existing.filter((entry) => entry !== same).map((entry) => ({ ...entry, primary: false }));
  return [
    { value: same?.value ?? email.trim(), primary: true, labelName: same?.labelName ?? DEFAULT_LABEL },
    ...others,
  ];
}

/** Whether an update must read the contact first: a new `email` is merged into the existing ones. */
export function contactUpdateNeedsCurrent(attributes: ContactWrite): boolean {
  return attributes.email !== undefined && attributes.contactEmails === undefined;
}

/**
 * The document's contact attributes → real IT Glue's: `name` becomes first and last name,
 * `email` becomes the primary `contact-emails` entry, and `archived` (which IT Glue contacts do
 * not have) is refused with what to do instead.
 */
export function contactWireAttributes(
  attributes: ContactWrite,
  request: RequestInfo,
  current?: Pick<Contact, 'contactEmails'>,
): Record<string, unknown> {
  const { name, email, contactEmails, archived, ...rest } = attributes;
  if (archived !== undefined) {
    throw ValidationError.local(
      request,
      'archived',
      'IT Glue contacts cannot be archived (real IT Glue has no such attribute). To deactivate a contact, set contactTypeId to your "Terminated" contact type, or use `gluekit contacts sync --deactivate-missing`.',
    );
  }
  const wire: Record<string, unknown> = { ...rest };
  if (name !== undefined && attributes.firstName === undefined && attributes.lastName === undefined) {
    Object.assign(wire, splitName(name));
  }
  let emails: ContactEmail[] | undefined = contactEmails?.map((entry) => ({
    value: entry.value,
    primary: entry.primary === true,
    labelName: entry.labelName,
  }));
  if (email !== undefined) emails = mergePrimaryEmail(emails ?? current?.contactEmails ?? [], email);
  if (emails && emails.length > 0 && !emails.some((entry) => entry.primary)) {
    emails = emails.map((entry, index) => ({ ...entry, primary: index === 0 }));
  }
  if (emails !== undefined) wire.contactEmails = emails;
  return wire;
}

interface ContactNames {
  name?: unknown;
  firstName?: unknown;
  lastName?: unknown;
}

/** `first last`, each trimmed, empty parts left out: how IT Glue derives a contact's name. */
export function fullName(first: unknown, last: unknown): string {
  return [first, last]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
}

/**
 * A contact create may name the person with `firstName` and `lastName` alone, as real IT Glue
 * describes one (its `name` is derived from them). The document requires `name`, so it is derived
 * here the same way, in both dialects (compat/dialect.ts): real IT Glue gets first and last
 * name, a literal server gets all three. A create with none of them is refused, saying what to give.
 */
export function withContactName<T extends ContactNames>(params: T, request: RequestInfo): T {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return params;
  if (params.name !== undefined) return params;
  const name = fullName(params.firstName, params.lastName);
  if (name === '') {
    throw ValidationError.local(
      request,
      'name',
      'a contact needs a name: give name, or firstName and lastName (IT Glue derives name from them)',
    );
  }
  return { ...params, name };
}
