/**
 * Show, create and update for the operation table's resources. A POST answers 201 (emulator
 * choice: IT Glue documents only "returns the created object"); the nested organization routes
 * take an array for a bulk create, all or nothing.
 */
import type { OperationSpec } from '../../spec/types.js';
import { commitCreate, commitUpdate } from '../resources/commit.js';
import { toResourceObject, type WriteContext } from '../resources/model.js';
import type { ResourceEntry } from '../resources/registry.js';
import type { BaseRecord } from '../store/records.js';
import { readResourceBody } from './body.js';
import type { ApiHandler } from './gate.js';
import { parseQuery, rawQueryOf } from './query.js';
import { jsonApiResponse, recordNotFound, unprocessable } from './responses.js';
import { ignoredHeader, pathId, routeOrganization, viewContext } from './route-support.js';

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

export function createHandler<R extends BaseRecord>(
  entry: ResourceEntry<R>,
  operation: OperationSpec,
): ApiHandler {
  const nested = operation.scope === 'organization';
  return async (c, { tenant, state, report }) => {
    const writer = entry.writer;
    if (!writer) return recordNotFound();
    const organizationId = nested ? routeOrganization(c, tenant) : undefined;
    if (nested && organizationId === undefined) return recordNotFound();
    const body = await readResourceBody(c.req.raw, entry.model.type, { allowArray: nested });
    if (!body.ok) return body.response;
    const outcomes = body.items.map((item) => {
      const context: WriteContext = {
        profile: state.profile,
        tenant,
        routeOrganizationId: organizationId,
        pointerBase: item.pointerBase,
      };
      return writer.create(context, item);
    });
    const headers = ignoredHeader(outcomes.flatMap((outcome) => outcome.ignored));
    const errors = outcomes.flatMap((outcome) => (outcome.ok ? [] : outcome.errors));
    if (errors.length > 0) return unprocessable(errors, headers);
    const table = entry.table(tenant);
    const records = outcomes.map((outcome) =>
      outcome.ok ? commitCreate(tenant, table, writer, outcome.record) : undefined,
    );
    const stored = records.filter((record): record is R => record !== undefined);
    report.ids = stored.map((record) => record.id);
    report.committed = true;
    const view = viewContext(state.profile, tenant, 'write', parseQuery(rawQueryOf(c.req.url)));
    const objects = stored.map((record) => toResourceObject(entry.model, record, view));
    return jsonApiResponse(201, { data: body.isArray ? objects : objects[0] }, headers);
  };
}

export function updateHandler<R extends BaseRecord>(
  entry: ResourceEntry<R>,
  operation: OperationSpec,
): ApiHandler {
  const nested = operation.scope === 'organization';
  return async (c, { tenant, state, report }) => {
    const writer = entry.writer;
    if (!writer) return recordNotFound();
    const organizationId = nested ? routeOrganization(c, tenant) : undefined;
    if (nested && organizationId === undefined) return recordNotFound();
    const id = pathId(c, 'id');
    const table = entry.table(tenant);
    const current = id === undefined ? undefined : table.get(id);
    // A record of another organization does not exist under this organization's route.
    const organizationOf = (record: R) => (record as { organizationId?: string }).organizationId;
    if (!current || (nested && organizationOf(current) !== organizationId)) return recordNotFound();
    const body = await readResourceBody(c.req.raw, entry.model.type, { allowArray: false });
    if (!body.ok) return body.response;
    const [item] = body.items;
    if (!item) return recordNotFound();
    const context: WriteContext = {
      profile: state.profile,
      tenant,
      routeOrganizationId: organizationId,
      pointerBase: item.pointerBase,
    };
    const outcome = writer.update(context, current, item);
    const headers = ignoredHeader(outcome.ignored);
    if (!outcome.ok) return unprocessable(outcome.errors, headers);
    const record = commitUpdate(tenant, table, writer, current, outcome.record);
    report.ids = [record.id];
    report.committed = true;
    const view = viewContext(state.profile, tenant, 'write', parseQuery(rawQueryOf(c.req.url)));
    return jsonApiResponse(200, { data: toResourceObject(entry.model, record, view) }, headers);
  };
}
