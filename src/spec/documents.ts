import { z } from 'zod';
import type { QueryParamSpec } from './params.js';
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

/** Every attribute the document lists for a document, all optional. */
const documentFields = {
  organizationId: idSchema,
  name: z.string(),
  // Document body, HTML. On real IT Glue it is written as sections; see src/compat/documents.ts.
  content: z.string().nullable(),
  restricted: z.boolean().nullable(),
  archived: z.boolean().nullable(),
  public: z.boolean().nullable(),
  documentFolderId: idSchema.nullable(),
  myGlue: z.boolean().nullable(),
};
const { organizationId: _organizationId, ...documentFieldsInOrganization } = documentFields;

export const createDocumentAttributes = z
  .strictObject(documentFields)
  .partial()
  .required({ organizationId: true, name: true });
export const updateDocumentAttributes = z.strictObject(documentFields).partial();
export const createOrganizationDocumentAttributes = z
  .strictObject(documentFieldsInOrganization)
  .partial()
  .required({ name: true });

/** Attributes of a document section (real IT Glue only; not part of the seed document). */
export const documentSectionAttributes = z.strictObject({
  resourceType: z.enum(DOCUMENT_SECTION_TYPES),
  content: z.string().optional(),
  level: z.number().int().min(1).max(6).optional(),
  sort: z.number().int().min(0).optional(),
});

/**
 * `filter[document_folder_id]`: the one filter real IT Glue applies on the organization's
 * documents route (without it, only root-level documents are listed). Not in the document.
 */
export const filterDocumentFolderId: QueryParamSpec = {
  wire: 'filter[document_folder_id]',
  key: 'documentFolderId',
  kind: 'filter',
  type: 'integer',
  schema: idSchema,
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
    query: [filterId, filterName, filterOrganizationId, pageNumber, pageSize, sort],
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
    attributes: createDocumentAttributes,
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
    attributes: updateDocumentAttributes,
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
    query: [filterName, pageNumber, pageSize],
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
    attributes: createOrganizationDocumentAttributes,
  },
] as const satisfies readonly OperationSpec[];
