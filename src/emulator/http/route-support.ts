/** Small pieces every API handler uses: path ids, the nested route's organization, views, headers. */
import type { Context } from 'hono';
import type { Profile, ViewContext } from '../resources/model.js';
import type { Tenant } from '../store/tenant.js';
import { isId } from '../support/ids.js';
import type { AppEnv } from './connection.js';
import { type ParsedQuery, readBooleanParam } from './query.js';

/** A path id, or undefined when it is not digits (the caller answers 404). */
export function pathId(c: Context<AppEnv>, name: string): string | undefined {
  const value = c.req.param(name);
  return value !== undefined && isId(value) ? value : undefined;
}

/** The organization of a nested route, when it exists. */
export function routeOrganization(c: Context<AppEnv>, tenant: Tenant): string | undefined {
  const id = pathId(c, 'organization_id');
  return id !== undefined && tenant.organizations.get(id) ? id : undefined;
}

export function viewContext(
  profile: Profile,
  tenant: Tenant,
  mode: ViewContext['mode'],
  query: ParsedQuery,
): ViewContext {
  return { profile, tenant, mode, showPassword: readBooleanParam(query.params.get('show_password')) };
}

/**
 * `x-emulator-ignored-attributes: email,name`: an emulator extra naming the attribute keys that
 * real IT Glue's strong parameters would drop, so tests can prove a client sends none.
 */
export function ignoredHeader(keys: readonly string[]): Record<string, string> {
  return keys.length > 0 ? { 'x-emulator-ignored-attributes': [...new Set(keys)].join(',') } : {};
}

/**
 * `x-emulator-ignored-filters: updated_at`: an emulator extra naming the `filter[...]` keys this
 * route ignored, as real IT Glue ignores them without a word (the full list comes back). A client
 * that relies on a filter IT Glue does not have can be caught in a test.
 */
export function ignoredFiltersHeader(keys: readonly string[]): Record<string, string> {
  return keys.length > 0 ? { 'x-emulator-ignored-filters': [...new Set(keys)].join(',') } : {};
}
