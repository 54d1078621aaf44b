/**
 * Passwords: the document calls `GET /passwords/{id}` a metadata record, but real IT Glue returns
 * the secret there by default (`show_password` defaults to true) and requires `password` on
 * create. gluekit asks for the value only when the caller reveals it, and strips any value a
 * list or a write response carries.
 */
import { type RequestInfo, ValidationError } from '../core/errors.js';
import { withRedactedInspect } from '../core/redact.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { Password } from '../spec/models.js';
import { EMBEDDABLE_RESOURCE_TYPES } from '../spec/passwords.js';
import { type ListInput, type ListPlan, serverFilters } from './list-plan.js';
import { withFields } from './records.js';

const PASSWORD_FIELDS = [
  'organizationId',
  'organizationName',
  'name',
  'username',
  'url',
  'notes',
  'passwordCategoryId',
  'passwordCategoryName',
  'passwordFolderId',
  'resourceId',
  'resourceType',
  'cachedResourceTypeName',
  'cachedResourceName',
  'restricted',
  'archived',
  'otpEnabled',
  'passwordUpdatedAt',
  'createdAt',
  'updatedAt',
];

/** Metadata only: any secret in the response is dropped unless `reveal` is set. */
export function normalizePassword(flat: FlatResource, reveal = false): Password {
  // Real IT Glue never sends these in lists, so the (slow) delete happens only on other servers.
  if (!reveal && 'password' in flat) delete flat.password;
  if ('otpSecret' in flat) delete flat.otpSecret;
  const record = withFields<Password>(flat, PASSWORD_FIELDS);
  return typeof record.password === 'string' ? withRedactedInspect(record) : record;
}

/** The query for `GET /passwords/{id}`: IT Glue sends the value unless told not to. */
export function passwordShowQuery(reveal: boolean): { extra: Record<string, string> } {
  return { extra: { show_password: reveal ? 'true' : 'false' } };
}

export function planPasswordList(input: ListInput): ListPlan {
  const filter = serverFilters(input.filter, { id: 'id', name: 'name', organizationId: 'organization_id' });
  // The document has no nested password route; an organization scope is a filter here.
  if (input.organizationId !== undefined) filter.organization_id = [input.organizationId];
  return {
    mode: 'server',
    path: '/passwords',
    operationId: 'listPasswords',
    query: { filter, sort: input.sort.join(',') },
  };
}

/**
 * Checks a password write the way real IT Glue will, before anything is sent: a create needs the
 * secret, and an embedded password needs both `resourceType` (one IT Glue accepts) and `resourceId`.
 */
export function checkPasswordWrite(
  attributes: Record<string, unknown>,
  request: RequestInfo,
  isCreate: boolean,
): void {
  if (isCreate && (typeof attributes.password !== 'string' || attributes.password === '')) {
    throw ValidationError.local(
      request,
      'password',
      'IT Glue requires the password value to create a password record; provide it (never on a command line: use --password-stdin or --password-env).',
    );
  }
  const { resourceType, resourceId } = attributes;
  const hasType = resourceType !== undefined && resourceType !== null;
  const hasId = resourceId !== undefined && resourceId !== null;
  if (hasType !== hasId) {
    throw ValidationError.local(
      request,
      hasType ? 'resourceId' : 'resourceType',
      'an embedded password needs both resourceType and resourceId; leave both out for a general password',
    );
  }
  if (hasType && !(EMBEDDABLE_RESOURCE_TYPES as readonly unknown[]).includes(resourceType)) {
    throw ValidationError.local(
      request,
      'resourceType',
      `must be one of ${EMBEDDABLE_RESOURCE_TYPES.join(', ')}`,
    );
  }
}
