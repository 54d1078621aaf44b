/**
 * `/organizations/{organization_id}/relationships/passwords` (list and create, and show and
 * update under `/{id}`), which real IT Glue serves and the seed document does not name. Other IT Glue clients use it, so both profiles
 * serve it, as they serve the other real extras (sections, publishing, folders). It behaves like
 * the document's nested contact and configuration routes: filters and sort are ignored (KB:
 * "filtering in nested relationship routes is not possible"), a create may be an array (bulk),
 * and `organization_id` comes from the path.
 */
import type { OperationSpec } from '../../spec/types.js';
import { withResource } from '../resources/registry.js';
import type { ExtraRoute } from './gate.js';
import { listHandler } from './list-handler.js';
import { createHandler, getHandler, updateHandler } from './record-handlers.js';

const PATH = '/organizations/{organization_id}/relationships/passwords';

/** One of the four routes: list and create on the path, show and update on `/{id}` under it. */
function passwordOperation(
  operationId: string,
  action: OperationSpec['action'],
  summary: string,
): OperationSpec {
  const method = action === 'list' || action === 'get' ? 'GET' : action === 'create' ? 'POST' : 'PATCH';
  const path = action === 'get' || action === 'update' ? `${PATH}/{id}` : PATH;
  const where = { resource: 'passwords', scope: 'organization', pathParams: [], query: [] } as const;
  return { operationId, method, action, path, summary, ...where };
}

const operations = [
  passwordOperation('listOrganizationPasswords', 'list', "List an organization's passwords"),
  passwordOperation('createOrganizationPassword', 'create', 'Create passwords in an organization'),
  passwordOperation('getOrganizationPassword', 'get', "Retrieve one of an organization's passwords"),
  passwordOperation('updateOrganizationPassword', 'update', "Update one of an organization's passwords"),
];

export const passwordRoutes: readonly ExtraRoute[] = operations.map((operation) => ({
  method: operation.method,
  route: { template: operation.path, operationId: operation.operationId },
  handler: withResource('passwords', (entry) => {
    switch (operation.action) {
      case 'list':
        return listHandler(entry, operation);
      case 'create':
        return createHandler(entry, operation);
      case 'get':
        return getHandler(entry, operation);
      case 'update':
        return updateHandler(entry, operation);
    }
  }),
}));
