/**
 * Documents. Real IT Glue has no `content` attribute (the body lives in sections); the seed
 * document has one, so the seed profile returns the rendered sections, or the content sent on
 * write when there are no sections.
 */
import type { DocumentRecord } from '../store/records.js';
import type { Tenant } from '../store/tenant.js';
import { type ResourceModel, recordFields, resourceUrl } from './model.js';
import { orderedSections, renderSection } from './sections.js';

export function documentContent(tenant: Tenant, document: DocumentRecord): string | null {
  const sections = orderedSections(tenant, document.id);
  if (sections.length === 0) return document.content;
  return sections.map(renderSection).join('');
}

export const documentModel: ResourceModel<DocumentRecord> = {
  type: 'documents',
  fields: recordFields<DocumentRecord>({ name: 'text', organization_id: 'id', document_folder_id: 'id' }),
  attributes(document, view) {
    const attributes: Record<string, unknown> = {
      'organization-id': document.organizationId,
      'organization-name': view.tenant.organizationName(document.organizationId),
      name: document.name,
      published: document.published,
      archived: document.archived,
      restricted: document.restricted,
      public: document.public,
      'document-folder-id': document.documentFolderId,
      'my-glue': document.myGlue,
      'resource-url': resourceUrl(document.organizationId, 'docs', document.id),
      'created-at': document.createdAt,
      'updated-at': document.updatedAt,
    };
    if (view.profile === 'seed') attributes.content = documentContent(view.tenant, document);
    return attributes;
  },
};
