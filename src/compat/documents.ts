/**
 * Documents. The document describes a top-level `GET /documents` with filters and a `content`
 * attribute. Real IT Glue (2026 Documents API) has neither: documents are listed per organization
 * (root-level only, filters ignored) and their body lives in sections
 * (`/documents/{id}/relationships/sections`), published with `PATCH /documents/{id}/publish`.
 *
 * gluekit keeps the document's surface: `content` is written as one text section after the
 * document is created, and read back from the sections when the response has no `content`.
 */
import { AmbiguousWriteError, PartialWriteError, type RequestInfo, ValidationError } from '../core/errors.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Document, DocumentFolder, DocumentSection } from '../spec/models.js';
import { allOf, type ListInput, type ListPlan, matchesAny, type RecordPredicate } from './list-plan.js';
import { withFields } from './records.js';

const DOCUMENT_FIELDS = [
  'organizationId',
  'organizationName',
  'name',
  'published',
  'restricted',
  'archived',
  'public',
  'documentFolderId',
  'myGlue',
  'createdAt',
  'updatedAt',
];

const SECTION_FIELDS = [
  'documentId',
  'resourceType',
  'level',
  'sort',
  'content',
  'renderedContent',
  'createdAt',
  'updatedAt',
];

export function normalizeDocument(flat: FlatResource): Document {
  return withFields<Document>(flat, DOCUMENT_FIELDS);
}

export function normalizeSection(flat: FlatResource): DocumentSection {
  return withFields<DocumentSection>(flat, SECTION_FIELDS);
}

export const sectionsPath = (documentId: string) => `/documents/${documentId}/relationships/sections`;
const organizationDocumentsPath = (organizationId: string) =>
  `/organizations/${organizationId}/relationships/documents`;

/** Sections as one HTML body: headings as `<hN>`, text as its HTML, in order. */
export function renderSections(sections: readonly DocumentSection[]): string {
  return [...sections]
    .sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.id.length - b.id.length || (a.id < b.id ? -1 : 1))
    .map((section) => {
      const content = section.content ?? '';
      if (section.resourceType === 'Document::Heading') {
        const level = Math.min(6, Math.max(1, section.level ?? 2));
        return `<h${level}>${content}</h${level}>`;
      }
      return content;
    })
    .join('');
}

async function* organizationIds(requester: Requester, options: RequestOptions): AsyncGenerator<string> {
  for await (const organization of requester.scan(
    { path: '/organizations', query: { sort: 'id' }, pageSize: 1000, operationId: 'listOrganizations' },
    options,
  )) {
    yield organization.id;
  }
}

/**
 * Folder ids per `filter[document_folder_id]`: 16-digit ids and encoded commas make about 2 kB of
 * query, far below what servers and proxies take.
 */
export const FOLDERS_PER_REQUEST = 100;

export const documentFoldersPath = (organizationId: string) =>
  `/organizations/${organizationId}/relationships/document_folders`;

export function normalizeFolder(flat: FlatResource): DocumentFolder {
  return withFields<DocumentFolder>(flat, ['organizationId', 'name', 'parentId', 'createdAt', 'updatedAt']);
}

/**
 * One organization's documents: the root, or some folders (`filter[document_folder_id]`, the one
 * filter IT Glue applies on that route; several ids are OR), or, with `allFolders`, the root and
 * every folder.
 */
async function* organizationDocuments(
  requester: Requester,
  organizationId: string,
  options: RequestOptions,
  where: { folderIds?: string[] | undefined; allFolders?: boolean },
): AsyncGenerator<FlatResource> {
  const list = (folderIds?: string[]) =>
    requester.scan(
      {
        path: organizationDocumentsPath(organizationId),
        query: folderIds?.length ? { filter: { document_folder_id: folderIds } } : {},
        pageSize: 1000,
        operationId: 'listOrganizationDocuments',
      },
      options,
    );
  if (where.folderIds?.length) {
    yield* list(where.folderIds);
    return;
  }
  if (!where.allFolders) {
    yield* list();
    return;
  }
  // A server that lists every document at the root (the seed profile) must not yield them twice.
  const seen = new Set<string>();
  const unseen = async function* (documents: AsyncIterable<FlatResource>) {
    for await (const document of documents) {
      if (seen.has(document.id)) continue;
      seen.add(document.id);
      yield document;
    }
  };
  yield* unseen(list());
  const folderIds: string[] = [];
  for await (const folder of requester.scan(
    { path: documentFoldersPath(organizationId), query: {}, pageSize: 1000 },
    options,
  )) {
    folderIds.push(folder.id);
  }
  // Every folder's documents at once: IT Glue ORs the ids of one filter.
  for (let at = 0; at < folderIds.length; at += FOLDERS_PER_REQUEST)
    yield* unseen(list(folderIds.slice(at, at + FOLDERS_PER_REQUEST)));
}

export interface DocumentListScope {
  /** Root and every folder (real IT Glue lists root-level documents only). */
  allFolders?: boolean | undefined;
}

