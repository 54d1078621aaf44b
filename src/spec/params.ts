/**
 * Building blocks for operation descriptors: ids, the shared query parameters of the seed document
 * (filter[id], filter[name], filter[organization_id], page[number], page[size], sort) and the
 * helpers that turn the document's attribute lists into zod schemas.
 *
 * Ids are strings end to end. IT Glue ids reach 16 digits, past Number.MAX_SAFE_INTEGER, so a
 * number is accepted on input only while it is still exact.
 */
import { z } from 'zod';

/** A positive integer id, given as a string of digits or as a safe integer; always a string after parsing. */
export const idSchema = z
  .union([
    z.string().regex(/^[1-9]\d{0,19}$/, 'must be a positive integer id (digits only)'),
    z
      .number()
      .int()
      .positive()
      .refine(Number.isSafeInteger, 'is too large to be exact as a number; pass the id as a string'),
  ])
  .transform((value) => String(value));

/** The wire type the seed document gives a parameter or attribute. */
export type WireType = 'integer' | 'string' | 'boolean';

export interface PathParamSpec {
  /** The name in the document's path template, e.g. `organization_id`. */
  readonly wire: string;
  /** The SDK name, e.g. `organizationId`. */
  readonly key: string;
  readonly type: 'integer';
}

export interface QueryParamSpec {
  /** The query key as the document writes it, e.g. `filter[serial_number]`. */
  readonly wire: string;
  /** The SDK name: a camelCase filter key, or `pageNumber` / `pageSize` / `sort`. */
  readonly key: string;
  readonly kind: 'filter' | 'page' | 'sort';
  readonly type: WireType;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly schema: z.ZodType;
}

/** A filter value: one value, or several (sent comma-separated, which IT Glue reads as OR). */
const filterValue = <T extends z.ZodType>(one: T) => z.union([one, z.array(one).min(1)]);

export const MAX_PAGE_SIZE = 1000;

export const pathId: PathParamSpec = { wire: 'id', key: 'id', type: 'integer' };
export const pathOrganizationId: PathParamSpec = {
  wire: 'organization_id',
  key: 'organizationId',
  type: 'integer',
};

export const filterId: QueryParamSpec = {
  wire: 'filter[id]',
  key: 'id',
  kind: 'filter',
  type: 'integer',
  schema: filterValue(idSchema),
};

export const filterName: QueryParamSpec = {
  wire: 'filter[name]',
  key: 'name',
  kind: 'filter',
  type: 'string',
  schema: filterValue(z.string().min(1)),
};

export const filterOrganizationId: QueryParamSpec = {
  wire: 'filter[organization_id]',
  key: 'organizationId',
  kind: 'filter',
  type: 'integer',
  schema: filterValue(idSchema),
};

/** A string filter the document declares inline on one operation, e.g. `filter[serial_number]`. */
export function stringFilter(field: string, key: string): QueryParamSpec {
  return {
    wire: `filter[${field}]`,
    key,
    kind: 'filter',
    type: 'string',
    schema: filterValue(z.string().min(1)),
  };
}

/**
 * `filter[updated_at]=start,end` (RFC 3339, `*` for an open end): real IT Glue's date range on
 * organizations, which incremental reads use. The SDK takes `{ from, to }`; the two ends travel
 * as a two-value list, which the query builder joins with the bare comma the range needs.
 */
export const filterUpdatedAtRange: QueryParamSpec = {
  wire: 'filter[updated_at]',
  key: 'updatedAt',
  kind: 'filter',
  type: 'string',
  schema: z
    .strictObject({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    })
    .refine((range) => range.from !== undefined || range.to !== undefined, 'give from, to, or both')
    .transform((range) => [range.from ?? '*', range.to ?? '*']),
};

export const pageNumber: QueryParamSpec = {
  wire: 'page[number]',
  key: 'pageNumber',
  kind: 'page',
  type: 'integer',
  minimum: 1,
  schema: z.number().int().min(1),
};

export const pageSize: QueryParamSpec = {
  wire: 'page[size]',
  key: 'pageSize',
  kind: 'page',
  type: 'integer',
  minimum: 1,
  maximum: MAX_PAGE_SIZE,
  schema: z.number().int().min(1).max(MAX_PAGE_SIZE),
};

/** `sort`: comma-separated fields, `-` for descending. Field names are checked per resource elsewhere. */
export const sort: QueryParamSpec = {
  wire: 'sort',
  key: 'sort',
  kind: 'sort',
  type: 'string',
  schema: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
};

/* ---------- request attributes ---------- */

/** An email attribute (`format: email` in the document): trimmed, then checked. */
export const emailSchema = z.string().trim().pipe(z.email('must be a valid email address'));
