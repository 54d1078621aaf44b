/**
 * Checks every writable resource shares: the organization a record belongs to, and the lookups
 * its `*-id` attributes point at.
 */

import type { BaseRecord } from '../store/records.js';
import type { LookupList } from '../store/tenant.js';
import type { ApiError } from '../support/api-errors.js';
import type { RecordDraft, WritableModel, WriteContext, WriteInput } from './model.js';
import { has, type PermitSpec, permit } from './permit.js';
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

/** A record that belongs to an organization: contacts, configurations, passwords, documents. */
export interface OwnedRecord extends BaseRecord {
  organizationId: string;
}

/** What one writable resource decides; `ownedWriter` does the rest the same way for each. */
export interface OwnedWriteRules<R extends OwnedRecord> {
  /** The attributes this profile permits (strong parameters); the others are dropped. */
  permitted(context: WriteContext, isCreate: boolean): PermitSpec;
  /** A new record's values before the sent ones are applied. */
  defaults(): Omit<RecordDraft<R>, 'organizationId'>;
  /** An error that refuses the whole update before anything is applied (PSA-synced records). */
  refuseUpdate?(
    context: WriteContext,
    current: R,
    input: WriteInput,
    values: Record<string, unknown>,
  ): ApiError | undefined;
  /** Applies the permitted values to the draft (new, or a copy of the stored record), collecting errors. */
  apply(
    context: WriteContext,
    draft: RecordDraft<R>,
    values: Record<string, unknown>,
    errors: ApiError[],
    isCreate: boolean,
  ): void;
}

/**
 * Create and update of a record owned by an organization: permit, place the record in its
 * organization (the route's, or `organization-id`), apply the resource's rules, and answer every
 * error found rather than the first.
 */
export function ownedWriter<R extends OwnedRecord>(
  rules: OwnedWriteRules<R>,
): Pick<WritableModel<R>, 'create' | 'update'> {
  return {
    create(context, input) {
      const { values, ignored, errors } = permit(
        input.attributes,
        rules.permitted(context, true),
        context.pointerBase,
      );
      const organizationId = organizationForCreate(context, values, errors);
      const draft = { organizationId, ...rules.defaults() } as RecordDraft<R>;
      rules.apply(context, draft, values, errors, true);
      return outcome(draft, errors, ignored);
    },
    update(context, current, input) {
      const { values, ignored, errors } = permit(
        input.attributes,
        rules.permitted(context, false),
        context.pointerBase,
      );
      const refusal = rules.refuseUpdate?.(context, current, input, values);
      if (refusal) return { ok: false, errors: [refusal], ignored };
      const organizationId = organizationForUpdate(context, current.organizationId, values, errors);
      const draft: R = { ...current, organizationId };
      rules.apply(context, draft, values, errors, false);
      return outcome(draft, errors, ignored);
    },
  };
}
