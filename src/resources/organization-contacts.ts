import type { z } from 'zod';
import { type ContactWrite, normalizeContact, planContactList, withContactName } from '../compat/contacts.js';
import { contactAttributesFor, contactUpdateReadsCurrent } from '../compat/dialect.js';
import type { RequestOptions } from '../core/transport.js';
import { getOperation } from '../spec/index.js';
import type { Contact } from '../spec/models.js';
import type {
  contactExtensions,
  createOrganizationContactAttributes,
  updateOrganizationContactAttributes,
} from '../spec/schemas/contacts.js';
import {
  APIResource,
  type IdInput,
  lazyList,
  type OneOrMany,
  type PagePromise,
  parseAttributes,
  parseId,
  parseListParams,
  requestInfo,
  runListPlan,
} from './base.js';

export interface OrganizationContactListParams {
  /** The primary email, case-insensitively. */
  filter?: { email?: OneOrMany<string> | undefined } | undefined;
  pageNumber?: number | undefined;
  pageSize?: number | undefined;
}

type Extensions = z.input<typeof contactExtensions>;
/** `name`, or `firstName` and `lastName` (IT Glue derives `name` from them). */
export type OrganizationContactCreateParams = Omit<
  z.input<typeof createOrganizationContactAttributes>,
  'name'
> & { name?: string | undefined } & Extensions;
export type OrganizationContactUpdateParams = z.input<typeof updateOrganizationContactAttributes> &
  Extensions;

/** The document's `/organizations/{organization_id}/relationships/contacts` routes. */
export class OrganizationContacts extends APIResource {
  /** listOrganizationContacts. IT Glue ignores filters on this route, so a filtered list reads `GET /contacts` for the organization. */
  list(
    organizationId: IdInput,
    params: OrganizationContactListParams = {},
    options?: RequestOptions,
  ): PagePromise<Contact> {
    return lazyList(async () => {
      const op = getOperation('listOrganizationContacts');
      const input = await parseListParams(op, { ...params, organizationId }, this.ctx.pageSize);
      return runListPlan(this.requester, planContactList(input), input, normalizeContact, options);
    });
  }

  /** createOrganizationContact: `POST /organizations/{organization_id}/relationships/contacts`. */
  async create(
    organizationId: IdInput,
    params: OrganizationContactCreateParams,
    options: RequestOptions = {},
  ): Promise<Contact> {
    const request = requestInfo('createOrganizationContact');
    const orgId = parseId(organizationId, 'organizationId', request);
    const op = getOperation('createOrganizationContact');
    const parsed = (await parseAttributes(op, withContactName(params, request))) as ContactWrite;
    const attributes = contactAttributesFor(this.ctx.dialect, parsed, request);
    const path = `/organizations/${orgId}/relationships/contacts`;
    return normalizeContact(
      await this.requester.create(path, 'contacts', attributes, options, 'createOrganizationContact'),
    );
  }

  /** updateOrganizationContact: `PATCH /organizations/{organization_id}/relationships/contacts/{id}`. */
  async update(
    organizationId: IdInput,
    id: IdInput,
    params: OrganizationContactUpdateParams,
    options: RequestOptions = {},
  ): Promise<Contact> {
    const request = requestInfo('updateOrganizationContact');
    const orgId = parseId(organizationId, 'organizationId', request);
    const contactId = parseId(id, 'id', request);
    const parsed = (await parseAttributes(getOperation('updateOrganizationContact'), params)) as ContactWrite;
    const current = contactUpdateReadsCurrent(this.ctx.dialect, parsed)
      ? normalizeContact(await this.requester.getOne(`/contacts/${contactId}`, {}, options, 'getContact'))
      : undefined;
    const attributes = contactAttributesFor(this.ctx.dialect, parsed, request, current);
    const path = `/organizations/${orgId}/relationships/contacts/${contactId}`;
    return normalizeContact(
      await this.requester.update(
        path,
        'contacts',
        contactId,
        attributes,
        options,
        'updateOrganizationContact',
      ),
    );
  }
}
