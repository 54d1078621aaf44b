/**
 * A document's sections: real IT Glue's home for document content (not in the seed document),
 * at `/documents/{id}/relationships/sections`. They can be listed, created and updated; IT Glue
 * cannot delete a section or change its kind.
 */
import type { z } from 'zod';
import { notInTheDocument } from '../compat/dialect.js';
import { normalizeSection, sectionsPath } from '../compat/documents.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import { loadSchemas } from '../spec/index.js';
import type { DocumentSection } from '../spec/models.js';
import type { documentSectionAttributes } from '../spec/schemas/documents.js';
import { APIResource, check, type IdInput, parseId, requestInfo } from './base.js';

export type DocumentSectionCreateParams = z.input<typeof documentSectionAttributes>;
export type DocumentSectionUpdateParams = Omit<Partial<DocumentSectionCreateParams>, 'resourceType'>;

/** Every section of a document, in the order IT Glue lists them. */
export async function listSections(
  requester: Requester,
  documentId: string,
  options: RequestOptions,
): Promise<DocumentSection[]> {
  const sections: DocumentSection[] = [];
  for await (const flat of requester.scan(
    { path: sectionsPath(documentId), query: {}, pageSize: 1000 },
    options,
  )) {
    sections.push(normalizeSection(flat));
  }
  return sections;
}

/** A document's sections: real IT Glue's home for document content (not in the seed document). */
export class DocumentSections extends APIResource {
  list(documentId: IdInput, options: RequestOptions = {}): Promise<DocumentSection[]> {
    if (this.ctx.dialect === 'document') return Promise.reject(sectionsNotInTheDocument());
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
    if (this.ctx.dialect === 'document') throw sectionsNotInTheDocument();
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
    if (this.ctx.dialect === 'document') throw sectionsNotInTheDocument();
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

/** Sections are real IT Glue's, not the document's: a client of dialect `document` has none. */
function sectionsNotInTheDocument() {
  return notInTheDocument("A document's sections route");
}
