/**
 * How the mirror asks IT Glue for each record type, through the SDK only. Every function here is
 * exactly one request (one page), so the sync can count, order and resume them.
 *
 * - Top-level lists (organizations, contacts, passwords, configurations) are read at page size
 *   1000 with a stable sort: `id` for a full pass, `-updated_at,id` for an incremental one.
 * - Organizations also take `filter[updated_at]` (real IT Glue's only date filter).
 * - Documents have no top-level list on real IT Glue: per organization, its folders, its root-level
 *   documents, and its folders' documents (`filter[document_folder_id]` with up to
 *   FOLDERS_PER_REQUEST folder ids, which IT Glue ORs).
 */
import type { GlueKit } from '../client.js';
import type { Page } from '../core/pagination.js';
import type { RequestOptions } from '../core/transport.js';
import type { Document, DocumentFolder } from '../spec/models.js';
import type { MirrorRecord, MirrorResource } from './resources.js';

export type TopLevelResource = Exclude<MirrorResource, 'documents'>;

export type PageSort = 'id' | 'newest';

export interface PageRequest {
  pageNumber: number;
  pageSize: number;
  sort: PageSort;
  /** Organizations only: `filter[updated_at]` from this time on. */
  updatedFrom?: string | undefined;
}

const SORTS = { id: 'id', newest: ['-updatedAt', 'id'] } as const;

/** One page of a top-level list. */
export function listPage(
  client: GlueKit,
  resource: TopLevelResource,
  request: PageRequest,
  options: RequestOptions,
): Promise<Page<MirrorRecord>> {
  const base = { pageNumber: request.pageNumber, pageSize: request.pageSize };
  const sort = SORTS[request.sort];
  switch (resource) {
    case 'organizations': {
      const filter =
        request.updatedFrom !== undefined ? { updatedAt: { from: request.updatedFrom } } : undefined;
      return resolvePage(client.organizations.list({ ...base, sort, filter }, options));
    }
    case 'contacts':
      return resolvePage(client.contacts.list({ ...base, sort }, options));
    case 'passwords':
      return resolvePage(client.passwords.list({ ...base, sort }, options));
    case 'configurations':
      return resolvePage(client.configurations.list({ ...base, sort }, options));
  }
}

/** The records among `ids` that still exist (`filter[id]` with a comma-separated list): one request. */
export function listByIds(
  client: GlueKit,
  resource: TopLevelResource,
  ids: readonly string[],
  options: RequestOptions,
): Promise<Page<MirrorRecord>> {
  const params = { filter: { id: [...ids] }, pageSize: 1000, sort: 'id' as const };
  switch (resource) {
    case 'organizations':
      return resolvePage(client.organizations.list(params, options));
    case 'contacts':
      return resolvePage(client.contacts.list(params, options));
    case 'passwords':
      return resolvePage(client.passwords.list(params, options));
    case 'configurations':
      return resolvePage(client.configurations.list(params, options));
  }
}

export { FOLDERS_PER_REQUEST } from '../resources/organization-documents.js';

/**
 * One page of an organization's documents: those at the root level (as IT Glue lists them
 * without a folder filter), or those in the given folders.
 */
export function listOrganizationDocuments(
  client: GlueKit,
  organizationId: string,
  pageNumber: number,
  options: RequestOptions,
  folderIds: readonly string[] = [],
): Promise<Page<Document>> {
  const filter = folderIds.length > 0 ? { documentFolderId: [...folderIds] } : undefined;
  return Promise.resolve(
    client.organizations.documents.list(organizationId, { pageNumber, pageSize: 1000, filter }, options),
  );
}

/** One page of an organization's document folders. */
export function listDocumentFolders(
  client: GlueKit,
  organizationId: string,
  pageNumber: number,
  options: RequestOptions,
): Promise<Page<DocumentFolder>> {
  return Promise.resolve(
    client.organizations.documents.listFolders(organizationId, { pageNumber, pageSize: 1000 }, options),
  );
}

/** A PagePromise is a thenable of its first page; this makes it a real promise of that page. */
async function resolvePage<T>(pagePromise: PromiseLike<Page<T>>): Promise<Page<MirrorRecord>> {
  return (await pagePromise) as unknown as Page<MirrorRecord>;
}
