import type { z } from 'zod';
import { createDocumentLiterally } from '../compat/dialect.js';
import {
  createDocument,
  documentFoldersPath,
  normalizeDocument,
  normalizeFolder,
  planDocumentList,
} from '../compat/documents.js';
import type { RequestOptions } from '../core/transport.js';
import { getOperation } from '../spec/index.js';
import type { Document, DocumentFolder } from '../spec/models.js';
import type { createOrganizationDocumentAttributes } from '../spec/schemas/documents.js';
import {
  APIResource,
  type IdInput,
  lazyList,
  type OneOrMany,
  type PagePromise,
  parseAttributes,
  parseId,
  parseListParams,
  requestInfo,
  runListPlan,
} from './base.js';

export interface OrganizationDocumentListParams {
  filter?:
    | {
        /** Matched by gluekit: IT Glue ignores filters on this route. */
        name?: OneOrMany<string> | undefined;
        /** One folder's documents (real IT Glue; not in the document). */
        documentFolderId?: IdInput | undefined;
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

  /** listOrganizationDocuments. IT Glue returns root-level documents only (not those in folders). */
  list(
    organizationId: IdInput,
    params: OrganizationDocumentListParams = {},
    options?: RequestOptions,
  ): PagePromise<Document> {
    return lazyList(async () => {
      const input = await parseListParams(
        getOperation('listOrganizationDocuments'),
        { ...params, organizationId },
        this.ctx.pageSize,
      );
      return runListPlan(
        this.requester,
        planDocumentList(input, { allFolders: params.allFolders }),
        input,
        normalizeDocument,
        options,
      );
    });
  }

  /** createOrganizationDocument, then `content` as a text section. */
  async create(
    organizationId: IdInput,
    params: OrganizationDocumentCreateParams,
    options: RequestOptions = {},
  ): Promise<Document> {
    const orgId = parseId(organizationId, 'organizationId', requestInfo('createOrganizationDocument'));
    const attributes = await parseAttributes(getOperation('createOrganizationDocument'), params);
    const route = {
      path: `/organizations/${orgId}/relationships/documents`,
      operationId: 'createOrganizationDocument',
    };
    const create = this.ctx.dialect === 'document' ? createDocumentLiterally : createDocument;
    return create(this.requester, route, attributes, options);
  }
}
