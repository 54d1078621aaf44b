import type { z } from 'zod';
import {
  createDocumentLiterally,
  documentAsServed,
  notInTheDocument,
  updateDocumentLiterally,
} from '../compat/dialect.js';
import {
  createDocument,
  documentWithContent,
  listSections,
  normalizeDocument,
  normalizeSection,
  planDocumentList,
  renderSectionInputs,
  type SectionInput,
  sectionsPath,
  updateDocument,
  writeDocumentBody,
} from '../compat/documents.js';
import type { RequestOptions } from '../core/transport.js';
import { getOperation, loadSchemas } from '../spec/index.js';
import type { Document, DocumentSection } from '../spec/models.js';
import type {
  createDocumentAttributes,
  documentSectionAttributes,
  updateDocumentAttributes,
} from '../spec/schemas/documents.js';
import {
  APIResource,
  check,
  type IdInput,
  type ListParamsBase,
  lazyList,
  type OneOrMany,
  type PagePromise,
  parseAttributes,
  parseId,
  parseListParams,
  requestInfo,
  runListPlan,
} from './base.js';

export type DocumentSortField = 'name' | 'id' | 'createdAt' | 'updatedAt';

export interface DocumentListParams extends ListParamsBase<DocumentSortField> {
  /** Documents in folders too: real IT Glue otherwise lists root-level documents only. */
  allFolders?: boolean | undefined;
  /** Only this organization's documents (the document's nested route). */
  organizationId?: IdInput | undefined;
  filter?:
    | {
        id?: OneOrMany<IdInput> | undefined;
        name?: OneOrMany<string> | undefined;
        organizationId?: OneOrMany<IdInput> | undefined;
      }
    | undefined;
}

export type DocumentCreateParams = z.input<typeof createDocumentAttributes>;
export type DocumentUpdateParams = z.input<typeof updateDocumentAttributes>;
export type DocumentSectionCreateParams = z.input<typeof documentSectionAttributes>;
export type DocumentSectionUpdateParams = Omit<Partial<DocumentSectionCreateParams>, 'resourceType'>;

/** A document's sections: real IT Glue's home for document content (not in the seed document). */
export class DocumentSections extends APIResource {
  list(documentId: IdInput, options: RequestOptions = {}): Promise<DocumentSection[]> {
    if (this.ctx.dialect === 'document')
      return Promise.reject(notInTheDocument("A document's sections route"));
    return listSections(
      this.requester,
      parseId(documentId, 'documentId', requestInfo('getDocument')),
      options,
    );
  }

  async create(
    documentId: IdInput,
    params: DocumentSectionCreateParams,
    options: RequestOptions = {},
  ): Promise<DocumentSection> {
    if (this.ctx.dialect === 'document') throw notInTheDocument("A document's sections route");
    const id = parseId(documentId, 'documentId', requestInfo('updateDocument'));
    const { documentSectionAttributes } = await loadSchemas();
    const attributes = check(documentSectionAttributes, params, {
      method: 'POST',
      path: '/documents/{id}/relationships/sections',
    });
    return normalizeSection(
      await this.requester.create(sectionsPath(id), 'document-sections', attributes, options),
    );
  }

  async update(
    documentId: IdInput,
    sectionId: IdInput,
    params: DocumentSectionUpdateParams,
    options: RequestOptions = {},
  ): Promise<DocumentSection> {
    if (this.ctx.dialect === 'document') throw notInTheDocument("A document's sections route");
    const request = requestInfo('updateDocument');
    const id = parseId(documentId, 'documentId', request);
    const section = parseId(sectionId, 'sectionId', request);
    const { sectionUpdateAttributes } = await loadSchemas();
    const attributes = check(sectionUpdateAttributes, params, {
      method: 'PATCH',
      path: '/documents/{id}/relationships/sections/{section_id}',
    });
    return normalizeSection(
      await this.requester.update(
        `${sectionsPath(id)}/${section}`,
        'document-sections',
        section,
        attributes,
        options,
      ),
    );
  }
}

export class Documents extends APIResource {
  readonly sections = new DocumentSections(this.ctx);

  /**
   * listDocuments. Real IT Glue has no top-level document index and ignores filters on the
   * organization route, so gluekit reads each organization's documents (all organizations
   * unless `filter.organizationId` narrows it) and matches `id` and `name` itself.
   */
  list(params: DocumentListParams = {}, options?: RequestOptions): PagePromise<Document> {
    return lazyList(async () => {
      const input = await parseListParams(getOperation('listDocuments'), params, this.ctx.pageSize);
      return runListPlan(
        this.requester,
        planDocumentList(input, { allFolders: params.allFolders }),
        input,
        normalizeDocument,
        options,
      );
    });
  }

  /** getDocument: `GET /documents/{id}`, with its `content` (read from its sections on real IT Glue). */
  async get(id: IdInput, options: RequestOptions = {}): Promise<Document> {
    const documentId = parseId(id, 'id', requestInfo('getDocument'));
    const flat = await this.requester.getOne(`/documents/${documentId}`, {}, options, 'getDocument');
    if (this.ctx.dialect === 'document') return documentAsServed(flat);
    return documentWithContent(this.requester, flat, options);
  }

  /** createDocument: `POST /documents`, then `content` as a text section. Documents start as drafts. */
  async create(params: DocumentCreateParams, options: RequestOptions = {}): Promise<Document> {
    const attributes = await parseAttributes(getOperation('createDocument'), params);
    const create = this.ctx.dialect === 'document' ? createDocumentLiterally : createDocument;
    return create(this.requester, { path: '/documents', operationId: 'createDocument' }, attributes, options);
  }

  /** updateDocument: `PATCH /documents/{id}`; `content` goes to the document's text section. */
  async update(id: IdInput, params: DocumentUpdateParams, options: RequestOptions = {}): Promise<Document> {
    const request = requestInfo('updateDocument');
    const documentId = parseId(id, 'id', request);
    const attributes = await parseAttributes(getOperation('updateDocument'), params);
    if (this.ctx.dialect === 'document') {
      return updateDocumentLiterally(this.requester, documentId, attributes, options);
    }
    return updateDocument(this.requester, documentId, attributes, options, request);
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
    if (this.ctx.dialect === 'document') {
      const content = renderSectionInputs(sections);
      await updateDocumentLiterally(this.requester, documentId, { content }, options);
      return content;
    }
    return writeDocumentBody(this.requester, documentId, sections, options);
  }

  /** Publishes a draft: `PATCH /documents/{id}/publish` (real IT Glue; a POST there is a 404). */
  async publish(id: IdInput, options: RequestOptions = {}): Promise<Document> {
    if (this.ctx.dialect === 'document') throw notInTheDocument('Publishing a document');
    const documentId = parseId(id, 'id', requestInfo('updateDocument'));
    const doc = await this.requester.document<unknown>(
      'PATCH',
      `/documents/${documentId}/publish`,
      options,
      'publishDocument',
    );
    return normalizeDocument(doc.data as Parameters<typeof normalizeDocument>[0]);
  }
}
