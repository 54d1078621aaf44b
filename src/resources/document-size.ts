/**
 * IT Glue's request size limit: its API gateway refuses a request body over 10 MB (research notes,
 * "Payload size limit 10 MB (Amazon API Gateway)"). A document body goes out as one request per
 * section on real IT Glue, or as one `content` attribute on a server that keeps the body on the
 * document. A body with a request over the limit is refused before any of it is sent, so a
 * document is never left half-written by a refusal that was certain in advance.
 */
import { ValidationError } from '../core/errors.js';
import { stringifyJsonApi } from '../jsonapi/json.js';
import { serializeResource } from '../jsonapi/serialize.js';
import type { SectionInput } from './section-rendering.js';

/** 10 MiB, the gateway's limit on a request body. */
export const REQUEST_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** An id as long as IT Glue's (they are 15-16 digits): an update carries one, a create none. */
const LONGEST_ID = '9'.repeat(20);

function requestBytes(type: string, attributes: Record<string, unknown>): number {
  return Buffer.byteLength(stringifyJsonApi(serializeResource(type, attributes, { id: LONGEST_ID })), 'utf8');
}

/** The bytes of the request that writes one section (its create or update, whichever is larger). */
export function sectionRequestBytes(section: SectionInput, sort: number): number {
  return requestBytes('document-sections', {
    resourceType: section.resourceType,
    content: section.content,
    sort,
    level: section.level,
  });
}

/** The bytes of the request that writes a whole body as the document's `content`. */
export function contentRequestBytes(html: string): number {
  return requestBytes('documents', { content: html });
}

/** A part of a body whose request would be over the limit. */
export interface OversizedPart {
  /** The section's index, or undefined for the whole body sent as one `content`. */
  index?: number | undefined;
  bytes: number;
}

/**
 * The first section whose request would be over the limit; with `wholeBody`, also the whole body
 * as one `content` request (a server that keeps the body on the document).
 */
export function oversizedPart(
  sections: readonly SectionInput[],
  wholeBody: string | undefined,
): OversizedPart | undefined {
  for (const [index, section] of sections.entries()) {
    const bytes = sectionRequestBytes(section, index + 1);
    if (bytes > REQUEST_BODY_LIMIT_BYTES) return { index, bytes };
  }
  if (wholeBody !== undefined) {
    const bytes = contentRequestBytes(wholeBody);
    if (bytes > REQUEST_BODY_LIMIT_BYTES) return { bytes };
  }
  return undefined;
}

/** `10.4 MB`, for messages (MB as the research notes and IT Glue say it: 2^20 bytes). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Refuses a body with a request over the limit, before anything of it is sent. `wholeBody` is
 * given where the server keeps the body on the document (one `content` request), and then only it
 * counts; otherwise each section is its own request.
 */
export function checkBodySize(
  documentId: string,
  sections: readonly SectionInput[],
  wholeBody: string | undefined,
): void {
  const part = oversizedPart(wholeBody === undefined ? sections : [], wholeBody);
  if (!part) return;
  const what = part.index === undefined ? 'the body' : `section ${part.index + 1}`;
  throw ValidationError.local(
    { method: 'PATCH', path: `/documents/${documentId}` },
    part.index === undefined ? 'content' : `sections[${part.index}]`,
    `${what} would be a request of ${megabytes(part.bytes)}; IT Glue refuses request bodies over ${megabytes(REQUEST_BODY_LIMIT_BYTES)}. Nothing was sent: make it smaller (attach large files instead of embedding them).`,
  );
}
