/**
 * Which server the wire is written for. `itglue` (the default) is real IT Glue, as the other
 * modules of compat/ describe it. `document` is a server that implements the API document
 * (spec/itglue.openapi.yaml) literally, such as a mock generated from it: there a contact has a
 * flat `name` and `email`, a document keeps its `content`, and there is no sections or publish
 * route. Everything the `document` dialect does differently is in this module; the resources only
 * ask which dialect the client has.
 */
import { ConfigurationError, type RequestInfo } from '../core/errors.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Contact, Document } from '../spec/models.js';
import { checkConfigurationCreate } from './configurations.js';
import { type ContactWrite, contactUpdateNeedsCurrent, contactWireAttributes, fullName } from './contacts.js';
import { normalizeDocument } from './documents.js';
import { checkPasswordWrite } from './passwords.js';

export type Dialect = 'itglue' | 'document';

export function parseDialect(value: unknown): Dialect {
  if (value === undefined) return 'itglue';
  if (value === 'itglue' || value === 'document') return value;
  throw new ConfigurationError(
    `dialect must be "itglue" (real IT Glue, the default) or "document" (a server that implements the API document literally), got ${JSON.stringify(value)}`,
  );
}

/**
 * A contact write for a literal server: the document's flat `name` and `email` (the primary of
 * `contactEmails` when only those were given). An update that renames by first and last name also
 * sends the name they make, since such a server keeps `name` apart.
 */
export function documentContactAttributes(attributes: ContactWrite): Record<string, unknown> {
  const { contactEmails, ...rest } = attributes;
  const wire: Record<string, unknown> = { ...rest };
  if (wire.email === undefined && contactEmails && contactEmails.length > 0) {
    wire.email = (contactEmails.find((entry) => entry.primary) ?? contactEmails[0])?.value;
  }
  if (wire.name === undefined && wire.firstName !== undefined && wire.lastName !== undefined) {
    const name = fullName(wire.firstName, wire.lastName);
    if (name !== '') wire.name = name;
  }
  return wire;
}

/** A contact write as this dialect's server takes it (real IT Glue's shape, or the document's). */
export function contactAttributesFor(
  dialect: Dialect | undefined,
  attributes: ContactWrite,
  request: RequestInfo,
  current?: Pick<Contact, 'contactEmails'>,
): Record<string, unknown> {
  return dialect === 'document'
    ? documentContactAttributes(attributes)
    : contactWireAttributes(attributes, request, current);
}

/** Whether an update must read the contact first: only real IT Glue replaces the whole email array. */
export function contactUpdateReadsCurrent(dialect: Dialect | undefined, attributes: ContactWrite): boolean {
  return dialect !== 'document' && contactUpdateNeedsCurrent(attributes);
}

/** Real IT Glue requires a configuration type; the document (and so a literal server) does not. */
export function checkConfigurationCreateFor(
  dialect: Dialect | undefined,
  attributes: Record<string, unknown>,
  request: RequestInfo,
): void {
  if (dialect !== 'document') checkConfigurationCreate(attributes, request);
}

/**
 * Real IT Glue requires a password's value and accepts a fixed list of embeddable resource types;
 * the document requires only the name and takes `resource-type` as free text.
 */
export function checkPasswordWriteFor(
  dialect: Dialect | undefined,
  attributes: Record<string, unknown>,
  request: RequestInfo,
  isCreate: boolean,
): void {
  if (dialect !== 'document') checkPasswordWrite(attributes, request, isCreate);
}

/**
 * A document as a literal server answers a create, update or get: the content is the document's
 * own attribute (or, when the answer leaves it out, what was sent).
 */
export function documentAsServed(flat: FlatResource, sent: unknown = null): Document {
  const document = normalizeDocument(flat);
  const content = typeof flat.content === 'string' ? flat.content : sent;
  document.content = typeof content === 'string' ? content : null;
  return document;
}

/** What real IT Glue has and the document does not (sections, publishing): refused, not sent. */
export function notInTheDocument(what: string): ConfigurationError {
  return new ConfigurationError(
    `${what} is real IT Glue's, not the API document's, and this client uses dialect "document" (a server that implements the document literally). Use dialect "itglue" to reach it.`,
  );
}
