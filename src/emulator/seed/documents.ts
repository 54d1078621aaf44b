/** Seed documents: drafts and published ones, some in a folder, each with a few sections. */
import type { DocumentRecord, SectionRecord } from '../store/records.js';
import { chance, pick, randomInt } from '../support/prng.js';
import type { SeedContext } from './context.js';
import type { SeededOrganization } from './organizations.js';
import { DOCUMENT_NAMES, SECTION_TEXTS } from './words.js';

function seedSections(context: SeedContext, document: DocumentRecord, count: number): void {
  for (let sort = 1; sort <= count; sort++) {
    const heading = sort === 1 && count > 1;
    const section: SectionRecord = {
      id: context.nextId(document.organizationId),
      documentId: document.id,
      resourceType: heading ? 'Document::Heading' : 'Document::Text',
      level: heading ? 2 : null,
      sort,
      content: heading ? document.name : pick(context.random, SECTION_TEXTS),
      duration: null,
      createdAt: document.createdAt,
      updatedAt: document.updatedAt,
    };
    context.tenant.sections.insert(section);
  }
}

export function seedDocuments(
  context: SeedContext,
  organization: SeededOrganization,
  count: number,
): DocumentRecord[] {
  const { random, tenant } = context;
  const orgId = organization.record.id;
  const start = randomInt(random, 0, DOCUMENT_NAMES.length - 1);
  const documents: DocumentRecord[] = [];
  for (let i = 0; i < count; i++) {
    const document: DocumentRecord = {
      id: context.nextId(orgId),
      organizationId: orgId,
      name: DOCUMENT_NAMES[(start + i) % DOCUMENT_NAMES.length] as string,
      published: chance(random, 0.6),
      archived: false,
      restricted: false,
      public: false,
      documentFolderId: chance(random, 0.3) ? organization.folder.id : null,
      myGlue: false,
      content: null,
      ...context.times(1500),
    };
    tenant.documents.insert(document);
    seedSections(context, document, randomInt(random, 1, 3));
    documents.push(document);
  }
  return documents;
}
