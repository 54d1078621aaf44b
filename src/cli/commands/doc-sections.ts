/**
 * `gluekit docs sections list|update`: a document's sections, where real IT Glue keeps its body.
 * A document of several sections cannot take `docs update --set content=…` (which one would it
 * replace?), so its sections are read and written here, one at a time.
 */
import type { DocumentSection } from '../../spec/models.js';
import { sectionUpdateAttributes } from '../../spec/schemas/documents.js';
import type { CliContext } from '../context.js';
import { type CapturedRequest, describeDryRun } from '../dry-run.js';
import { buildAttributesFor, type WriteFlags } from '../input/write-input.js';
import { printList, printRecord } from '../output/render.js';
import { UsageError } from '../usage-error.js';
import { writeClient } from './records.js';

const SECTION_COLUMNS = ['id', 'sort', 'resourceType', 'level', 'content', 'updatedAt'];

/** In reading order: by `sort`, then by id. */
function inOrder(sections: DocumentSection[]): DocumentSection[] {
  return [...sections].sort(
    (a, b) =>
      (a.sort ?? 0) - (b.sort ?? 0) || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export async function runSectionsList(ctx: CliContext, documentId: string): Promise<void> {
  const sections = await ctx.client().documents.sections.list(documentId);
  printList(ctx, inOrder(sections), { source: 'live', next: null, documentId }, SECTION_COLUMNS);
}

export interface SectionUpdateFlags extends WriteFlags {
  dryRun?: boolean;
}

export async function runSectionUpdate(
  ctx: CliContext,
  documentId: string,
  sectionId: string,
  flags: SectionUpdateFlags,
): Promise<void> {
  const attributes = buildAttributesFor(
    {
      name: 'updateDocumentSection',
      method: 'PATCH',
      path: '/documents/{document_id}/relationships/sections/{id}',
      shape: sectionUpdateAttributes.shape,
    },
    flags,
  );
  if (Object.keys(attributes).length === 0) {
    throw new UsageError(
      `Nothing to update: give --set content="<p>…</p>" (or level=, sort=), or --file with the attributes. See the sections with: gluekit docs sections list ${documentId}`,
    );
  }
  const captured: CapturedRequest[] | undefined = flags.dryRun ? [] : undefined;
  const section = await writeClient(ctx, captured).documents.sections.update(
    documentId,
    sectionId,
    attributes,
  );
  if (captured) {
    if (ctx.format === 'table') process.stdout.write(`${describeDryRun(captured)}\n`);
    else printRecord(ctx, { dryRun: true, requests: captured }, { source: 'live' });
    return;
  }
  printRecord(ctx, section, { source: 'live' });
}
