/**
 * The section writer: a document's whole body written as real IT Glue keeps it, in sections,
 * without ever doubling one when an answer is lost.
 */
import { contentOnDocument, sectionsPath } from '../compat/documents.js';
import { AmbiguousWriteError, PartialWriteError, ValidationError } from '../core/errors.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import type { DocumentSection } from '../spec/models.js';
import { bindOperation, readRecord, writeRecord } from './base.js';
import { listSections } from './document-sections.js';
import { checkBodySize } from './document-size.js';
import { renderSectionInputs, type SectionInput } from './section-rendering.js';

export class DocumentStructureError extends ValidationError {
  override name = 'DocumentStructureError';
}

/**
 * Writes a document's whole body. Real IT Glue keeps content in sections: they are created, or,
 * when the document already has sections of the same kinds in the same order, updated in place
 * (sections cannot be deleted, and a section's kind cannot change, so a different structure is
 * refused with what to do). A server that keeps `content` on the document itself (the document's
 * own model, as the seed profile does) gets the rendered HTML there instead: which one applies is
 * read from the document, not configured.
 */
export async function writeDocumentBody(
  requester: Requester,
  documentId: string,
  sections: readonly SectionInput[],
  options: RequestOptions,
): Promise<string> {
  const html = renderSectionInputs(sections);
  const flat = await readRecord(requester, bindOperation('getDocument', { id: documentId }), options);
  const onDocument = contentOnDocument(flat) !== undefined;
  checkBodySize(documentId, sections, onDocument ? html : undefined);
  if (onDocument) {
    const update = bindOperation('updateDocument', { id: documentId });
    await writeRecord(requester, update, { content: html }, options);
    return html;
  }
  // Sections already there (a run cut short, or an earlier body) must be the start of the wanted
  // structure; a section create whose answer is lost is checked by listing again, never re-sent
  // blind. A round whose lost create turns out to have landed counts as progress; only rounds
  // where it did not spend the client's retry allowance, so a body of any length converges while
  // IT Glue keeps taking sections.
  const allowance = options.maxRetries ?? requester.transport.maxRetries;
  let stalled = 0;
  let known = -1; // sections known to exist when the last round's create got no answer
  let lastUnknown: AmbiguousWriteError | undefined;
  for (;;) {
    const existing = (await listSections(requester, documentId, options)).sort(
      (a, b) => (a.sort ?? 0) - (b.sort ?? 0),
    );
    const fits =
      existing.length <= sections.length &&
      existing.every((section, i) => section.resourceType === sections[i]?.resourceType);
    if (!fits) {
      throw new DocumentStructureError(
        0,
        { method: 'PATCH', path: `/documents/${documentId}/relationships/sections` },
        [{ title: 'structure changed', field: 'sections' }],
        `Document ${documentId} has ${existing.length} sections of another structure; IT Glue cannot delete sections or change their kind. Create a new document instead.`,
      );
    }
    stalled = existing.length > known ? 0 : stalled + 1;
    if (stalled > allowance) {
      throw new PartialWriteError(
        `Document ${documentId}: ${existing.length} of ${sections.length} sections written; the next one got no answer ${stalled} times in a row (the client allows ${allowance} retries). Nothing was doubled: write the body again (a re-run of the plan completes it) to finish.`,
        { documentId, sectionsWritten: existing.length, sections: sections.length },
        { cause: lastUnknown },
      );
    }
    await updateChangedSections(requester, documentId, existing, sections, options);
    known = existing.length;
    try {
      for (let i = existing.length; i < sections.length; i++) {
        const section = sections[i] as SectionInput;
        const attributes: Record<string, unknown> = {
          resourceType: section.resourceType,
          content: section.content,
          sort: i + 1,
        };
        if (section.level !== undefined) attributes.level = section.level;
        await requester.create(sectionsPath(documentId), 'document-sections', attributes, options);
        known = i + 1;
      }
      return html;
    } catch (error) {
      if (!(error instanceof AmbiguousWriteError)) throw error;
      lastUnknown = error;
    }
  }
}

/** Sections already there that are the wanted kind but not the wanted content or level, updated in place. */
async function updateChangedSections(
  requester: Requester,
  documentId: string,
  existing: readonly DocumentSection[],
  sections: readonly SectionInput[],
  options: RequestOptions,
): Promise<void> {
  for (const [i, section] of existing.entries()) {
    const wanted = sections[i] as SectionInput;
    const sameLevel = wanted.level === undefined || section.level === wanted.level;
    if (section.content === wanted.content && sameLevel) continue;
    const attributes: Record<string, unknown> = { content: wanted.content };
    if (wanted.level !== undefined) attributes.level = wanted.level;
    await requester.update(
      `${sectionsPath(documentId)}/${section.id}`,
      'document-sections',
      section.id,
      attributes,
      options,
    );
  }
}
