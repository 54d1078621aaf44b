import { ownedIndexQuery, pathId } from './params.js';
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
    query: ownedIndexQuery(),
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
  },
] as const satisfies readonly OperationSpec[];
