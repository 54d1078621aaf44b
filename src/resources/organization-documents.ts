import type { z } from 'zod';
import { documentFoldersPath, normalizeDocument, normalizeFolder } from '../compat/documents.js';
import type { RequestOptions } from '../core/transport.js';
import type { Document, DocumentFolder } from '../spec/models.js';
import type { createOrganizationDocumentAttributes } from '../spec/schemas/documents.js';
import type { IdInput, OneOrMany, PagePromise } from './base.js';
import { APIResource, bindOperation, parseAttributes, parseId, requestInfo } from './base.js';
import { createDocument } from './document-content.js';
import { planDocumentListIn } from './documents.js';

/** How many folder ids one `filter[document_folder_id]` list may carry (the mirror's chunk size). */
export { FOLDERS_PER_REQUEST } from '../compat/documents.js';

export interface OrganizationDocumentListParams {
  filter?:
    | {
        /** Matched by gluekit: IT Glue ignores filters on this route. */
        name?: OneOrMany<string> | undefined;
        /** These folders' documents (real IT Glue; not in the document). Several are OR. */
        documentFolderId?: OneOrMany<IdInput> | undefined;
      }
    | undefined;
  /** The root and every folder: real IT Glue otherwise lists root-level documents only. */
  allFolders?: boolean | undefined;
  pageNumber?: number | undefined;
  pageSize?: number | undefined;
}

export type OrganizationDocumentCreateParams = z.input<typeof createOrganizationDocumentAttributes>;

/** The document's `/organizations/{organization_id}/relationships/documents` routes. */
export class OrganizationDocuments extends APIResource {
  /** An organization's document folders (real IT Glue; not in the document). */
  async folders(organizationId: IdInput, options: RequestOptions = {}): Promise<DocumentFolder[]> {
    const orgId = parseId(organizationId, 'organizationId', requestInfo('listOrganizationDocuments'));
    const folders: DocumentFolder[] = [];
    for await (const flat of this.requester.scan(
      { path: documentFoldersPath(orgId), query: {}, pageSize: 1000 },
      options,
    )) {
      folders.push(normalizeFolder(flat));
    }
    return folders;
  }

  /** One page of an organization's document folders (page size 1000 unless given). */
  listFolders(
    organizationId: IdInput,
    params: { pageNumber?: number | undefined; pageSize?: number | undefined } = {},
    options: RequestOptions = {},
  ): PagePromise<DocumentFolder> {
    const orgId = parseId(organizationId, 'organizationId', requestInfo('listOrganizationDocuments'));
    return this.requester.list(
      {
        path: documentFoldersPath(orgId),
        query: {},
        pageSize: params.pageSize ?? 1000,
        pageNumber: params.pageNumber,
        operationId: 'listDocumentFolders',
      },
      normalizeFolder,
      options,
    );
  }

  /** listOrganizationDocuments. IT Glue returns root-level documents only (not those in folders). */
  list(
    organizationId: IdInput,
    params: OrganizationDocumentListParams = {},
    options?: RequestOptions,
  ): PagePromise<Document> {
    return this.listRecords(
      'listOrganizationDocuments',
      { ...params, organizationId },
      planDocumentListIn(params),
      normalizeDocument,
      options,
    );
  }

  /** createOrganizationDocument, then `content` as a text section. */
  async create(
    organizationId: IdInput,
    params: OrganizationDocumentCreateParams,
    options: RequestOptions = {},
  ): Promise<Document> {
    const bound = bindOperation('createOrganizationDocument', { organizationId });
    const attributes = await parseAttributes(bound.op, params);
    return createDocument(this.ctx, bound, attributes, options);
  }
}
