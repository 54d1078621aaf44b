/**
 * Real IT Glue's document extras, in both profiles: sections
 * (`/documents/{document_id}/relationships/sections[/{id}]`) and publishing
 * (`PATCH /documents/{id}/publish` and its nested form). A section write also moves its
 * document's `updated-at`, since the document's content changed.
 */
import type { Context } from 'hono';
import { commitCreate, commitUpdate, touch } from '../resources/commit.js';
import { documentModel } from '../resources/documents.js';
import { toResourceObject, type WriteContext } from '../resources/model.js';
import { createSection, sectionModel, updateSection } from '../resources/sections.js';
import type { DocumentRecord } from '../store/records.js';
import type { Tenant } from '../store/tenant.js';
import type { AppEnv } from './connection.js';
import type { ApiHandler, ApiRequest, ExtraRoute } from './gate.js';
import { respondWithRouteList } from './list-handler.js';
import { jsonApiResponse, recordNotFound } from './responses.js';
import { pathId, routeOrganization } from './route-support.js';
import { answerWritten, requestView, writeOne } from './write-flow.js';

const SECTIONS = '/documents/{document_id}/relationships/sections';
const SECTION_FILTERS = new Set(['id', 'resource_type', 'document_id']);
const SECTION_SORT_FIELDS = ['sort', 'id', 'created_at', 'updated_at'];

function documentOf(c: Context<AppEnv>, tenant: Tenant, param: string): DocumentRecord | undefined {
  const id = pathId(c, param);
  return id === undefined ? undefined : tenant.documents.get(id);
}

function writeContext(request: ApiRequest, pointerBase: string): WriteContext {
  return {
    profile: request.state.profile,
    tenant: request.tenant,
    routeOrganizationId: undefined,
    pointerBase,
  };
}

const listSections: ApiHandler = (c, request) => {
  const { tenant } = request;
  const document = documentOf(c, tenant, 'document_id');
  if (!document) return recordNotFound();
  return respondWithRouteList(c, request, {
    model: sectionModel,
    applied: SECTION_FILTERS,
    sortFields: SECTION_SORT_FIELDS,
    candidates: () => tenant.sections.inGroup(document.id),
  });
};

/** A section write changes its document's content, so the document's `updated-at` moves too. */
const createSectionHandler: ApiHandler = (c, request) => {
  const { tenant } = request;
  const document = documentOf(c, tenant, 'document_id');
  if (!document) return recordNotFound();
  return writeOne(
    c,
    request,
    sectionModel,
    201,
    (item) => createSection(writeContext(request, item.pointerBase), document.id, item),
    (accepted) => {
      const section = commitCreate(tenant, tenant.sections, {}, accepted);
      touch(tenant, tenant.documents, document);
      return section;
    },
  );
};

function sectionOf(c: Context<AppEnv>, tenant: Tenant) {
  const document = documentOf(c, tenant, 'document_id');
  const id = pathId(c, 'id');
  const section = id === undefined ? undefined : tenant.sections.get(id);
  return document && section?.documentId === document.id ? { document, section } : undefined;
}

const getSectionHandler: ApiHandler = (c, request) => {
  const found = sectionOf(c, request.tenant);
  if (!found) return recordNotFound();
  const view = requestView(c, request, 'show');
  return jsonApiResponse(200, { data: toResourceObject(sectionModel, found.section, view) });
};

const updateSectionHandler: ApiHandler = (c, request) => {
  const { tenant } = request;
  const found = sectionOf(c, tenant);
  if (!found) return recordNotFound();
  const { document, section } = found;
  return writeOne(
    c,
    request,
    sectionModel,
    200,
    (item) => updateSection(writeContext(request, item.pointerBase), section, item),
    (accepted) => {
      const updated = commitUpdate(tenant, tenant.sections, {}, section, accepted);
      touch(tenant, tenant.documents, document);
      return updated;
    },
  );
};

/** Publishing takes no body (one sent is ignored) and returns the document. */
function publishHandler(nested: boolean): ApiHandler {
  return (c, request) => {
    const { tenant } = request;
    const organizationId = nested ? routeOrganization(c, tenant) : undefined;
    const document = documentOf(c, tenant, 'id');
    if (!document || (nested && document.organizationId !== organizationId)) return recordNotFound();
    const published = commitUpdate(tenant, tenant.documents, {}, document, { ...document, published: true });
    return answerWritten(c, request, documentModel, 200, published);
  };
}

export const documentRoutes: readonly ExtraRoute[] = [
  {
    method: 'GET',
    route: { template: SECTIONS, operationId: 'listDocumentSections' },
    handler: listSections,
  },
  {
    method: 'POST',
    route: { template: SECTIONS, operationId: 'createDocumentSection' },
    handler: createSectionHandler,
  },
  {
    method: 'GET',
    route: { template: `${SECTIONS}/{id}`, operationId: 'getDocumentSection' },
    handler: getSectionHandler,
  },
  {
    method: 'PATCH',
    route: { template: `${SECTIONS}/{id}`, operationId: 'updateDocumentSection' },
    handler: updateSectionHandler,
  },
  {
    method: 'PATCH',
    route: { template: '/documents/{id}/publish', operationId: 'publishDocument' },
    handler: publishHandler(false),
  },
  {
    method: 'PATCH',
    route: {
      template: '/organizations/{organization_id}/relationships/documents/{id}/publish',
      operationId: 'publishOrganizationDocument',
    },
    handler: publishHandler(true),
  },
];
