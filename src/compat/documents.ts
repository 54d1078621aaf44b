/**
 * Documents: where real IT Glue differs from the document. The document describes a top-level
 * `GET /documents` with filters and a `content` attribute. Real IT Glue (2026 Documents API) has
 * neither: documents are listed per organization (root-level only, filters ignored) and their body
 * lives in sections (`/documents/{id}/relationships/sections`), published with
 * `PATCH /documents/{id}/publish`.
 *
 * This module holds those differences: how a list reaches the wire (`planDocumentList`), the
 * real-only routes, and how to tell where a server keeps a document's body (`contentOnDocument`).
 * The resource that keeps the document's surface on top of them (`content` written as a text
 * section, read back from the sections) is in src/resources/ (documents.ts, document-content.ts,
 * document-body.ts, document-sections.ts).
 */
import { fillPath } from '../core/path.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import { getOperation } from '../spec/index.js';
import type { Document, DocumentFolder, DocumentSection } from '../spec/models.js';
import { allOf, type ListInput, type ListPlan, matchesAny, type RecordPredicate } from './list-plan.js';
import { withFields } from './records.js';

const DOCUMENT_FIELDS = [
  'organizationId',
  'organizationName',
  'name',
  'published',
  'restricted',
  'archived',
  'public',
  'documentFolderId',
  'myGlue',
  'createdAt',
  'updatedAt',
];

const SECTION_FIELDS = [
  'documentId',
  'resourceType',
  'level',
  'sort',
  'content',
  'renderedContent',
  'createdAt',
  'updatedAt',
];

export function normalizeDocument(flat: FlatResource): Document {
  return withFields<Document>(flat, DOCUMENT_FIELDS);
}

export function normalizeSection(flat: FlatResource): DocumentSection {
  return withFields<DocumentSection>(flat, SECTION_FIELDS);
}

export function normalizeFolder(flat: FlatResource): DocumentFolder {
  return withFields<DocumentFolder>(flat, ['organizationId', 'name', 'parentId', 'createdAt', 'updatedAt']);
}

/** A document's sections: real IT Glue's home for its body (not in the document). */
export const sectionsPath = (documentId: string) => `/documents/${documentId}/relationships/sections`;

/** An organization's document folders (real IT Glue; not in the document). */
export const documentFoldersPath = (organizationId: string) =>
  `/organizations/${organizationId}/relationships/document_folders`;

const organizationDocumentsPath = (organizationId: string) =>
  fillPath(getOperation('listOrganizationDocuments').path, { organization_id: organizationId });

/**
 * The body a server keeps on the document itself (the document's own model, as the seed profile
 * does), or undefined where it keeps none there and the body lives in sections (real IT Glue).
 * Which one applies is read from the answer, not configured.
 */
export function contentOnDocument(flat: FlatResource): { content: string | null } | undefined {
  return typeof flat.content === 'string' || flat.content === null ? { content: flat.content } : undefined;
}

async function* organizationIds(requester: Requester, options: RequestOptions): AsyncGenerator<string> {
  for await (const organization of requester.scan(
    { path: '/organizations', query: { sort: 'id' }, pageSize: 1000, operationId: 'listOrganizations' },
    options,
  )) {
    yield organization.id;
  }
}

/**
 * Folder ids per `filter[document_folder_id]`: 16-digit ids and encoded commas make about 2 kB of
 * query, far below what servers and proxies take.
 */
export const FOLDERS_PER_REQUEST = 100;

/**
 * One organization's documents: the root, or some folders (`filter[document_folder_id]`, the one
 * filter IT Glue applies on that route; several ids are OR), or, with `allFolders`, the root and
 * every folder.
 */
async function* organizationDocuments(
  requester: Requester,
  organizationId: string,
  options: RequestOptions,
  where: { folderIds?: string[] | undefined; allFolders?: boolean },
): AsyncGenerator<FlatResource> {
  const list = (folderIds?: string[]) =>
    requester.scan(
      {
        path: organizationDocumentsPath(organizationId),
        query: folderIds?.length ? { filter: { document_folder_id: folderIds } } : {},
        pageSize: 1000,
        operationId: 'listOrganizationDocuments',
      },
      options,
    );
  if (where.folderIds?.length) {
    yield* list(where.folderIds);
    return;
  }
  if (!where.allFolders) {
    yield* list();
    return;
  }
  // A server that lists every document at the root (the seed profile) must not yield them twice.
  const seen = new Set<string>();
  const unseen = async function* (documents: AsyncIterable<FlatResource>) {
    for await (const document of documents) {
      if (seen.has(document.id)) continue;
      seen.add(document.id);
      yield document;
    }
  };
  yield* unseen(list());
  const folderIds: string[] = [];
  for await (const folder of requester.scan(
    { path: documentFoldersPath(organizationId), query: {}, pageSize: 1000 },
    options,
  )) {
    folderIds.push(folder.id);
  }
  // Every folder's documents at once: IT Glue ORs the ids of one filter.
  for (let at = 0; at < folderIds.length; at += FOLDERS_PER_REQUEST)
    yield* unseen(list(folderIds.slice(at, at + FOLDERS_PER_REQUEST)));
}

export interface DocumentListScope {
  /** Root and every folder (real IT Glue lists root-level documents only). */
  allFolders?: boolean | undefined;
}

export function planDocumentList(input: ListInput, scope: DocumentListScope = {}): ListPlan {
  const { documentFolderId: folderIds, ...filter } = input.filter;
  const hasFilters = Object.keys(filter).length > 0;
  if (input.organizationId !== undefined && !hasFilters && input.sort.length === 0 && !scope.allFolders) {
    return {
      mode: 'server',
      path: organizationDocumentsPath(input.organizationId),
      operationId: 'listOrganizationDocuments',
      query: folderIds?.length ? { filter: { document_folder_id: folderIds } } : {},
    };
  }
  // No top-level index on real IT Glue, and the organization route ignores filters: read each
  // organization's documents and match here.
  const scoped = input.organizationId !== undefined ? [input.organizationId] : filter.organizationId;
  const checks: RecordPredicate[] = [];
  if (filter.id) {
    const ids = filter.id;
    checks.push((record) => ids.includes(String(record.id)));
  }
  if (filter.name) {
    const names = filter.name;
    checks.push((record) => matchesAny(names, record.name));
  }
  return {
    mode: 'client',
    read: async function* (requester, options) {
      const organizations = scoped ?? organizationIds(requester, options);
      for await (const organizationId of organizations) {
        yield* organizationDocuments(requester, organizationId, options, {
          folderIds,
          allFolders: scope.allFolders === true,
        });
      }
    },
    filter: allOf(checks) ?? (() => true),
    sort: input.sort,
  };
}
