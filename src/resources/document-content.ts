/**
 * The document's `content` attribute on real IT Glue, which keeps a body in sections instead:
 * written as one text section after the document is created, read back from the sections when
 * the answer has no `content`. A server that keeps `content` on the document (the seed profile)
 * gets and gives it there (`contentOnDocument` tells them apart).
 */
import { contentOnDocument, normalizeDocument, sectionsPath } from '../compat/documents.js';
import { PartialWriteError, ValidationError } from '../core/errors.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Document, DocumentSection } from '../spec/models.js';
import { type BoundOperation, bindOperation, readRecord, writeRecord } from './base.js';
import { listSections } from './document-sections.js';
import { renderSections } from './section-rendering.js';

/** The body of a fetched document: its `content` attribute if the server has one, else its sections. */
export async function documentWithContent(
  requester: Requester,
  flat: FlatResource,
  options: RequestOptions,
): Promise<Document> {
  const document = normalizeDocument(flat);
  const kept = contentOnDocument(flat);
  document.content = kept
    ? kept.content
    : renderSections(await listSections(requester, document.id, options));
  return document;
}

/** Creates a document, then writes `content` as a text section (real IT Glue ignores content on create). */
export async function createDocument(
  requester: Requester,
  bound: BoundOperation,
  attributes: Record<string, unknown>,
  options: RequestOptions,
): Promise<Document> {
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
  requester: Requester,
  bound: BoundOperation,
  attributes: Record<string, unknown>,
  options: RequestOptions,
): Promise<Document> {
  const id = bound.ids.id as string;
  const { content, ...documentAttributes } = attributes;
  let sectionsToWrite: DocumentSection[] | undefined;
  if (content !== undefined) {
    sectionsToWrite = await listSections(requester, id, options);
    const onlyText = sectionsToWrite.length === 1 && sectionsToWrite[0]?.resourceType === 'Document::Text';
    if (sectionsToWrite.length > 1 || (sectionsToWrite.length === 1 && !onlyText)) {
      throw ValidationError.local(
        bound.request,
        'content',
        `document ${id} has ${sectionsToWrite.length} sections; update them one at a time: \`gluekit docs sections list ${id}\`, then \`gluekit docs sections update ${id} <section-id> --set content=…\` (SDK: client.documents.sections.update())`,
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
