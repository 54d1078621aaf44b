/**
 * List calls: their parameters checked against the operation's query parameters, and a compat
 * list plan turned into a `PagePromise` that runs when it is awaited or iterated.
 */
import { type ListInput, type ListPlan, type RecordPredicate, sortRecords } from '../compat/list-plan.js';
import { type RequestInfo, ValidationError } from '../core/errors.js';
import { type Page, PagePromise, singlePage } from '../core/pagination.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import { snakeKey } from '../jsonapi/case.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import { loadSchemas, resources } from '../spec/index.js';
import type { QueryParamSpec } from '../spec/params.js';
import type { OperationSpec } from '../spec/types.js';
import { check, parseId } from './validation.js';

/** A list call's raw parameters, as a resource method receives them. */
export interface RawListParams {
  organizationId?: unknown;
  filter?: object | undefined;
  sort?: unknown;
  pageNumber?: unknown;
  pageSize?: unknown;
}

/**
 * Validates list parameters against the operation's query parameters: filter keys the document
 * declares, values as OR lists, sort fields IT Glue accepts (camelCase or snake_case), and
 * 1..1000 page sizes.
 */
export async function parseListParams(
  op: OperationSpec,
  params: RawListParams,
  defaultPageSize: number,
): Promise<ListInput> {
  const request = { method: op.method, path: op.path, operationId: op.operationId };
  const querySpecs = [...op.query, ...(op.queryExtensions ?? [])];
  const filterSpecs = querySpecs.filter((spec) => spec.kind === 'filter');
  const filters = Object.entries(params.filter ?? {}).filter(([, value]) => value !== undefined);
  for (const [key] of filters) {
    if (!filterSpecs.some((candidate) => candidate.key === key)) {
      const allowed = filterSpecs.map((candidate) => candidate.key).join(', ') || 'none';
      throw ValidationError.local(
        request,
        `filter.${key}`,
        `is not a filter of ${op.operationId} (filters: ${allowed})`,
      );
    }
  }
  const input: ListInput = {
    filter: {},
    sort: parseSort(op, params.sort, request),
    pageSize: defaultPageSize,
  };
  const pages = (['pageSize', 'pageNumber'] as const).filter((key) => params[key] !== undefined);
  if (filters.length > 0 || pages.length > 0) {
    const { querySchemaOf } = await loadSchemas();
    for (const [key, value] of filters) {
      const spec = filterSpecs.find((candidate) => candidate.key === key) as QueryParamSpec;
      const parsed = check(querySchemaOf(spec), value, request, `filter.${key}`) as string | string[];
      input.filter[key] = Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
    }
    for (const key of pages) {
      const spec = op.query.find((candidate) => candidate.key === key);
      if (!spec) throw ValidationError.local(request, key, `${op.operationId} takes no ${key}`);
      input[key] = check(querySchemaOf(spec), params[key], request, key) as number;
    }
  }
  if (params.organizationId !== undefined)
    input.organizationId = parseId(params.organizationId, 'organizationId', request);
  return input;
}

function parseSort(op: OperationSpec, sort: unknown, request: RequestInfo): string[] {
  if (sort === undefined) return [];
  if (!op.query.some((spec) => spec.kind === 'sort')) {
    throw ValidationError.local(request, 'sort', `${op.operationId} takes no sort in the document`);
  }
  const raw = typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) ? sort : [sort];
  const allowed = resources[op.resource].sortFields;
  return raw.map((entry) => {
    if (typeof entry !== 'string' || entry.trim() === '')
      throw ValidationError.local(request, 'sort', 'must be field names');
    const trimmed = entry.trim();
    const descending = trimmed.startsWith('-');
    const field = snakeKey(descending ? trimmed.slice(1) : trimmed);
    if (!allowed.includes(field)) {
      throw ValidationError.local(
        request,
        'sort',
        `IT Glue cannot sort ${op.resource} by "${field}" (it can by: ${allowed.join(', ')})`,
      );
    }
    return descending ? `-${field}` : field;
  });
}

/**
 * Defers a list call until it is awaited or iterated, so invalid parameters reject the promise
 * (like every other SDK error) instead of throwing where `list()` is called. `build` is async
 * (validation may load the schemas) and returns the plan's PagePromise, which it resolves to
 * the first page.
 */
export function lazyList<T>(build: () => Promise<Page<T>>): PagePromise<T> {
  return new PagePromise(build);
}

/**
 * Runs a compat list plan. Server plans page through IT Glue; client plans read every candidate
 * and return the matches as one page.
 */
export function runListPlan<T extends object>(
  requester: Requester,
  plan: ListPlan,
  input: ListInput,
  normalize: (flat: FlatResource) => T,
  options: RequestOptions = {},
): PagePromise<T> {
  if (plan.mode === 'server') {
    const query = plan.query;
    const keep = plan.recheck;
    const map = (flat: FlatResource) => normalize(flat);
    return requester.list(
      {
        path: plan.path,
        query,
        pageSize: input.pageSize,
        pageNumber: input.pageNumber,
        operationId: plan.operationId,
      },
      map,
      options,
      keep ? (record: T) => keep(record as Record<string, unknown>) : undefined,
    );
  }
  return new PagePromise(async () => {
    const matches: T[] = [];
    const predicate: RecordPredicate = plan.filter;
    for await (const flat of plan.read(requester, options)) {
      const record = normalize(flat);
      if (predicate(record as Record<string, unknown>)) matches.push(record);
    }
    return singlePage(sortRecords(matches as unknown as FlatResource[], plan.sort) as unknown as T[]);
  });
}
