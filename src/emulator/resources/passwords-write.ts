/**
 * Password writes. Real IT Glue requires `name` and `password` (plus the organization); an
 * embedded password's `resource-type` must be one IT Glue allows and needs `resource-id`, and a
 * Configuration, Contact or Document must exist in the same organization. The seed profile only
 * requires `name` and takes `resource-type` as a free string, as the document does.
 */
import { EMBEDDABLE_RESOURCE_TYPES } from '../../spec/passwords.js';
import type { PasswordRecord } from '../store/records.js';
import { API_USER_ID, contactFullName, type Tenant } from '../store/tenant.js';
import type { ApiError } from '../support/api-errors.js';
import type { RecordDraft, WritableModel, WriteContext } from './model.js';
import { passwordModel } from './passwords.js';
import { has, type PermitSpec } from './permit.js';
import { blank, invalid, mustExist } from './problems.js';
import { assignSent, checkLookup, ownedWriter } from './write-support.js';

const ATTRIBUTES: PermitSpec = {
  organizationId: 'id',
  name: 'string',
  username: 'string',
  password: 'string',
  url: 'string',
  notes: 'string',
  passwordCategoryId: 'id',
  passwordFolderId: 'id',
  resourceId: 'id',
  resourceType: 'string',
  otpSecret: 'string',
  passwordUpdatedAt: 'datetime',
  restricted: 'boolean',
  archived: 'boolean',
  isLive: 'boolean',
};

const PLAIN_FIELDS = [
  'name',
  'username',
  'password',
  'url',
  'notes',
  'passwordCategoryId',
  'passwordFolderId',
  'resourceId',
  'resourceType',
  'otpSecret',
  'passwordUpdatedAt',
  'restricted',
  'archived',
  'isLive',
] as const satisfies readonly (keyof PasswordRecord)[];

type Draft = RecordDraft<PasswordRecord>;

/** The embedded resource, when it is one the emulator stores, and whether it is in `organizationId`. */
function embeddedName(tenant: Tenant, type: string, id: string, organizationId: string) {
  const found =
    type === 'Configuration'
      ? tenant.configurations.get(id)
      : type === 'Contact'
        ? tenant.contacts.get(id)
        : type === 'Document'
          ? tenant.documents.get(id)
          : undefined;
  if (!found || found.organizationId !== organizationId) return undefined;
  return 'name' in found ? found.name : contactFullName(found);
}

const CHECKED_TYPES = new Set(['Configuration', 'Contact', 'Document']);

function checkEmbedding(context: WriteContext, draft: Draft, errors: ApiError[]): void {
  const base = context.pointerBase;
  const { resourceType: type, resourceId: id } = draft;
  draft.cachedResourceTypeName = type;
  draft.cachedResourceName =
    type !== null && id !== null
      ? (embeddedName(context.tenant, type, id, draft.organizationId) ?? null)
      : null;
  if (context.profile === 'seed') return;
  if (type === null) {
    if (id !== null) errors.push(blank(base, 'resourceType'));
    return;
  }
  if (!(EMBEDDABLE_RESOURCE_TYPES as readonly string[]).includes(type)) {
    errors.push(invalid(base, 'resourceType', 'is not included in the list'));
  } else if (id === null) {
    errors.push(blank(base, 'resourceId'));
  } else if (CHECKED_TYPES.has(type) && draft.cachedResourceName === null) {
    errors.push(mustExist(base, 'resource'));
  }
}

const EMBEDDING_FIELDS = ['resourceType', 'resourceId', 'organizationId'];

function checkValues(
  context: WriteContext,
  draft: Draft,
  values: Record<string, unknown>,
  errors: ApiError[],
  isCreate: boolean,
) {
  const base = context.pointerBase;
  checkLookup(context, 'password_categories', values.passwordCategoryId, 'password-category', errors);
  assignSent(draft, values, PLAIN_FIELDS);
  if (draft.name === '' || draft.name === null) errors.push(blank(base, 'name'));
  if (context.profile === 'real' && (draft.password === null || draft.password === '')) {
    errors.push(blank(base, 'password'));
  }
  // An update that leaves the embedding alone keeps its cached names, as IT Glue's cache does.
  if (isCreate || EMBEDDING_FIELDS.some((name) => has(values, name))) checkEmbedding(context, draft, errors);
}

export const passwordWriteModel: WritableModel<PasswordRecord> = {
  ...passwordModel,
  ...ownedWriter<PasswordRecord>({
    permitted: () => ATTRIBUTES,
    apply: checkValues,
    defaults: () => ({
      name: '',
      username: null,
      password: null,
      url: null,
      notes: null,
      passwordCategoryId: null,
      passwordFolderId: null,
      resourceId: null,
      resourceType: null,
      cachedResourceTypeName: null,
      cachedResourceName: null,
      restricted: false,
      myGlue: false,
      archived: false,
      otpSecret: null,
      passwordUpdatedAt: null,
      updatedBy: API_USER_ID,
      isLive: true,
    }),
  }),
  /** `password-updated-at` moves only when the value changes (unless the client set it). */
  stamp(record, previous) {
    record.updatedBy = API_USER_ID;
    if (previous === undefined) record.passwordUpdatedAt ??= record.createdAt;
    else if (
      record.password !== previous.password &&
      record.passwordUpdatedAt === previous.passwordUpdatedAt
    ) {
      record.passwordUpdatedAt = record.updatedAt;
    }
  },
};
