/**
 * Passwords: fields and the view, with IT Glue's visibility rules for the value.
 *
 * Real profile: a list never carries `password` (even with `show_password=true`); a single record
 * carries it unless `show_password=false`; a POST/PATCH response only with `show_password=true`.
 * Seed profile: the document forbids none of this (its official list example has a value), so the
 * value is always returned. Either way a key without "Password Access" never gets it, and
 * `otp-secret` is never returned at all.
 */
import type { PasswordRecord } from '../store/records.js';
import { type ResourceModel, recordFields, resourceUrl, type ViewContext } from './model.js';

export function revealsPassword(view: ViewContext): boolean {
  if (!view.tenant.passwordAccess) return false;
  if (view.profile === 'seed') return true;
  if (view.mode === 'list') return false;
  if (view.mode === 'show') return view.showPassword !== false;
  return view.showPassword === true;
}

export const passwordModel: ResourceModel<PasswordRecord> = {
  type: 'passwords',
  fields: recordFields<PasswordRecord>({
    name: 'text',
    username: 'text',
    organization_id: 'id',
    password_category_id: 'id',
    url: 'text',
    cached_resource_name: 'text',
    archived: 'boolean',
  }),
  attributes(password, view) {
    const { tenant } = view;
    const attributes: Record<string, unknown> = {
      'organization-id': password.organizationId,
      'organization-name': tenant.organizationName(password.organizationId),
      'resource-url': resourceUrl(password.organizationId, 'passwords', password.id),
      restricted: password.restricted,
      'my-glue': password.myGlue,
      name: password.name,
      'autofill-selectors': null,
      username: password.username,
      url: password.url,
      notes: password.notes,
      'password-updated-at': password.passwordUpdatedAt,
      'updated-by': password.updatedBy === null ? null : Number(password.updatedBy),
      'resource-id': password.resourceId,
      'resource-type': password.resourceType,
      'cached-resource-type-name': password.cachedResourceTypeName,
      'cached-resource-name': password.cachedResourceName,
      'password-category-id': password.passwordCategoryId,
      'password-category-name': tenant.lookupName('password_categories', password.passwordCategoryId),
      'password-folder-id': password.passwordFolderId,
      archived: password.archived,
      'otp-enabled': password.otpSecret !== null && password.otpSecret !== '',
      'created-at': password.createdAt,
      'updated-at': password.updatedAt,
    };
    // `is-live` is on a single record only, as in IT Glue's show example (not its list example).
    if (view.mode !== 'list') attributes['is-live'] = password.isLive;
    if (revealsPassword(view)) attributes.password = password.password;
    return attributes;
  },
};
