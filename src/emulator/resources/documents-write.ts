/**
 * Document writes. Real IT Glue (Aug 2025 docs plus the 2026 Documents API) permits `name`,
 * `restricted`, `archived`, `public` and `organization_id`, plus `document_folder_id` on POST
 * only; `content` and `my-glue` are dropped (content is written as sections). The seed profile
 * stores `content`, `my-glue` and a folder change, as the document describes.
 */
import type { DocumentRecord } from '../store/records.js';
import { documentModel } from './documents.js';
import type { WritableModel } from './model.js';
import type { PermitSpec } from './permit.js';
import { blank } from './problems.js';
import { assignSent, ownedWriter } from './write-support.js';

const REAL_UPDATE: PermitSpec = {
  organizationId: 'id',
  name: 'string',
  restricted: 'boolean',
  archived: 'boolean',
  public: 'boolean',
};
const REAL_CREATE: PermitSpec = { ...REAL_UPDATE, documentFolderId: 'id' };
const SEED_WRITE: PermitSpec = { ...REAL_CREATE, content: 'string', myGlue: 'boolean' };

const STORED_FIELDS = [
  'name',
  'restricted',
  'archived',
  'public',
  'documentFolderId',
  'content',
  'myGlue',
] as const satisfies readonly (keyof DocumentRecord)[];

export const documentWriteModel: WritableModel<DocumentRecord> = {
  ...documentModel,
  ...ownedWriter<DocumentRecord>({
    permitted: (context, isCreate) =>
      context.profile === 'seed' ? SEED_WRITE : isCreate ? REAL_CREATE : REAL_UPDATE,
    apply(context, draft, values, errors) {
      assignSent(draft, values, STORED_FIELDS);
      if (draft.name === null || draft.name === '') errors.push(blank(context.pointerBase, 'name'));
    },
    defaults: () => ({
      name: '',
      // A new document is a draft until it is published.
      published: false,
      archived: false,
      restricted: false,
      public: false,
      documentFolderId: null,
      myGlue: false,
      content: null,
    }),
  }),
};
