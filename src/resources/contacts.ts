import type { z } from 'zod';
import { type ContactWrite, normalizeContact, planContactList, withContactName } from '../compat/contacts.js';
import { contactAttributesFor, contactUpdateReadsCurrent } from '../compat/dialect.js';
import type { RequestOptions } from '../core/transport.js';
import { getOperation } from '../spec/index.js';
import type { Contact } from '../spec/models.js';
import type {
  contactExtensions,
  createContactAttributes,
  updateContactAttributes,
} from '../spec/schemas/contacts.js';
import {
  APIResource,
  type IdInput,
  type ListParamsBase,
  lazyList,
  type OneOrMany,
  type PagePromise,
  parseAttributes,
  parseId,
  parseListParams,
  requestInfo,
  runListPlan,
} from './base.js';

export type ContactSortField = 'firstName' | 'lastName' | 'id' | 'createdAt' | 'updatedAt';

export interface ContactListParams extends ListParamsBase<ContactSortField> {
  /** Only this organization's contacts (the document's nested route). */
  organizationId?: IdInput | undefined;
  filter?:
    | {
        id?: OneOrMany<IdInput> | undefined;
        /** The full name, matched exactly but case-insensitively. */
        name?: OneOrMany<string> | undefined;
        organizationId?: OneOrMany<IdInput> | undefined;
        /** The primary email, case-insensitively. */
        email?: OneOrMany<string> | undefined;
      }
    | undefined;
}

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
    return lazyList(async () => {
      const input = await parseListParams(getOperation('listContacts'), params, this.ctx.pageSize);
      return runListPlan(this.requester, planContactList(input), input, normalizeContact, options);
    });
  }

  /** getContact: `GET /contacts/{id}`. */
  async get(id: IdInput, options: RequestOptions = {}): Promise<Contact> {
    const contactId = parseId(id, 'id', requestInfo('getContact'));
    return normalizeContact(await this.requester.getOne(`/contacts/${contactId}`, {}, options, 'getContact'));
  }

  /**
   * createContact: `POST /contacts`. `name` becomes first and last name and `email` the primary
   * entry of `contactEmails`, as real IT Glue requires. A POST is never retried blindly: see
   * AmbiguousWriteError.
   */
  async create(params: ContactCreateParams, options: RequestOptions = {}): Promise<Contact> {
    const op = getOperation('createContact');
    const request = requestInfo('createContact');
    const parsed = (await parseAttributes(op, withContactName(params, request))) as ContactWrite;
    const attributes = contactAttributesFor(this.ctx.dialect, parsed, request);
    return normalizeContact(
      await this.requester.create('/contacts', 'contacts', attributes, options, 'createContact'),
    );
  }

  /**
   * updateContact: `PATCH /contacts/{id}`. A new `email` is added as the primary email and the
   * others are kept (IT Glue replaces the whole array), which costs one GET first.
   */
  async update(id: IdInput, params: ContactUpdateParams, options: RequestOptions = {}): Promise<Contact> {
    const request = requestInfo('updateContact');
    const contactId = parseId(id, 'id', request);
    const parsed = (await parseAttributes(getOperation('updateContact'), params)) as ContactWrite;
    const current = contactUpdateReadsCurrent(this.ctx.dialect, parsed)
      ? await this.get(contactId, options)
      : undefined;
    const attributes = contactAttributesFor(this.ctx.dialect, parsed, request, current);
    return normalizeContact(
      await this.requester.update(
        `/contacts/${contactId}`,
        'contacts',
        contactId,
        attributes,
        options,
        'updateContact',
      ),
    );
  }
}
