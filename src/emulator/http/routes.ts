/**
 * Mounts the API: one route per descriptor of the operation table (all 25), then real IT Glue's
 * extras (document sections, publishing, lookup lists, an organization's passwords, models,
 * operating systems and locations). Everything else, any DELETE included, is
 * the Rails HTML 404, counted like any request.
 */
import type { Hono } from 'hono';
import { operations } from '../../spec/index.js';
import type { OperationSpec } from '../../spec/types.js';
import { type ResourceEntry, withResource } from '../resources/registry.js';
import type { EmulatorState } from '../state.js';
import type { BaseRecord } from '../store/records.js';
import type { AppEnv } from './connection.js';
import { documentRoutes } from './document-routes.js';
import { folderRoutes } from './folder-routes.js';
import { type ApiHandler, gated } from './gate.js';
import { listHandler } from './list-handler.js';
import { lookupRoutes } from './lookup-routes.js';
import { passwordRoutes } from './password-routes.js';
import { createHandler, getHandler, updateHandler } from './record-handlers.js';
import { referenceRoutes } from './reference-routes.js';
import { controlJson, htmlNotFound } from './responses.js';

/** `/organizations/{organization_id}/relationships/contacts` → `/organizations/:organization_id/...`. */
export function honoPath(template: string): string {
  return template.replace(/\{([a-z_]+)\}/g, ':$1');
}

function handlerFor<R extends BaseRecord>(entry: ResourceEntry<R>, operation: OperationSpec): ApiHandler {
  switch (operation.action) {
    case 'list':
      return listHandler(entry, operation);
    case 'get':
      return getHandler(entry);
    case 'create':
      return createHandler(entry, operation);
    case 'update':
      return updateHandler(entry, operation);
  }
}

export function mountApiRoutes(app: Hono<AppEnv>, state: EmulatorState): void {
  for (const operation of operations as readonly OperationSpec[]) {
    const handler = withResource(operation.resource, (entry) => handlerFor(entry, operation));
    const route = { template: operation.path, operationId: operation.operationId };
    app.on(operation.method, honoPath(operation.path), gated(state, route, handler));
  }
  for (const extra of [
    ...documentRoutes,
    ...folderRoutes,
    ...lookupRoutes,
    ...passwordRoutes,
    ...referenceRoutes,
  ]) {
    app.on(extra.method, honoPath(extra.route.template), gated(state, extra.route, extra.handler));
  }
  const unknownRoute = gated(state, null, () => htmlNotFound());
  app.notFound((c) => {
    // A mistyped control route is the caller's test bug, not API traffic: plain JSON, not counted.
    if (c.req.path.startsWith('/__emulator/')) return controlJson(404, { error: 'no such control route' });
    return unknownRoute(c);
  });
}
