import { z } from 'zod';
import {
  filterId,
  filterName,
  filterOrganizationId,
  idSchema,
  pageNumber,
  pageSize,
  pathId,
  sort,
} from './params.js';
import type { OperationSpec, ResourceSpec } from './types.js';

export const passwordsResource: ResourceSpec = {
  type: 'passwords',
  sortFields: ['name', 'username', 'url', 'id', 'created_at', 'updated_at'],
  realFilters: [
    'id',
    'name',
    'organization_id',
    'password_category_id',
    'url',
    'cached_resource_name',
    'archived',
  ],
  secretAttributes: ['password', 'otpSecret'],
};

/** Resource types real IT Glue accepts for an embedded password. */
export const EMBEDDABLE_RESOURCE_TYPES = [
  'Configuration',
  'Contact',
  'Document',
  'Domain',
  'Location',
  'SSL Certificate',
  'Flexible Asset',
  'Ticket',
] as const;

/** Every attribute the document lists for a password, all optional. */
const passwordFields = {
  organizationId: idSchema,
  name: z.string(),
  username: z.string(),
  // `format: password` in the document: a secret, never logged or printed.
  password: z.string(),
  url: z.string().nullable(),
  notes: z.string().nullable(),
  passwordCategoryId: idSchema.nullable(),
  passwordFolderId: idSchema.nullable(),
  resourceId: idSchema.nullable(),
  resourceType: z.string().nullable(),
};

/** Real IT Glue password attributes beyond the document. */
export const passwordExtensions = z
  .strictObject({
    // The TOTP secret; as secret as the password itself.
    otpSecret: z.string().nullable(),
    archived: z.boolean(),
    restricted: z.boolean(),
  })
  .partial();

export const createPasswordAttributes = z
  .strictObject(passwordFields)
  .partial()
  .required({ organizationId: true, name: true });
export const updatePasswordAttributes = z.strictObject(passwordFields).partial();

export const passwordOperations = [
  {
    operationId: 'listPasswords',
    method: 'GET',
    path: '/passwords',
    resource: 'passwords',
    action: 'list',
    scope: 'global',
    summary: 'List passwords',
    pathParams: [],
    query: [filterId, filterName, filterOrganizationId, pageNumber, pageSize, sort],
  },
  {
    operationId: 'createPassword',
    method: 'POST',
    path: '/passwords',
    resource: 'passwords',
    action: 'create',
    scope: 'global',
    summary: 'Create a password',
    pathParams: [],
    query: [],
    attributes: createPasswordAttributes,
    extensions: passwordExtensions,
  },
  {
    operationId: 'getPassword',
    method: 'GET',
    path: '/passwords/{id}',
    resource: 'passwords',
    action: 'get',
    scope: 'global',
    summary: 'Retrieve a password metadata record',
    pathParams: [pathId],
    query: [],
  },
  {
    operationId: 'updatePassword',
    method: 'PATCH',
    path: '/passwords/{id}',
    resource: 'passwords',
    action: 'update',
    scope: 'global',
    summary: 'Update a password',
    pathParams: [pathId],
    query: [],
    attributes: updatePasswordAttributes,
    extensions: passwordExtensions,
  },
] as const satisfies readonly OperationSpec[];
