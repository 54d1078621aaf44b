/**
 * `GET /organizations/{organization_id}/relationships/document_folders`: an organization's
 * document folders (real IT Glue's newer Documents API). The documents index lists root-level
 * documents only, so a client that must see every document lists the folders, then each folder's
 * documents with `filter[document_folder_id]`.
 */
import { lookupModel } from '../resources/lookups.js';
import type { ResourceModel } from '../resources/model.js';
import type { LookupRecord } from '../store/records.js';
import type { ExtraRoute } from './gate.js';
import { respondWithRouteList } from './list-handler.js';
import { recordNotFound } from './responses.js';
import { routeOrganization } from './route-support.js';

const base = lookupModel('document-folders');
const folderModel: ResourceModel<LookupRecord> = {
  ...base,
  attributes(row, view) {
    return {
      'organization-id': row.organizationId ?? null,
      'parent-id': null,
      ...base.attributes(row, view),
    };
  },
};

export const folderRoutes: readonly ExtraRoute[] = [
  {
    method: 'GET',
    route: {
      template: '/organizations/{organization_id}/relationships/document_folders',
      operationId: 'listDocumentFolders',
    },
    handler: (c, request) => {
      const { tenant } = request;
      const organizationId = routeOrganization(c, tenant);
      if (!organizationId) return recordNotFound();
      return respondWithRouteList(c, request, {
        model: folderModel,
        applied: new Set(['id', 'name']),
        sortFields: ['name', 'id', 'created_at', 'updated_at'],
        candidates: () => tenant.documentFolders.inGroup(organizationId),
      });
    },
  },
];
