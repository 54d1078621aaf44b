import { filterId, filterName, filterUpdatedAtRange, indexQuery, pathId } from './params.js';
import type { OperationSpec, ResourceSpec } from './types.js';

export const organizationsResource: ResourceSpec = {
  type: 'organizations',
  sortFields: [
    'name',
    'id',
    'updated_at',
    'organization_status_name',
    'organization_type_name',
    'created_at',
    'short_name',
    'my_glue_account_id',
  ],
  realFilters: [
    'id',
    'name',
    'organization_type_id',
    'organization_status_id',
    'created_at',
    'updated_at',
    'my_glue_account_id',
    'psa_id',
    'psa_integration_type',
    'group_id',
    'primary',
    'exclude[id]',
    'exclude[name]',
    'exclude[organization_type_id]',
    'exclude[organization_status_id]',
    'range[my_glue_account_id]',
  ],
  secretAttributes: [],
};

export const organizationOperations = [
  {
    operationId: 'listOrganizations',
    method: 'GET',
    path: '/organizations',
    resource: 'organizations',
    action: 'list',
    scope: 'global',
    summary: 'List organizations',
    pathParams: [],
    query: indexQuery(filterId, filterName),
    queryExtensions: [filterUpdatedAtRange],
  },
  {
    operationId: 'getOrganization',
    method: 'GET',
    path: '/organizations/{id}',
    resource: 'organizations',
    action: 'get',
    scope: 'global',
    summary: 'Retrieve one organization',
    pathParams: [pathId],
    query: [],
  },
] as const satisfies readonly OperationSpec[];
