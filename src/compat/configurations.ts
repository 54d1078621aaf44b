/**
 * Configurations: real IT Glue has no `filter[hostname]` (it ignores the key and returns
 * everything), ignores filters on the nested route, and requires a configuration type on create,
 * which the document does not.
 */
import { type RequestInfo, ValidationError } from '../core/errors.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Configuration } from '../spec/models.js';
import { type ListInput, type ListPlan, matchesAny, serverFilters } from './list-plan.js';
import { withFields } from './records.js';

const CONFIGURATION_FIELDS = [
  'organizationId',
  'organizationName',
  'name',
  'hostname',
  'primaryIp',
  'macAddress',
  'serialNumber',
  'assetTag',
  'configurationTypeId',
  'configurationTypeName',
  'configurationStatusId',
  'configurationStatusName',
  'manufacturerId',
  'manufacturerName',
  'modelId',
  'modelName',
  'operatingSystemId',
  'operatingSystemName',
  'contactId',
  'contactName',
  'locationId',
  'locationName',
  'notes',
  'archived',
  'restricted',
  'psaIntegration',
  'warrantyExpiresAt',
  'createdAt',
  'updatedAt',
];

export function normalizeConfiguration(flat: FlatResource): Configuration {
  return withFields<Configuration>(flat, CONFIGURATION_FIELDS);
}

const SERVER_FILTERS = {
  id: 'id',
  name: 'name',
  organizationId: 'organization_id',
  serialNumber: 'serial_number',
  assetTag: 'asset_tag',
};

export function planConfigurationList(input: ListInput): ListPlan {
  const { filter } = input;
  if (input.organizationId !== undefined && Object.keys(filter).length === 0 && input.sort.length === 0) {
    return {
      mode: 'server',
      path: `/organizations/${input.organizationId}/relationships/configurations`,
      operationId: 'listOrganizationConfigurations',
      query: {},
    };
  }
  // Nested-route filters are ignored by IT Glue: use the top-level route with the organization as a filter.
  const wireFilter = serverFilters(filter, SERVER_FILTERS);
  if (input.organizationId !== undefined) wireFilter.organization_id = [input.organizationId];
  const query = { filter: wireFilter, sort: input.sort.join(',') };
  if (filter.hostname) {
    const hostnames = filter.hostname;
    return {
      mode: 'client',
      read: (requester, options) =>
        requester.scan(
          { path: '/configurations', query, pageSize: 1000, operationId: 'listConfigurations' },
          options,
        ),
      filter: (record) => matchesAny(hostnames, record.hostname),
      sort: input.sort,
    };
  }
  return { mode: 'server', path: '/configurations', operationId: 'listConfigurations', query };
}

/** Real IT Glue refuses a configuration without a type (422 "configuration-type must exist"); say so before sending. */
export function checkConfigurationCreate(attributes: Record<string, unknown>, request: RequestInfo): void {
  if (attributes.configurationTypeId === undefined || attributes.configurationTypeId === null) {
    throw ValidationError.local(
      request,
      'configurationTypeId',
      'IT Glue requires a configuration type to create a configuration (for example "Managed Workstation"); set configurationTypeId.',
    );
  }
}
