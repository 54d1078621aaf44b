import { z } from 'zod';
import {
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

export const configurationsResource: ResourceSpec = {
  type: 'configurations',
  sortFields: ['name', 'id', 'created_at', 'updated_at'],
  realFilters: [
    'id',
    'name',
    'organization_id',
    'configuration_type_id',
    'configuration_status_id',
    'contact_id',
    'serial_number',
    'mac_address',
    'asset_tag',
    'psa_id',
    'psa_integration_type',
    'rmm_id',
    'rmm_integration_type',
    'archived',
  ],
  secretAttributes: [],
};

/** Every attribute the document lists for a configuration, all optional. */
const configurationFields = {
  organizationId: idSchema,
  name: z.string(),
  hostname: z.string().nullable(),
  configurationTypeId: idSchema,
  configurationStatusId: idSchema,
  manufacturerId: idSchema.nullable(),
  modelId: idSchema.nullable(),
  locationId: idSchema.nullable(),
  serialNumber: z.string().nullable(),
  assetTag: z.string().nullable(),
  primaryIp: z.string().nullable(),
  macAddress: z.string().nullable(),
  notes: z.string().nullable(),
};
const { organizationId: _organizationId, ...configurationFieldsInOrganization } = configurationFields;

const isoDate = z.iso.date();

/** Real IT Glue configuration attributes beyond the document. */
export const configurationExtensions = z
  .strictObject({
    archived: z.boolean(),
    contactId: idSchema.nullable(),
    operatingSystemId: idSchema.nullable(),
    operatingSystemNotes: z.string().nullable(),
    defaultGateway: z.string().nullable(),
    position: z.string().nullable(),
    restricted: z.boolean(),
    installedAt: isoDate.nullable(),
    purchasedAt: isoDate.nullable(),
    warrantyExpiresAt: isoDate.nullable(),
  })
  .partial();

export const createConfigurationAttributes = z
  .strictObject(configurationFields)
  .partial()
  .required({ organizationId: true, name: true });
export const updateConfigurationAttributes = z.strictObject(configurationFields).partial();
export const createOrganizationConfigurationAttributes = z
  .strictObject(configurationFieldsInOrganization)
  .partial()
  .required({ name: true });

export const configurationOperations = [
  {
    operationId: 'listConfigurations',
    method: 'GET',
    path: '/configurations',
    resource: 'configurations',
    action: 'list',
    scope: 'global',
    summary: 'List configurations',
    pathParams: [],
    query: [
      filterId,
      filterName,
      filterOrganizationId,
      stringFilter('serial_number', 'serialNumber'),
      stringFilter('asset_tag', 'assetTag'),
      stringFilter('hostname', 'hostname'),
      pageNumber,
      pageSize,
      sort,
    ],
  },
  {
    operationId: 'createConfiguration',
    method: 'POST',
    path: '/configurations',
    resource: 'configurations',
    action: 'create',
    scope: 'global',
    summary: 'Create a configuration',
    pathParams: [],
    query: [],
    attributes: createConfigurationAttributes,
    extensions: configurationExtensions,
  },
  {
    operationId: 'getConfiguration',
    method: 'GET',
    path: '/configurations/{id}',
    resource: 'configurations',
    action: 'get',
    scope: 'global',
    summary: 'Retrieve a configuration',
    pathParams: [pathId],
    query: [],
  },
  {
    operationId: 'updateConfiguration',
    method: 'PATCH',
    path: '/configurations/{id}',
    resource: 'configurations',
    action: 'update',
    scope: 'global',
    summary: 'Update a configuration',
    pathParams: [pathId],
    query: [],
    attributes: updateConfigurationAttributes,
    extensions: configurationExtensions,
  },
  {
    operationId: 'listOrganizationConfigurations',
    method: 'GET',
    path: '/organizations/{organization_id}/relationships/configurations',
    resource: 'configurations',
    action: 'list',
    scope: 'organization',
    summary: 'List configurations for an organization',
    pathParams: [pathOrganizationId],
    query: [filterName, pageNumber, pageSize],
  },
  {
    operationId: 'createOrganizationConfiguration',
    method: 'POST',
    path: '/organizations/{organization_id}/relationships/configurations',
    resource: 'configurations',
    action: 'create',
    scope: 'organization',
    summary: 'Create a configuration under an organization',
    pathParams: [pathOrganizationId],
    query: [],
    attributes: createOrganizationConfigurationAttributes,
    extensions: configurationExtensions,
  },
] as const satisfies readonly OperationSpec[];
