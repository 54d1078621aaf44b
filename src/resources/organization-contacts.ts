import type { z } from 'zod';
import { normalizeContact, planContactList } from '../compat/contacts.js';
import type { RequestOptions } from '../core/transport.js';
import type { Contact } from '../spec/models.js';
import type {
  contactExtensions,
  createOrganizationContactAttributes,
  updateOrganizationContactAttributes,
} from '../spec/schemas/contacts.js';
import { APIResource, bindOperation, type IdInput, type OneOrMany, type PagePromise } from './base.js';
import { writeContact } from './contacts.js';

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
    const listParams = { ...params, organizationId };
    return this.listRecords(
      'listOrganizationContacts',
      listParams,
      planContactList,
      normalizeContact,
      options,
    );
  }

  /** createOrganizationContact: `POST /organizations/{organization_id}/relationships/contacts`. */
  async create(
    organizationId: IdInput,
    params: OrganizationContactCreateParams,
    options: RequestOptions = {},
  ): Promise<Contact> {
    const bound = bindOperation('createOrganizationContact', { organizationId });
    return writeContact(this.ctx, bound, params, options);
  }

  /** updateOrganizationContact: `PATCH /organizations/{organization_id}/relationships/contacts/{id}`. */
  async update(
    organizationId: IdInput,
    id: IdInput,
    params: OrganizationContactUpdateParams,
    options: RequestOptions = {},
  ): Promise<Contact> {
    const bound = bindOperation('updateOrganizationContact', { organizationId, id });
    return writeContact(this.ctx, bound, params, options);
  }
}
