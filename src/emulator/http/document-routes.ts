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
import { readResourceBody } from './body.js';
import type { AppEnv } from './connection.js';
import type { ApiHandler, ApiRequest, ExtraRoute } from './gate.js';
import { respondWithList } from './list-handler.js';
import { parseQuery, rawQueryOf } from './query.js';
import { jsonApiResponse, recordNotFound, unprocessable } from './responses.js';
import { ignoredHeader, pathId, routeOrganization, viewContext } from './route-support.js';

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

const listSections: ApiHandler = (c, { tenant, state }) => {
  const document = documentOf(c, tenant, 'document_id');
  if (!document) return recordNotFound();
  return respondWithList({
    requestUrl: c.req.url,
    query: parseQuery(rawQueryOf(c.req.url)),
    tenant,
    profile: state.profile,
    model: sectionModel,
    applied: SECTION_FILTERS,
    sortFields: SECTION_SORT_FIELDS,
    candidates: () => tenant.sections.inGroup(document.id),
  });
};

const createSectionHandler: ApiHandler = async (c, request) => {
  const { tenant, report } = request;
  const document = documentOf(c, tenant, 'document_id');
  if (!document) return recordNotFound();
  const body = await readResourceBody(c.req.raw, sectionModel.type, { allowArray: false });
  if (!body.ok) return body.response;
  const item = body.items[0];
  if (!item) return recordNotFound();
  const outcome = createSection(writeContext(request, item.pointerBase), document.id, item);
  const headers = ignoredHeader(outcome.ignored);
  if (!outcome.ok) return unprocessable(outcome.errors, headers);
  const section = commitCreate(tenant, tenant.sections, {}, outcome.record);
  touch(tenant, tenant.documents, document);
  report.ids = [section.id];
  report.committed = true;
  return jsonApiResponse(201, { data: toResourceObject(sectionModel, section, viewOf(request, c)) }, headers);
};

function viewOf(request: ApiRequest, c: Context<AppEnv>) {
  return viewContext(request.state.profile, request.tenant, 'show', parseQuery(rawQueryOf(c.req.url)));
}

function sectionOf(c: Context<AppEnv>, tenant: Tenant) {
  const document = documentOf(c, tenant, 'document_id');
  const id = pathId(c, 'id');
  const section = id === undefined ? undefined : tenant.sections.get(id);
  return document && section?.documentId === document.id ? { document, section } : undefined;
}

const getSectionHandler: ApiHandler = (c, request) => {
  const found = sectionOf(c, request.tenant);
  if (!found) return recordNotFound();
  return jsonApiResponse(200, { data: toResourceObject(sectionModel, found.section, viewOf(request, c)) });
};

const updateSectionHandler: ApiHandler = async (c, request) => {
  const { tenant, report } = request;
  const found = sectionOf(c, tenant);
  if (!found) return recordNotFound();
  const body = await readResourceBody(c.req.raw, sectionModel.type, { allowArray: false });
  if (!body.ok) return body.response;
  const item = body.items[0];
  if (!item) return recordNotFound();
  const outcome = updateSection(writeContext(request, item.pointerBase), found.section, item);
  const headers = ignoredHeader(outcome.ignored);
  if (!outcome.ok) return unprocessable(outcome.errors, headers);
  const section = commitUpdate(tenant, tenant.sections, {}, found.section, outcome.record);
  touch(tenant, tenant.documents, found.document);
  report.ids = [section.id];
  report.committed = true;
  return jsonApiResponse(200, { data: toResourceObject(sectionModel, section, viewOf(request, c)) }, headers);
};

/** Publishing takes no body (one sent is ignored) and returns the document. */
function publishHandler(nested: boolean): ApiHandler {
  return (c, request) => {
    const { tenant, report } = request;
    const organizationId = nested ? routeOrganization(c, tenant) : undefined;
    const document = documentOf(c, tenant, 'id');
    if (!document || (nested && document.organizationId !== organizationId)) return recordNotFound();
    const published = commitUpdate(tenant, tenant.documents, {}, document, { ...document, published: true });
    report.ids = [published.id];
    report.committed = true;
    const view = viewContext(request.state.profile, tenant, 'write', parseQuery(rawQueryOf(c.req.url)));
    return jsonApiResponse(200, { data: toResourceObject(documentModel, published, view) });
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
