/**
 * What to do with one rendered template: create it, complete or update the document gluekit wrote,
 * publish it, or leave a person's document alone. The journal keeps the hash of the body gluekit
 * last wrote; a document whose body still has that hash is ours to update, anything else is
 * `exists (modified)` and left alone unless --adopt. Publishing is state, not a step: a document
 * of ours that is not published when --publish asks for it is published, whatever stopped it before.
 */
import { createHash } from 'node:crypto';
import { megabytes, oversizedPart, REQUEST_BODY_LIMIT_BYTES } from '../../resources/document-size.js';
import { renderSectionInputs, type SectionInput } from '../../resources/section-rendering.js';
import type { Document } from '../../spec/models.js';
import type { PlanAction } from '../engine/plan.js';
import { type DocumentIndex, type DocumentMatch, documentKey } from './matching.js';
import type { RenderedTemplate } from './template.js';

export function contentHash(html: string): string {
  return createHash('sha256').update(html, 'utf8').digest('hex');
}

/** What the planner knows of one organization's documents. */
export interface DocumentTarget {
  organizationId: string;
  index: DocumentIndex;
  /** Document id → the hash of the body gluekit last wrote. */
  hashes: ReadonlyMap<string, string>;
  publish: boolean;
  adopt: boolean;
  /** The current body of a matched document (one request). */
  readBody(id: string): Promise<string>;
}

/** A template's match, and the key its action carries: where the document is, or will be created. */
export function locate(
  template: RenderedTemplate,
  folderId: string | undefined,
  index: DocumentIndex,
): { key: string; match: DocumentMatch } {
  const match = index.match(template.name, folderId);
  const at = match.kind === 'one' ? match.document.documentFolderId : folderId;
  return { key: documentKey(at ?? null, template.name), match };
}

/**
 * A body that is the template's first sections and nothing else: what a body write that stopped
 * part-way leaves (sections are written in order, and IT Glue cannot delete one), so it is
 * completed like an empty one rather than taken for a person's edit.
 */
function isStartOf(current: string, sections: readonly SectionInput[]): boolean {
  for (let count = 1; count < sections.length; count++) {
    if (renderSectionInputs(sections.slice(0, count)) === current) return true;
  }
  return false;
}

const plain = (html: string) => {
  const text = html.replace(/<[^>]*>/g, '').trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** `section 3 (heading "Backups")` or `section 4 (the text under "Backups")`. */
function sectionLabel(sections: readonly SectionInput[], index: number): string {
  const section = sections[index] as SectionInput;
  if (section.resourceType === 'Document::Heading')
    return `section ${index + 1} (heading "${plain(section.content)}")`;
  const heading = sections.slice(0, index).findLast((s) => s.resourceType === 'Document::Heading');
  return `section ${index + 1} (${heading ? `the text under "${plain(heading.content)}"` : 'text'})`;
}

/** Why a body cannot be sent at all (a section's request over IT Glue's 10 MB), or undefined. */
function tooLarge(template: RenderedTemplate): string | undefined {
  const sections = template.sections as SectionInput[];
  const part = oversizedPart(sections, undefined);
  if (!part || part.index === undefined) return undefined;
  return `too large: ${sectionLabel(sections, part.index)} of ${template.file} would be a request of ${megabytes(part.bytes)}; IT Glue refuses request bodies over ${megabytes(REQUEST_BODY_LIMIT_BYTES)}. Nothing is sent for this document (attach large files instead of embedding them)`;
}

export async function planDocument(
  template: RenderedTemplate,
  located: { key: string; match: DocumentMatch },
  folderId: string | undefined,
  target: DocumentTarget,
): Promise<PlanAction> {
  const at = {
    resource: 'documents' as const,
    organizationId: target.organizationId,
    key: located.key,
    source: { file: template.file, line: 1 },
  };
  const { match } = located;
  if (match.kind === 'many') {
    const where = folderId === undefined ? 'in this organization' : 'in this folder';
    const fix =
      folderId === undefined
        ? 'name the folder in the template (folder: …) or with `folder`, or rename one in IT Glue'
        : 'rename one in IT Glue';
    return {
      ...at,
      action: 'conflict',
      reason: `${match.documents.length} documents are named "${template.name}" ${where}: ${match.documents.map((d) => target.index.describe(d)).join(', ')}; ${fix}`,
    };
  }
  const refused = tooLarge(template);
  if (refused) return { ...at, action: 'skip', reason: refused };
  const sections = template.sections as SectionInput[];
  const body = { sections, ...(target.publish ? { publish: true } : {}) };
  if (match.kind === 'none') {
    const attributes: Record<string, unknown> = { name: template.name, ...body };
    if (folderId) attributes.documentFolderId = folderId;
    if (template.restricted !== undefined) attributes.restricted = template.restricted;
    if (template.public !== undefined) attributes.public = template.public;
    return {
      ...at,
      action: 'create',
      reason: `not in IT Glue (${sections.length} sections${target.publish ? ', published' : ''})`,
      attributes,
    };
  }
  return planMatched(template, match.document, { ...at, id: match.document.id }, target);
}

async function planMatched(
  template: RenderedTemplate,
  document: Document,
  at: Omit<PlanAction, 'action' | 'reason'>,
  target: DocumentTarget,
): Promise<PlanAction> {
  const sections = template.sections as SectionInput[];
  const html = renderSectionInputs(sections);
  const current = await target.readBody(document.id);
  const onRecord = { ...at, precondition: { updatedAt: document.updatedAt } };
  const written = target.hashes.get(document.id);
  const update = (reason: string): PlanAction => ({
    ...onRecord,
    action: 'update',
    reason,
    attributes: { sections, ...(target.publish ? { publish: true } : {}) },
    // Both bodies, so a person reviewing the plan sees a diff of the text, not two lengths.
    changes: { content: { from: current, to: html } },
  });
  if (current === '') return update('half-created (no content yet): completed');
  if (isStartOf(current, sections))
    return update('half-written (its first sections only, a body write that stopped): completed');
  if (written !== undefined && written === contentHash(current)) {
    if (written !== contentHash(html))
      return update('the template changed; nobody edited the document since');
    if (target.publish && document.published !== true) {
      return {
        ...onRecord,
        action: 'update',
        reason:
          'as gluekit last wrote it, but not published (an earlier publish did not happen): published now',
        attributes: { publish: true },
        changes: { published: { from: document.published ?? false, to: true } },
      };
    }
    return { ...onRecord, action: 'unchanged', reason: 'as gluekit last wrote it' };
  }
  if (target.adopt) return update('adopted (`adopt`): replaced with the template');
  return {
    ...onRecord,
    action: 'skip',
    reason:
      written === undefined
        ? 'exists (not created by gluekit): left alone; `adopt` replaces it'
        : 'exists (modified by a person since): left alone; `adopt` replaces it',
  };
}
