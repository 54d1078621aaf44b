/**
 * List routes: candidates from the table's indexes (the organization of a nested route, or
 * `filter[organization_id]`), then filters, sort and the page. Real IT Glue has no top-level
 * `GET /documents`: in the real profile that route is the HTML 404.
 */
import type { Context } from 'hono';
import type { OperationSpec } from '../../spec/types.js';
import { type Profile, type ResourceModel, toResourceObject } from '../resources/model.js';
import { appliedFilters, type ResourceEntry } from '../resources/registry.js';
import type { BaseRecord } from '../store/records.js';
import type { Table } from '../store/table.js';
import type { Tenant } from '../store/tenant.js';
import { compareIds } from '../support/ids.js';
import type { AppEnv } from './connection.js';
import { type Predicate, planFilters } from './filtering.js';
import type { ApiHandler, ApiRequest } from './gate.js';
import { listDocument, pageSlice, planPage } from './paging.js';
import { type ParsedQuery, parseQuery, rawQueryOf } from './query.js';
import { htmlNotFound, jsonApiResponse, recordNotFound } from './responses.js';
import { ignoredFiltersHeader, routeOrganization, viewContext } from './route-support.js';
import { planSort, type SortPlan, sortRecords } from './sorting.js';

/** The records of several organizations, in id order, each once. */
export function organizationsUnion<R extends BaseRecord>(
  table: Table<R>,
  organizationIds: readonly string[],
): readonly R[] {
  const unique = [...new Set(organizationIds)];
  if (unique.length === 1) return table.inGroup(unique[0] as string);
  return unique.flatMap((id) => table.inGroup(id)).sort((a, b) => compareIds(a.id, b.id));
}

export interface ListRequest<R> {
  readonly requestUrl: string;
  readonly query: ParsedQuery;
  readonly tenant: Tenant;
  readonly profile: Profile;
  readonly model: ResourceModel<R & BaseRecord>;
  /** Filters this route applies (snake_case); others are ignored. */
  readonly applied: ReadonlySet<string>;
  /** The sort allow-list, or null when the route ignores `sort`. */
  readonly sortFields: readonly string[] | null;
  /** Candidate records in id order, given the `filter[organization_id]` values if applied. */
  candidates(organizationIds: readonly string[] | undefined): readonly R[];
  readonly extraPredicates?: readonly Predicate<R>[];
}

export function respondWithList<R extends BaseRecord>(request: ListRequest<R>): Response {
  const { query, tenant, model } = request;
  const page = planPage(query);
  if (!page.ok) return page.response;
  const filters = planFilters(query.filters, request.applied, model.fields, tenant);
  if (!filters.ok) return filters.response;
  const sort: SortPlan =
    request.sortFields === null
      ? { ok: true, keys: [] }
      : planSort(query.params.get('sort'), request.sortFields, model.fields, model.type);
  if (!sort.ok) return sort.response;
  const predicates = [...filters.predicates, ...(request.extraPredicates ?? [])];
  let matched = request.candidates(filters.organizationIds);
  if (predicates.length > 0)
    matched = matched.filter((record) => predicates.every((predicate) => predicate(record)));
  const ordered = sortRecords(matched, sort.keys, tenant);
  const view = viewContext(request.profile, tenant, 'list', query);
  const data = pageSlice(ordered, page).map((record) => toResourceObject(model, record, view));
  return jsonApiResponse(
    200,
    listDocument(data, ordered.length, page, request.requestUrl, query),
    ignoredFiltersHeader(filters.ignored),
  );
}

/** What a route decides about its list; the URL, query, tenant and profile come from the request. */
export type RouteList<R> = Omit<ListRequest<R>, 'requestUrl' | 'query' | 'tenant' | 'profile'>;

export function respondWithRouteList<R extends BaseRecord>(
  c: Context<AppEnv>,
  { tenant, state }: ApiRequest,
  list: RouteList<R>,
): Response {
  const query = parseQuery(rawQueryOf(c.req.url));
  return respondWithList({ requestUrl: c.req.url, query, tenant, profile: state.profile, ...list });
}

export function listHandler<R extends BaseRecord>(
  entry: ResourceEntry<R>,
  operation: OperationSpec,
): ApiHandler {
  const nested = operation.scope === 'organization';
  return (c, { tenant, state, report }) => {
    if (!nested && operation.resource === 'documents' && state.profile === 'real') {
      report.unrouted = true;
      return htmlNotFound();
    }
    const organizationId = nested ? routeOrganization(c, tenant) : undefined;
    if (nested && organizationId === undefined) return recordNotFound();
    const query = parseQuery(rawQueryOf(c.req.url));
    const table = entry.table(tenant);
    const rootOnly = nested && state.profile === 'real' && !query.filters.has('document_folder_id');
    return respondWithList({
      requestUrl: c.req.url,
      query,
      tenant,
      profile: state.profile,
      model: entry.model,
      applied: appliedFilters(entry, operation, state.profile),
      sortFields: !nested || entry.nestedSort ? entry.sortFields : null,
      candidates: (organizationIds) =>
        organizationId !== undefined
          ? table.inGroup(organizationId)
          : organizationIds
            ? organizationsUnion(table, organizationIds)
            : table.all(),
      extraPredicates: rootOnly && entry.nestedDefault ? [entry.nestedDefault] : [],
    });
  };
}
