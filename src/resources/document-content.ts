/**
 * The document's `content` attribute on real IT Glue, which keeps a body in sections instead:
 * written as one text section after the document is created, read back from the sections when
 * the answer has no `content`. A server that keeps `content` on the document (the seed profile)
 * gets and gives it there (`contentOnDocument` tells them apart). A client of dialect `document`
 * (a server that implements the API document literally) sends and reads `content` on the
 * document itself, and has no sections or publish route: that is decided here, once.
 */
import { documentAsServed, notInTheDocument } from '../compat/dialect.js';
import { contentOnDocument, normalizeDocument, sectionsPath } from '../compat/documents.js';
import { PartialWriteError, ValidationError } from '../core/errors.js';
import type { RequestOptions } from '../core/transport.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Document, DocumentSection } from '../spec/models.js';
import { type BoundOperation, bindOperation, type ClientContext, readRecord, writeRecord } from './base.js';
import { writeDocumentBody } from './document-body.js';
import { listSections } from './document-sections.js';
import { checkBodySize } from './document-size.js';
import { renderSectionInputs, renderSections, type SectionInput } from './section-rendering.js';

/** The body of a fetched document: its `content` attribute if the server has one, else its sections. */
export async function documentWithContent(
  ctx: ClientContext,
  flat: FlatResource,
  options: RequestOptions,
): Promise<Document> {
  if (ctx.dialect === 'document') return documentAsServed(flat);
  const { requester } = ctx;
  const document = normalizeDocument(flat);
  const kept = contentOnDocument(flat);
  document.content = kept
    ? kept.content
    : renderSections(await listSections(requester, document.id, options));
  return document;
}

/** Creates a document, then writes `content` as a text section (real IT Glue ignores content on create). */
export async function createDocument(
  ctx: ClientContext,
  bound: BoundOperation,
  attributes: Record<string, unknown>,
  options: RequestOptions,
): Promise<Document> {
  const { requester } = ctx;
  if (ctx.dialect === 'document') {
    // A literal server takes `content` in the POST, as the document has it.
    return documentAsServed(await writeRecord(requester, bound, attributes, options), attributes.content);
  }
  const { content, ...documentAttributes } = attributes;
  const flat = await writeRecord(requester, bound, documentAttributes, options);
  const document = normalizeDocument(flat);
  if (typeof content !== 'string' || content === '') {
    document.content =
      content === undefined ? (contentOnDocument(flat)?.content ?? null) : (content as string | null);
    return document;
  }
  try {
    await requester.create(
      sectionsPath(document.id),
      'document-sections',
      { resourceType: 'Document::Text', content },
      options,
    );
  } catch (error) {
    throw new PartialWriteError(
      `Document ${document.id} was created, but writing its content failed; retry with client.documents.update("${document.id}", { content }).`,
      { document },
      { cause: error },
    );
  }
  document.content = content;
  return document;
}

/**
 * Updates a document. Its attributes go to `PATCH /documents/{id}`; `content` goes to its single
 * text section (created if the document has none). A document of several sections is refused:
 * replacing one of them would silently change what the others mean.
 */
export async function updateDocument(
  ctx: ClientContext,
  bound: BoundOperation,
  attributes: Record<string, unknown>,
  options: RequestOptions,
): Promise<Document> {
  const { requester } = ctx;
  if (ctx.dialect === 'document') {
    // A literal server takes `content` in the PATCH.
    return documentAsServed(await writeRecord(requester, bound, attributes, options), attributes.content);
  }
  const id = bound.ids.id as string;
  const { content, ...documentAttributes } = attributes;
  let sectionsToWrite: DocumentSection[] | undefined;
  if (content !== undefined) {
    sectionsToWrite = await listSections(requester, id, options);
    const onlyText = sectionsToWrite.length === 1 && sectionsToWrite[0]?.resourceType === 'Document::Text';
    if (sectionsToWrite.length > 1 || (sectionsToWrite.length === 1 && !onlyText)) {
      const count = sectionsToWrite.length;
      throw ValidationError.local(
        bound.request,
        'content',
        (say) =>
          `document ${id} has ${count} sections; update them one at a time: ${say.step({ do: 'listDocumentSections', documentId: id })}, then ${say.step({ do: 'updateDocumentSection', documentId: id })}`,
        { do: 'listDocumentSections', documentId: id },
      );
    }
  }
  let flat: FlatResource | undefined;
  if (Object.keys(documentAttributes).length > 0) {
    flat = await writeRecord(requester, bound, documentAttributes, options);
  }
  if (sectionsToWrite !== undefined) {
    const body = content ?? '';
    const [section] = sectionsToWrite;
    if (section) {
      await requester.update(
        `${sectionsPath(id)}/${section.id}`,
        'document-sections',
        section.id,
        { content: body },
        options,
      );
    } else if (body !== '') {
      await requester.create(
        sectionsPath(id),
        'document-sections',
        { resourceType: 'Document::Text', content: body },
        options,
      );
    }
  }
  flat ??= await readRecord(requester, bindOperation('getDocument', { id }), options);
  const document = normalizeDocument(flat);
  if (content !== undefined) document.content = content as string | null;
  return document;
}

/**
 * Writes a document's whole body from sections (document-body.ts); a literal server gets the
 * rendered HTML as the document's `content`. Returns the HTML it reads back as.
 */
export async function setDocumentBody(
  ctx: ClientContext,
  documentId: string,
  sections: readonly SectionInput[],
  options: RequestOptions,
): Promise<string> {
  if (ctx.dialect !== 'document') return writeDocumentBody(ctx.requester, documentId, sections, options);
  const content = renderSectionInputs(sections);
  checkBodySize(documentId, sections, content);
  await writeRecord(ctx.requester, bindOperation('updateDocument', { id: documentId }), { content }, options);
  return content;
}

/** Publishing is real IT Glue's route, not the document's: refused on a literal server, not sent. */
export function checkPublishable(ctx: ClientContext): void {
  if (ctx.dialect === 'document') throw notInTheDocument('Publishing a document');
}
