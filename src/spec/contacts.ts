import { z } from 'zod';
import {
  emailSchema,
  filterId,
  filterName,
  filterOrganizationId,
  idSchema,
  pageNumber,
  pageSize,
  pathId,
  pathOrganizationId,
  sort,
  stringFilter,
} from './params.js';
import type { OperationSpec, ResourceSpec } from './types.js';

export const contactsResource: ResourceSpec = {
  type: 'contacts',
  sortFields: ['first_name', 'last_name', 'id', 'created_at', 'updated_at'],
  realFilters: [
    'id',
    'first_name',
    'last_name',
    'title',
    'contact_type_id',
    'important',
    'primary_email',
    'organization_id',
    'psa_id',
    'psa_integration_type',
  ],
  secretAttributes: [],
};

/** Every attribute the document lists for a contact, all optional. */
const contactFields = {
  organizationId: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  title: z.string(),
  email: emailSchema,
  notes: z.string().nullable(),
  important: z.boolean(),
  contactTypeId: idSchema,
  locationId: idSchema.nullable(),
  archived: z.boolean(),
};
const { organizationId: _orgId, ...contactFieldsInOrganization } = contactFields;

export const contactEmailSchema = z.strictObject({
  value: emailSchema,
  primary: z.boolean().optional(),
  labelName: z.string().min(1).default('Work'),
});

export const contactPhoneSchema = z.strictObject({
  value: z.string().min(1),
  extension: z.string().nullable().optional(),
  primary: z.boolean().optional(),
  labelName: z.string().min(1).default('Work'),
  labelType: z.enum(['phone', 'fax']).optional(),
});

/** Real IT Glue contact attributes beyond the document (emails and phones are arrays there). */
export const contactExtensions = z
  .strictObject({
    contactEmails: z.array(contactEmailSchema),
    contactPhones: z.array(contactPhoneSchema),
    restricted: z.boolean(),
  })
  .partial();

export const createContactAttributes = z
  .strictObject(contactFields)
  .partial()
  .required({ organizationId: true, name: true });
export const updateContactAttributes = z.strictObject(contactFields).partial();
export const createOrganizationContactAttributes = z
  .strictObject(contactFieldsInOrganization)
  .partial()
  .required({ name: true });
export const updateOrganizationContactAttributes = z.strictObject(contactFieldsInOrganization).partial();

const emailFilter = stringFilter('email', 'email');

export const contactOperations = [
  {
    operationId: 'listContacts',
    method: 'GET',
    path: '/contacts',
    resource: 'contacts',
    action: 'list',
    scope: 'global',
    summary: 'List contacts',
    pathParams: [],
    query: [filterId, filterName, filterOrganizationId, emailFilter, pageNumber, pageSize, sort],
  },
  {
    operationId: 'createContact',
    method: 'POST',
    path: '/contacts',
    resource: 'contacts',
    action: 'create',
    scope: 'global',
    summary: 'Create a contact',
    pathParams: [],
    query: [],
    attributes: createContactAttributes,
    extensions: contactExtensions,
  },
  {
    operationId: 'getContact',
    method: 'GET',
    path: '/contacts/{id}',
    resource: 'contacts',
    action: 'get',
    scope: 'global',
    summary: 'Retrieve a contact',
    pathParams: [pathId],
    query: [],
  },
  {
    operationId: 'updateContact',
    method: 'PATCH',
    path: '/contacts/{id}',
    resource: 'contacts',
    action: 'update',
    scope: 'global',
    summary: 'Update or deactivate a contact',
    pathParams: [pathId],
    query: [],
    attributes: updateContactAttributes,
    extensions: contactExtensions,
  },
  {
    operationId: 'listOrganizationContacts',
    method: 'GET',
    path: '/organizations/{organization_id}/relationships/contacts',
    resource: 'contacts',
    action: 'list',
    scope: 'organization',
    summary: 'List contacts for an organization',
    pathParams: [pathOrganizationId],
    query: [emailFilter, pageNumber, pageSize],
  },
  {
    operationId: 'createOrganizationContact',
    method: 'POST',
    path: '/organizations/{organization_id}/relationships/contacts',
    resource: 'contacts',
    action: 'create',
    scope: 'organization',
    summary: 'Create a contact under an organization',
    pathParams: [pathOrganizationId],
    query: [],
    attributes: createOrganizationContactAttributes,
    extensions: contactExtensions,
  },
  {
    operationId: 'updateOrganizationContact',
    method: 'PATCH',
    path: '/organizations/{organization_id}/relationships/contacts/{id}',
    resource: 'contacts',
    action: 'update',
    scope: 'organization',
    summary: 'Update or deactivate an organization contact',
    pathParams: [pathOrganizationId, pathId],
    query: [],
    attributes: updateOrganizationContactAttributes,
    extensions: contactExtensions,
  },
] as const satisfies readonly OperationSpec[];
