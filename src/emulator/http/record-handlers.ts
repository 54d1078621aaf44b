/**
 * Show, create and update for the operation table's resources. A POST answers 201 (emulator
 * choice: IT Glue documents only "returns the created object"); the nested organization routes
 * take an array for a bulk create, all or nothing.
 */
import type { OperationSpec } from '../../spec/types.js';
import { commitCreate, commitUpdate } from '../resources/commit.js';
import { type Profile, toResourceObject, type WritableModel, type WriteContext } from '../resources/model.js';
import type { ResourceEntry } from '../resources/registry.js';
import type { BaseRecord } from '../store/records.js';
import type { Tenant } from '../store/tenant.js';
import { readResourceBody } from './body.js';
import type { ApiHandler } from './gate.js';
import { parseQuery, rawQueryOf } from './query.js';
import { jsonApiResponse, recordNotFound, unprocessable } from './responses.js';
import { ignoredHeader, pathId, routeOrganization, viewContext } from './route-support.js';
import { reportCommitted, requestView, writeOne } from './write-flow.js';

/** A nested route's show finds only a record of the organization in its path. */
export function getHandler<R extends BaseRecord>(
  entry: ResourceEntry<R>,
  operation?: OperationSpec,
): ApiHandler {
  const nested = operation?.scope === 'organization';
  return (c, { tenant, state }) => {
    const id = pathId(c, 'id');
    const record = id === undefined ? undefined : entry.table(tenant).get(id);
    if (!record) return recordNotFound();
    if (nested) {
      const organizationId = routeOrganization(c, tenant);
      if ((record as { organizationId?: string }).organizationId !== organizationId) return recordNotFound();
    }
    const view = viewContext(state.profile, tenant, 'show', parseQuery(rawQueryOf(c.req.url)));
    return jsonApiResponse(200, { data: toResourceObject(entry.model, record, view) });
  };
}

/**
 * The writer of a resource and, on a nested route, the organization the route names; undefined
 * (a 404) when the resource takes no writes or the organization does not exist.
 */
function writeTarget<R extends BaseRecord>(
  entry: ResourceEntry<R>,
  nested: boolean,
  c: Parameters<ApiHandler>[0],
  tenant: Tenant,
): { writer: WritableModel<R>; organizationId: string | undefined } | undefined {
  const writer = entry.writer;
  if (!writer) return undefined;
  const organizationId = nested ? routeOrganization(c, tenant) : undefined;
  if (nested && organizationId === undefined) return undefined;
  return { writer, organizationId };
}

function writeContext(
  profile: Profile,
  tenant: Tenant,
  routeOrganizationId: string | undefined,
  pointerBase: string,
): WriteContext {
  return { profile, tenant, routeOrganizationId, pointerBase };
}

export function createHandler<R extends BaseRecord>(
  entry: ResourceEntry<R>,
  operation: OperationSpec,
): ApiHandler {
  const nested = operation.scope === 'organization';
  return async (c, request) => {
    const { tenant, state } = request;
    const target = writeTarget(entry, nested, c, tenant);
    if (!target) return recordNotFound();
    const { writer, organizationId } = target;
    const body = await readResourceBody(c.req.raw, entry.model.type, { allowArray: nested });
    if (!body.ok) return body.response;
    const outcomes = body.items.map((item) =>
      writer.create(writeContext(state.profile, tenant, organizationId, item.pointerBase), item),
    );
    const headers = ignoredHeader(outcomes.flatMap((outcome) => outcome.ignored));
    const errors = outcomes.flatMap((outcome) => (outcome.ok ? [] : outcome.errors));
    if (errors.length > 0) return unprocessable(errors, headers);
    const table = entry.table(tenant);
    const records = outcomes.map((outcome) =>
      outcome.ok ? commitCreate(tenant, table, writer, outcome.record) : undefined,
    );
    const stored = records.filter((record): record is R => record !== undefined);
    reportCommitted(request, stored);
    const view = requestView(c, request, 'write');
    const objects = stored.map((record) => toResourceObject(entry.model, record, view));
    return jsonApiResponse(201, { data: body.isArray ? objects : objects[0] }, headers);
  };
}

export function updateHandler<R extends BaseRecord>(
  entry: ResourceEntry<R>,
  operation: OperationSpec,
): ApiHandler {
  const nested = operation.scope === 'organization';
  return (c, request) => {
    const { tenant, state } = request;
    const target = writeTarget(entry, nested, c, tenant);
    if (!target) return recordNotFound();
    const { writer, organizationId } = target;
    const id = pathId(c, 'id');
    const table = entry.table(tenant);
    const current = id === undefined ? undefined : table.get(id);
    // A record of another organization does not exist under this organization's route.
    const organizationOf = (record: R) => (record as { organizationId?: string }).organizationId;
    if (!current || (nested && organizationOf(current) !== organizationId)) return recordNotFound();
    return writeOne(
      c,
      request,
      entry.model,
      200,
      (item) =>
        writer.update(writeContext(state.profile, tenant, organizationId, item.pointerBase), current, item),
      (accepted) => commitUpdate(tenant, table, writer, current, accepted),
    );
  };
}
