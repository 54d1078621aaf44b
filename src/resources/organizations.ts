import { normalizeOrganization, planOrganizationList } from '../compat/organizations.js';
import type { RequestOptions } from '../core/transport.js';
import type { Organization } from '../spec/models.js';
import type { ClientContext, IdInput, ListParamsBase, OneOrMany, PagePromise } from './base.js';
import { APIResource } from './base.js';
import { OrganizationConfigurations } from './organization-configurations.js';
import { OrganizationContacts } from './organization-contacts.js';
import { OrganizationDocuments } from './organization-documents.js';

export type OrganizationSortField =
  | 'name'
  | 'id'
  | 'updatedAt'
  | 'organizationStatusName'
  | 'organizationTypeName'
  | 'createdAt'
  | 'shortName'
  | 'myGlueAccountId';

export interface OrganizationListParams extends ListParamsBase<OrganizationSortField> {
  filter?:
    | {
        id?: OneOrMany<IdInput> | undefined;
        name?: OneOrMany<string> | undefined;
        /** Real IT Glue's date range (RFC 3339, either end open); not in the document. */
        updatedAt?: { from?: string; to?: string } | undefined;
      }
    | undefined;
}

export class Organizations extends APIResource {
  /** The document's `/organizations/{organization_id}/relationships/contacts` routes. */
  readonly contacts: OrganizationContacts;
  readonly configurations: OrganizationConfigurations;
  readonly documents: OrganizationDocuments;

  constructor(ctx: ClientContext) {
    super(ctx);
    this.contacts = new OrganizationContacts(ctx);
    this.configurations = new OrganizationConfigurations(ctx);
    this.documents = new OrganizationDocuments(ctx);
  }

  /** listOrganizations: `GET /organizations`. `filter.name` is an exact match. */
  list(params: OrganizationListParams = {}, options?: RequestOptions): PagePromise<Organization> {
    return this.listRecords(
      'listOrganizations',
      params,
      planOrganizationList,
      normalizeOrganization,
      options,
    );
  }

  /** getOrganization: `GET /organizations/{id}`. */
  get(id: IdInput, options: RequestOptions = {}): Promise<Organization> {
    return this.getRecord('getOrganization', id, normalizeOrganization, options);
  }
}
