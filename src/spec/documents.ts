import {
  filterName,
  nestedIndexQuery,
  ownedIndexQuery,
  pathId,
  pathOrganizationId,
  type QueryParamSpec,
} from './params.js';
import type { OperationSpec, ResourceSpec } from './types.js';

export const documentsResource: ResourceSpec = {
  type: 'documents',
  // The organization-scoped index is the only one real IT Glue has; these are what it sorts by.
  sortFields: ['name', 'id', 'created_at', 'updated_at'],
  realFilters: ['document_folder_id'],
  secretAttributes: [],
};

/** Section kinds of the real Documents API (content lives in sections there). */
export const DOCUMENT_SECTION_TYPES = [
  'Document::Text',
  'Document::Heading',
  'Document::Gallery',
  'Document::Step',
] as const;

/**
 * `filter[document_folder_id]`: the one filter real IT Glue applies on the organization's
 * documents route (without it, only root-level documents are listed). Not in the document.
 */
export const filterDocumentFolderId: QueryParamSpec = {
  wire: 'filter[document_folder_id]',
  key: 'documentFolderId',
  kind: 'filter',
  type: 'integer',
  // Several folders at once (comma-separated, OR), so a mirror reads every folder in one request.
  anyOf: true,
};

export const documentOperations = [
  {
    operationId: 'listDocuments',
    method: 'GET',
    path: '/documents',
    resource: 'documents',
    action: 'list',
    scope: 'global',
    summary: 'List documents',
    pathParams: [],
    query: ownedIndexQuery(),
  },
  {
    operationId: 'createDocument',
    method: 'POST',
    path: '/documents',
    resource: 'documents',
    action: 'create',
    scope: 'global',
    summary: 'Create a document',
    pathParams: [],
    query: [],
  },
  {
    operationId: 'getDocument',
    method: 'GET',
    path: '/documents/{id}',
    resource: 'documents',
    action: 'get',
    scope: 'global',
    summary: 'Retrieve a document',
    pathParams: [pathId],
    query: [],
  },
  {
    operationId: 'updateDocument',
    method: 'PATCH',
    path: '/documents/{id}',
    resource: 'documents',
    action: 'update',
    scope: 'global',
    summary: 'Update a document',
    pathParams: [pathId],
    query: [],
  },
  {
    operationId: 'listOrganizationDocuments',
    method: 'GET',
    path: '/organizations/{organization_id}/relationships/documents',
    resource: 'documents',
    action: 'list',
    scope: 'organization',
    summary: 'List documents for an organization',
    pathParams: [pathOrganizationId],
    query: nestedIndexQuery(filterName),
    queryExtensions: [filterDocumentFolderId],
  },
  {
    operationId: 'createOrganizationDocument',
    method: 'POST',
    path: '/organizations/{organization_id}/relationships/documents',
    resource: 'documents',
    action: 'create',
    scope: 'organization',
    summary: 'Create a document under an organization',
    pathParams: [pathOrganizationId],
    query: [],
  },
] as const satisfies readonly OperationSpec[];