export function planDocumentList(input: ListInput, scope: DocumentListScope = {}): ListPlan {
  const { documentFolderId: folderIds, ...filter } = input.filter;
  const hasFilters = Object.keys(filter).length > 0;
  if (input.organizationId !== undefined && !hasFilters && input.sort.length === 0 && !scope.allFolders) {
    return {
      mode: 'server',
      path: organizationDocumentsPath(input.organizationId),
      operationId: 'listOrganizationDocuments',
      query: folderIds?.length ? { filter: { document_folder_id: folderIds } } : {},
    };
  }
  // No top-level index on real IT Glue, and the organization route ignores filters: read each
  // organization's documents and match here.
  const scoped = input.organizationId !== undefined ? [input.organizationId] : filter.organizationId;
  const checks: RecordPredicate[] = [];
  if (filter.id) {
    const ids = filter.id;
    checks.push((record) => ids.includes(String(record.id)));
  }
  if (filter.name) {
    const names = filter.name;
    checks.push((record) => matchesAny(names, record.name));
  }
  return {
    mode: 'client',
    read: async function* (requester, options) {
      const organizations = scoped ?? organizationIds(requester, options);
      for await (const organizationId of organizations) {
        yield* organizationDocuments(requester, organizationId, options, {
          folderIds,
          allFolders: scope.allFolders === true,
        });
      }
    },
    filter: allOf(checks) ?? (() => true),
    sort: input.sort,
  };
}

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

/** The body of a fetched document: its `content` attribute if the server has one, else its sections. */
export async function documentWithContent(
  requester: Requester,
  flat: FlatResource,
  options: RequestOptions,
): Promise<Document> {
  const document = normalizeDocument(flat);
  if (typeof flat.content === 'string' || flat.content === null) {
    document.content = flat.content;
    return document;
  }
  document.content = renderSections(await listSections(requester, document.id, options));
  return document;
}

/** Creates a document, then writes `content` as a text section (real IT Glue ignores content on create). */
export async function createDocument(
  requester: Requester,
  route: { path: string; operationId: string },
  attributes: Record<string, unknown>,
  options: RequestOptions,
): Promise<Document> {
  const { content, ...documentAttributes } = attributes;
  const flat = await requester.create(
    route.path,
    'documents',
    documentAttributes,
    options,
    route.operationId,
  );
  const document = normalizeDocument(flat);
  if (typeof content !== 'string' || content === '') {
    document.content = content === undefined ? renderedOrEmpty(flat) : (content as string | null);
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

function renderedOrEmpty(flat: FlatResource): string | null {
  return typeof flat.content === 'string' ? flat.content : null;
}

/**
 * Updates a document. Its attributes go to `PATCH /documents/{id}`; `content` goes to its single
 * text section (created if the document has none). A document of several sections is refused:
 * replacing one of them would silently change what the others mean.
 */
export async function updateDocument(
  requester: Requester,
  id: string,
  attributes: Record<string, unknown>,
  options: RequestOptions,
  request: RequestInfo,
): Promise<Document> {
  const { content, ...documentAttributes } = attributes;
  let sectionsToWrite: DocumentSection[] | undefined;
  if (content !== undefined) {
    sectionsToWrite = await listSections(requester, id, options);
    const onlyText = sectionsToWrite.length === 1 && sectionsToWrite[0]?.resourceType === 'Document::Text';
    if (sectionsToWrite.length > 1 || (sectionsToWrite.length === 1 && !onlyText)) {
      throw ValidationError.local(
        request,
        'content',
        `document ${id} has ${sectionsToWrite.length} sections; update them one at a time: \`gluekit docs sections list ${id}\`, then \`gluekit docs sections update ${id} <section-id> --set content=…\` (SDK: client.documents.sections.update())`,
      );
    }
  }
  let flat: FlatResource | undefined;
  if (Object.keys(documentAttributes).length > 0) {
    flat = await requester.update(
      `/documents/${id}`,
      'documents',
      id,
      documentAttributes,
      options,
      'updateDocument',
    );
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
  flat ??= await requester.getOne(`/documents/${id}`, {}, options, 'getDocument');
  const document = normalizeDocument(flat);
  if (content !== undefined) document.content = content as string | null;
  return document;
}

/** One section of a document body, as a writer describes it. */
export interface SectionInput {
  resourceType: 'Document::Heading' | 'Document::Text';
  content: string;
  level?: number | undefined;
}

/** The HTML a body reads back as: the same rendering `get` gives (headings as `<hN>`, text as is). */
export function renderSectionInputs(sections: readonly SectionInput[]): string {
  return sections
    .map((section) =>
      section.resourceType === 'Document::Heading'
        ? `<h${Math.min(6, Math.max(1, section.level ?? 2))}>${section.content}</h${Math.min(6, Math.max(1, section.level ?? 2))}>`
        : section.content,
    )
    .join('');
}

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
  const flat = await requester.getOne(`/documents/${documentId}`, {}, options, 'getDocument');
  if (typeof flat.content === 'string' || flat.content === null) {
    await requester.update(
      `/documents/${documentId}`,
      'documents',
      documentId,
      { content: html },
      options,
      'updateDocument',
    );
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
    for (const [i, section] of existing.entries()) {
      const wanted = sections[i] as SectionInput;
      if (
        section.content === wanted.content &&
        (wanted.level === undefined || section.level === wanted.level)
      )
        continue;
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
