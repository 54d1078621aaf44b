/**
 * What every resource module provides: fields for filters and sorts, a view (record → JSON:API
 * attributes, per profile) and, for writable resources, create and update rules.
 */

import { camelKey } from '../../jsonapi/case.js';
import type { BaseRecord } from '../store/records.js';
import type { Tenant } from '../store/tenant.js';
import type { ApiError } from '../support/api-errors.js';
import type { SentAttribute } from './permit.js';

/** `real` behaves like IT Glue; `seed` takes the seed document literally. */
export type Profile = 'real' | 'seed';

/**
 * How a field compares in filters and sorts. `text` is exact and case-sensitive; `email` is
 * compared case-insensitively (emulator choice: IT Glue's case rules are not documented, and
 * addresses are case-insensitive in practice).
 */
export type FieldKind = 'id' | 'text' | 'email' | 'boolean' | 'timestamp' | 'number';

export interface Field<R> {
  readonly kind: FieldKind;
  read(record: R, tenant: Tenant): unknown;
}

/** snake_case field name → field. */
export type FieldMap<R> = Readonly<Record<string, Field<R>>>;

export function field<R>(kind: FieldKind, read: (record: R, tenant: Tenant) => unknown): Field<R> {
  return { kind, read };
}

/** `organizationTypeId` → `organization_type_id`, at the type level. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** The fields stored on the record under their own name (`first_name` reads `firstName`), by kind. */
export type StoredFields<R> = { readonly [K in keyof R & string as SnakeCase<K>]?: FieldKind };

/**
 * A resource's filter and sort fields. Most read the record's property of the same name, so they
 * are declared by kind only; `derived` holds those with a reader of their own (a companion name,
 * a value computed from several properties, a field named apart from its property). Every record
 * has `id`, `created_at` and `updated_at`.
 */
export function recordFields<R extends BaseRecord>(
  stored: StoredFields<R>,
  derived: FieldMap<R> = {},
): FieldMap<R> {
  const fields: Record<string, Field<R>> = {
    id: field('id', (record) => record.id),
    created_at: field('timestamp', (record) => record.createdAt),
    updated_at: field('timestamp', (record) => record.updatedAt),
  };
  for (const [name, kind] of Object.entries(stored) as [string, FieldKind][]) {
    const property = camelKey(name) as keyof R;
    fields[name] = field(kind, (record) => record[property]);
  }
  return { ...fields, ...derived };
}

export interface ViewContext {
  readonly profile: Profile;
  readonly tenant: Tenant;
  /** List items can differ from a single record (passwords, organization quick notes). */
  readonly mode: 'list' | 'show' | 'write';
  /** `show_password` as sent (`true|1`, `false|0`), undefined when absent. */
  readonly showPassword: boolean | undefined;
}

export interface ResourceObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
}

export interface WriteContext {
  readonly profile: Profile;
  readonly tenant: Tenant;
  /** The organization of a nested `/organizations/{organization_id}/relationships/...` route. */
  readonly routeOrganizationId: string | undefined;
  /** Where error pointers start: `/data`, or `/data/2` inside a bulk create. */
  readonly pointerBase: string;
}

export interface WriteInput {
  readonly attributes: readonly SentAttribute[];
  /** Whether the body had a `relationships` member (real IT Glue refuses it on configuration PATCH). */
  readonly hasRelationships: boolean;
}

export type WriteOutcome<R> =
  | { ok: true; record: R; ignored: readonly string[] }
  | { ok: false; errors: ApiError[]; ignored: readonly string[] };

export interface ResourceModel<R extends { id: string }> {
  /** The JSON:API type. */
  readonly type: string;
  readonly fields: FieldMap<R>;
  attributes(record: R, view: ViewContext): Record<string, unknown>;
}

/** A record before commit gives it an id and timestamps. */
export type RecordDraft<R> = Omit<R, 'id' | 'createdAt' | 'updatedAt'>;

export interface WritableModel<R extends { id: string }> extends ResourceModel<R> {
  /** Builds (does not store) a new record; the caller assigns id and timestamps on commit. */
  create(context: WriteContext, input: WriteInput): WriteOutcome<RecordDraft<R>>;
  /** Returns the updated copy (the stored record is untouched until commit). */
  update(context: WriteContext, current: R, input: WriteInput): WriteOutcome<R>;
  /** Runs after commit gave the record its timestamps, for values derived from them. */
  stamp?(record: R, previous: R | undefined): void;
}

/** Fewer digits than this always fit a double exactly (2^53 has 16). */
const EXACT_AS_NUMBER_DIGITS = 16;

/**
 * IT Glue writes `*-id` attributes as JSON numbers. Those that fit a double become numbers here,
 * so serializing needs no text rewrite; larger ones stay digit strings for `stringifyJsonApi`.
 */
function numericIds(attributes: Record<string, unknown>): Record<string, unknown> {
  for (const key in attributes) {
    const value = attributes[key];
    if (typeof value === 'string' && key.endsWith('-id') && value.length < EXACT_AS_NUMBER_DIGITS) {
      attributes[key] = Number(value);
    }
  }
  return attributes;
}

export function toResourceObject<R extends { id: string }>(
  model: ResourceModel<R>,
  record: R,
  view: ViewContext,
): ResourceObject {
  return { id: record.id, type: model.type, attributes: numericIds(model.attributes(record, view)) };
}

/** `https://…/<organization>/<type>/<id>`, the shape of IT Glue's `resource-url` (host is not real). */
export function resourceUrl(organizationId: string, type: string, id: string): string {
  return `https://northwind.itglue.invalid/${organizationId}/${type}/${id}`;
}
