import type { z } from 'zod';
import { type ContactWrite, normalizeContact, planContactList, withContactName } from '../compat/contacts.js';
import { contactAttributesFor, contactUpdateReadsCurrent } from '../compat/dialect.js';
import type { RequestOptions } from '../core/transport.js';
import type { Contact } from '../spec/models.js';
import type {
  contactExtensions,
  createContactAttributes,
  updateContactAttributes,
} from '../spec/schemas/contacts.js';
import type {
  BoundOperation,
  ClientContext,
  IdInput,
  OneOrMany,
  PagePromise,
  RecordListParams,
} from './base.js';
import { APIResource, bindOperation, parseAttributes, readRecord, writeRecord } from './base.js';

export type ContactSortField = 'firstName' | 'lastName' | 'id' | 'createdAt' | 'updatedAt';

/**
 * `organizationId` lists one organization's contacts (the document's nested route); the filter's
 * `name` is the full name and `email` the primary email, both matched exactly but
 * case-insensitively.
 */
export interface ContactListParams
  extends RecordListParams<ContactSortField, { email?: OneOrMany<string> | undefined }> {}

type Extensions = z.input<typeof contactExtensions>;
/** `name`, or `firstName` and `lastName` (IT Glue derives `name` from them). */
export type ContactCreateParams = Omit<z.input<typeof createContactAttributes>, 'name'> & {
  name?: string | undefined;
} & Extensions;
export type ContactUpdateParams = z.input<typeof updateContactAttributes> & Extensions;

export class Contacts extends APIResource {
  /**
   * listContacts (`GET /contacts`), or listOrganizationContacts when `organizationId` is given.
   * Filters real IT Glue ignores are applied by gluekit, never silently dropped.
   */
  list(params: ContactListParams = {}, options?: RequestOptions): PagePromise<Contact> {
    return this.listRecords('listContacts', params, planContactList, normalizeContact, options);
  }

  /** getContact: `GET /contacts/{id}`. */
  get(id: IdInput, options: RequestOptions = {}): Promise<Contact> {
    return this.getRecord('getContact', id, normalizeContact, options);
  }

  /**
   * createContact: `POST /contacts`. `name` becomes first and last name and `email` the primary
   * entry of `contactEmails`, as real IT Glue requires. A POST is never retried blindly: see
   * AmbiguousWriteError.
   */
  async create(params: ContactCreateParams, options: RequestOptions = {}): Promise<Contact> {
    return writeContact(this.ctx, bindOperation('createContact'), params, options);
  }

  /**
   * updateContact: `PATCH /contacts/{id}`. A new `email` is added as the primary email and the
   * others are kept (IT Glue replaces the whole array), which costs one GET first.
   */
  async update(id: IdInput, params: ContactUpdateParams, options: RequestOptions = {}): Promise<Contact> {
    return writeContact(this.ctx, bindOperation('updateContact', { id }), params, options);
  }
}

/**
 * A contact create or update, on either route: the attributes checked (a create may name the
 * person by `firstName` and `lastName` alone: `withContactName`), then turned into what the
 * client's dialect accepts (`contactAttributesFor`). On real IT Glue an update that changes the
 * email reads the contact first, since IT Glue replaces the whole email array.
 */
export async function writeContact(
  ctx: ClientContext,
  bound: BoundOperation,
  params: unknown,
  options: RequestOptions,
): Promise<Contact> {
  const id = bound.ids.id;
  const named = id === undefined ? withContactName(params as Record<string, unknown>, bound.request) : params;
  const parsed = (await parseAttributes(bound.op, named)) as ContactWrite;
  const current =
    id !== undefined && contactUpdateReadsCurrent(ctx.dialect, parsed)
      ? normalizeContact(await readRecord(ctx.requester, bindOperation('getContact', { id }), options))
      : undefined;
  const attributes = contactAttributesFor(ctx.dialect, parsed, bound.request, current);
  return normalizeContact(await writeRecord(ctx.requester, bound, attributes, options));
}
