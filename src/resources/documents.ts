/**
 * The documents resource: the document's surface (`content`, a top-level list) kept on real IT
 * Glue, where a body lives in sections. The pieces, one job each: document-content.ts (`content`
 * as a text section), document-body.ts (a whole body of sections), document-sections.ts (the
 * sections themselves), section-rendering.ts (sections as HTML); the list plan and the other
 * real-vs-document differences are in src/compat/documents.ts.
 */
import type { z } from 'zod';
import { normalizeDocument, planDocumentList } from '../compat/documents.js';
import type { RequestOptions } from '../core/transport.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Document } from '../spec/models.js';
import type { createDocumentAttributes, updateDocumentAttributes } from '../spec/schemas/documents.js';
import type { IdInput, PagePromise, RecordListParams } from './base.js';
import { APIResource, bindOperation, parseAttributes, parseId, readRecord, requestInfo } from './base.js';
import {
  checkPublishable,
  createDocument,
  documentWithContent,
  setDocumentBody,
  updateDocument,
} from './document-content.js';
import { DocumentSections } from './document-sections.js';
import type { SectionInput } from './section-rendering.js';

export type {
  DocumentSectionCreateParams,
  DocumentSectionUpdateParams,
} from './document-sections.js';
export { DocumentSections };

export type DocumentSortField = 'name' | 'id' | 'createdAt' | 'updatedAt';

/** `organizationId` lists one organization's documents (the document's nested route). */
export interface DocumentListParams extends RecordListParams<DocumentSortField> {
  /** Documents in folders too: real IT Glue otherwise lists root-level documents only. */
  allFolders?: boolean | undefined;
}

export type DocumentCreateParams = z.input<typeof createDocumentAttributes>;
export type DocumentUpdateParams = z.input<typeof updateDocumentAttributes>;

export class Documents extends APIResource {
  readonly sections = new DocumentSections(this.ctx);

  /**
   * listDocuments. Real IT Glue has no top-level document index and ignores filters on the
   * organization route, so gluekit reads each organization's documents (all organizations
   * unless `filter.organizationId` narrows it) and matches `id` and `name` itself.
   */
  list(params: DocumentListParams = {}, options?: RequestOptions): PagePromise<Document> {
    const plan = planDocumentListIn(params);
    return this.listRecords('listDocuments', params, plan, normalizeDocument, options);
  }

  /** getDocument: `GET /documents/{id}`, with its `content` (read from its sections on real IT Glue). */
  async get(id: IdInput, options: RequestOptions = {}): Promise<Document> {
    const flat = await readRecord(this.requester, bindOperation('getDocument', { id }), options);
    return documentWithContent(this.ctx, flat, options);
  }

  /** createDocument: `POST /documents`, then `content` as a text section. Documents start as drafts. */
  async create(params: DocumentCreateParams, options: RequestOptions = {}): Promise<Document> {
    const bound = bindOperation('createDocument');
    const attributes = await parseAttributes(bound.op, params);
    return createDocument(this.ctx, bound, attributes, options);
  }

  /** updateDocument: `PATCH /documents/{id}`; `content` goes to the document's text section. */
  async update(id: IdInput, params: DocumentUpdateParams, options: RequestOptions = {}): Promise<Document> {
    const bound = bindOperation('updateDocument', { id });
    const attributes = await parseAttributes(bound.op, params);
    return updateDocument(this.ctx, bound, attributes, options);
  }

  /**
   * Writes a document's whole body from sections: as sections on real IT Glue (created, or
   * updated in place when the structure is the same), or as `content` where the server keeps it
   * on the document. Returns the HTML it reads back as.
   */
  async setBody(
    id: IdInput,
    sections: readonly SectionInput[],
    options: RequestOptions = {},
  ): Promise<string> {
    const documentId = parseId(id, 'id', requestInfo('updateDocument'));
    return setDocumentBody(this.ctx, documentId, sections, options);
  }

  /** Publishes a draft: `PATCH /documents/{id}/publish` (real IT Glue; a POST there is a 404). */
  async publish(id: IdInput, options: RequestOptions = {}): Promise<Document> {
    checkPublishable(this.ctx);
    const documentId = parseId(id, 'id', requestInfo('updateDocument'));
    const doc = await this.requester.document<FlatResource>(
      'PATCH',
      `/documents/${documentId}/publish`,
      options,
      'publishDocument',
    );
    return normalizeDocument(doc.data);
  }
}

/** The list plan for a call that may ask for documents in folders too. */
export function planDocumentListIn(params: { allFolders?: boolean | undefined }) {
  return (input: Parameters<typeof planDocumentList>[0]) =>
    planDocumentList(input, { allFolders: params.allFolders });
}
