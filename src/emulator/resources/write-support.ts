/**
 * Checks every writable resource shares: the organization a record belongs to, and the lookups
 * its `*-id` attributes point at.
 */

import type { LookupList } from '../store/tenant.js';
import type { ApiError } from '../support/api-errors.js';
import type { WriteContext } from './model.js';
import { has } from './permit.js';
import { mustExist, organizationRequired } from './problems.js';

/**
 * The organization of a new record: the nested route's, or `organization-id` on a top-level
 * route, which must name an existing organization (real 422 otherwise).
 */
export function organizationForCreate(
  context: WriteContext,
  values: Record<string, unknown>,
  errors: ApiError[],
): string {
  if (context.routeOrganizationId !== undefined) return context.routeOrganizationId;
  const id = values.organizationId;
  if (typeof id !== 'string' || !context.tenant.organizations.get(id)) {
    errors.push(organizationRequired());
    return '';
  }
  return id;
}

/**
 * The organization after an update: unchanged on a nested route (the path decides), moved on a
 * top-level route when `organization-id` names another existing organization.
 */
export function organizationForUpdate(
  context: WriteContext,
  current: string,
  values: Record<string, unknown>,
  errors: ApiError[],
): string {
  if (context.routeOrganizationId !== undefined || !has(values, 'organizationId')) return current;
  const id = values.organizationId;
  if (typeof id !== 'string' || !context.tenant.organizations.get(id)) {
    errors.push(organizationRequired());
    return current;
  }
  return id;
}

/** A `*-id` pointing at a lookup list must name an existing row (`must exist` otherwise). */
export function checkLookup(
  context: WriteContext,
  list: LookupList,
  id: unknown,
  association: string,
  errors: ApiError[],
): void {
  if (typeof id === 'string' && !context.tenant.lookups[list].get(id)) {
    errors.push(mustExist(context.pointerBase, association));
  }
}

/** Copies the permitted values that were sent onto `target`, for fields stored as they come. */
export function assignSent<T extends object>(
  target: T,
  values: Record<string, unknown>,
  names: readonly (keyof T & string)[],
): void {
  for (const name of names) {
    if (has(values, name)) (target as Record<string, unknown>)[name] = values[name];
  }
}

export function outcome<R>(record: R, errors: ApiError[], ignored: readonly string[]) {
  return errors.length > 0 ? { ok: false as const, errors, ignored } : { ok: true as const, record, ignored };
}
