import { z } from 'zod';
import { DOCUMENT_SECTION_TYPES } from '../documents.js';
import { idSchema, requestSchemas } from './params.js';

/** Every attribute the document lists for a document but its organization, all optional. */
const documentFields = {
  name: z.string(),
  // Document body, HTML. On real IT Glue it is written as sections; see src/compat/documents.ts.
  content: z.string().nullable(),
  restricted: z.boolean().nullable(),
  archived: z.boolean().nullable(),
  public: z.boolean().nullable(),
  documentFolderId: idSchema.nullable(),
  myGlue: z.boolean().nullable(),
};

export const {
  create: createDocumentAttributes,
  update: updateDocumentAttributes,
  createInOrganization: createOrganizationDocumentAttributes,
} = requestSchemas(documentFields);

/** Attributes of a document section (real IT Glue only; not part of the seed document). */
export const documentSectionAttributes = z.strictObject({
  resourceType: z.enum(DOCUMENT_SECTION_TYPES),
  content: z.string().optional(),
  level: z.number().int().min(1).max(6).optional(),
  sort: z.number().int().min(0).optional(),
});

/** What a section update may change: anything but its kind. */
export const sectionUpdateAttributes = documentSectionAttributes.omit({ resourceType: true }).partial();
