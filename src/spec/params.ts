/**
 * Building blocks for operation descriptors: path parameters and the shared query parameters of
 * the seed document (filter[id], filter[name], filter[organization_id], page[number],
 * page[size], sort). Plain data, no zod: each parameter's schema is derived from its descriptor
 * in schemas/params.ts (`querySchemaOf`), when something first needs to validate one.
 */

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
  /** A filter that takes several values (sent comma-separated, which IT Glue reads as OR). */
  readonly anyOf?: true;
  /** A filter that takes a `{ from, to }` range of RFC 3339 times (real IT Glue's `updated_at`). */
  readonly format?: 'date-time-range';
}

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
  anyOf: true,
};

export const filterName: QueryParamSpec = {
  wire: 'filter[name]',
  key: 'name',
  kind: 'filter',
  type: 'string',
  anyOf: true,
};

export const filterOrganizationId: QueryParamSpec = {
  wire: 'filter[organization_id]',
  key: 'organizationId',
  kind: 'filter',
  type: 'integer',
  anyOf: true,
};

/** A string filter the document declares inline on one operation, e.g. `filter[serial_number]`. */
export function stringFilter(field: string, key: string): QueryParamSpec {
  return { wire: `filter[${field}]`, key, kind: 'filter', type: 'string', anyOf: true };
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
  format: 'date-time-range',
};

export const pageNumber: QueryParamSpec = {
  wire: 'page[number]',
  key: 'pageNumber',
  kind: 'page',
  type: 'integer',
  minimum: 1,
};

export const pageSize: QueryParamSpec = {
  wire: 'page[size]',
  key: 'pageSize',
  kind: 'page',
  type: 'integer',
  minimum: 1,
  maximum: MAX_PAGE_SIZE,
};

/** `sort`: comma-separated fields, `-` for descending. Field names are checked per resource elsewhere. */
export const sort: QueryParamSpec = { wire: 'sort', key: 'sort', kind: 'sort', type: 'string' };

/** A top-level list's query, in the document's order: its filters, then paging, then `sort`. */
export function indexQuery(...filters: QueryParamSpec[]): QueryParamSpec[] {
  return [...filters, pageNumber, pageSize, sort];
}

/** A nested organization route's list query: its filters, then paging (the document gives it no sort). */
export function nestedIndexQuery(...filters: QueryParamSpec[]): QueryParamSpec[] {
  return [...filters, pageNumber, pageSize];
}

/** The index of a record an organization owns: `id`, `name` and `organization_id`, then its own filters. */
export function ownedIndexQuery(...filters: QueryParamSpec[]): QueryParamSpec[] {
  return indexQuery(filterId, filterName, filterOrganizationId, ...filters);
}
