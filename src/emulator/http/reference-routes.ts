/**
 * Real IT Glue's reference lists a configuration points at, outside the API document:
 * `GET /models` and `GET /manufacturers/{id}/relationships/models` (a model belongs to a
 * manufacturer: `manufacturer-id`), `GET /operating_systems`, and an organization's locations,
 * `GET /organizations/{id}/relationships/locations`. Read-only, paged, `filter[id|name]` exact
 * (on the nested routes filters are ignored, as IT Glue ignores them there).
 */
import { lookupModel } from '../resources/lookups.js';
import type { ResourceModel } from '../resources/model.js';
import type { LookupRecord } from '../store/records.js';
import type { Tenant } from '../store/tenant.js';
import type { ApiHandler, ExtraRoute } from './gate.js';
import { respondWithList } from './list-handler.js';
import { parseQuery, rawQueryOf } from './query.js';
import { recordNotFound } from './responses.js';
import { pathId, routeOrganization } from './route-support.js';

const SORT_FIELDS = ['name', 'id', 'created_at', 'updated_at'] as const;
const NAME_FILTERS = new Set(['id', 'name']);

/**
 * A lookup model with extra attributes before the shared ones. The seed's `kind` (which models
 * and systems suit a configuration kind) is the emulator's own and stays off the wire.
 */
function withAttributes(
  type: string,
  extra: (row: LookupRecord) => Record<string, unknown> = () => ({}),
): ResourceModel<LookupRecord> {
  const base = lookupModel(type);
  return {
    ...base,
    attributes: (row, view) => {
      const { kind: _kind, ...shared } = base.attributes(row, view);
      return { ...extra(row), ...shared };
    },
  };
}

const modelModel = withAttributes('models', (row) => ({
  'manufacturer-id': row.manufacturerId ?? null,
}));
const operatingSystemModel = withAttributes('operating-systems');
const locationModel = withAttributes('locations', (row) => ({
  'organization-id': row.organizationId ?? null,
  primary: false,
}));

function listOf(
  model: ResourceModel<LookupRecord>,
  rows: (c: Parameters<ApiHandler>[0], tenant: Tenant) => readonly LookupRecord[] | undefined,
  nested: boolean,
): ApiHandler {
  return (c, { tenant, state }) => {
    const candidates = rows(c, tenant);
    if (candidates === undefined) return recordNotFound();
    return respondWithList({
      requestUrl: c.req.url,
      query: parseQuery(rawQueryOf(c.req.url)),
      tenant,
      profile: state.profile,
      model,
      applied: nested ? new Set() : NAME_FILTERS,
      sortFields: SORT_FIELDS,
      candidates: () => candidates,
    });
  };
}

export const referenceRoutes: readonly ExtraRoute[] = [
  {
    method: 'GET',
    route: { template: '/models', operationId: 'listModels' },
    handler: listOf(modelModel, (_c, tenant) => tenant.models.all(), false),
  },
  {
    method: 'GET',
    route: {
      template: '/manufacturers/{manufacturer_id}/relationships/models',
      operationId: 'listManufacturerModels',
    },
    handler: listOf(
      modelModel,
      (c, tenant) => {
        const id = pathId(c, 'manufacturer_id');
        if (id === undefined || !tenant.lookups.manufacturers.get(id)) return undefined;
        return tenant.models.all().filter((model) => model.manufacturerId === id);
      },
      true,
    ),
  },
  {
    method: 'GET',
    route: { template: '/operating_systems', operationId: 'listOperatingSystems' },
    handler: listOf(operatingSystemModel, (_c, tenant) => tenant.operatingSystems.all(), false),
  },
  {
    method: 'GET',
    route: {
      template: '/organizations/{organization_id}/relationships/locations',
      operationId: 'listOrganizationLocations',
    },
    handler: listOf(
      locationModel,
      (c, tenant) => {
        const organizationId = routeOrganization(c, tenant);
        return organizationId === undefined ? undefined : tenant.locations.inGroup(organizationId);
      },
      true,
    ),
  },
];
