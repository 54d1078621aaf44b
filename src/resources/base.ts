/**
 * What every resource shares: validation against the operation table, and turning a compat
 * list plan into a `PagePromise`. Ids are checked without zod; anything else loads the schemas
 * (`loadSchemas`) the first time it has something to check, so a call with nothing to validate
 * never pays for them.
 */

import type { z } from 'zod';
import type { Dialect } from '../compat/dialect.js';
import { type ListInput, type ListPlan, type RecordPredicate, sortRecords } from '../compat/list-plan.js';
import { type RequestInfo, ValidationError } from '../core/errors.js';
import { Page, PagePromise, singlePage } from '../core/pagination.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import { snakeKey } from '../jsonapi/case.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import { readId } from '../spec/ids.js';
import { getOperation, loadSchemas, type OperationId, resources } from '../spec/index.js';
import type { QueryParamSpec } from '../spec/params.js';
import type { OperationSpec } from '../spec/types.js';

export interface ClientContext {
  requester: Requester;
  /** Page size for lists when the caller gives none: IT Glue's maximum, 1000. */
  pageSize: number;
  /** Real IT Glue (`itglue`, the default) or a server that implements the document literally. */
  dialect?: Dialect | undefined;
}

export type IdInput = string | number;
export type OneOrMany<T> = T | readonly T[];
export type SortSpec<Field extends string> = Field | `-${Field}`;

export interface ListParamsBase<Sort extends string> {
  sort?: OneOrMany<SortSpec<Sort>> | undefined;
  pageNumber?: number | undefined;
  /** 1..1000; default 1000. */
  pageSize?: number | undefined;
}

export abstract class APIResource {
  constructor(protected readonly ctx: ClientContext) {}

  protected get requester(): Requester {
    return this.ctx.requester;
  }
}

export function requestInfo(operationId: OperationId): RequestInfo {
  const op = getOperation(operationId);
  return { method: op.method, path: op.path, operationId };
}

function fieldOf(path: ReadonlyArray<PropertyKey>): string | undefined {
  return path.length > 0 ? path.map(String).join('.') : undefined;
}

/** Throws a ValidationError naming every offending field, before anything is sent. */
export function check<T>(schema: z.ZodType<T>, input: unknown, request: RequestInfo, prefix?: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const field = [prefix, fieldOf(issue.path)].filter(Boolean).join('.') || undefined;
    return field === undefined ? { title: issue.message } : { title: issue.message, field };
  });
  const summary = errors
    .map((error) => (error.field ? `${error.field}: ${error.title}` : error.title))
    .join('; ');
  throw new ValidationError(0, request, errors, `Invalid ${request.method} ${request.path}: ${summary}`);
}

export function parseId(value: unknown, name: string, request: RequestInfo): string {
  const id = readId(value);
  if ('problem' in id) throw ValidationError.local(request, name, id.problem);
  return id.id;
}

/** Validates write attributes against the document's schema plus real IT Glue's extensions. */
export async function parseAttributes(op: OperationSpec, input: unknown): Promise<Record<string, unknown>> {
  const request = { method: op.method, path: op.path, operationId: op.operationId };
  const schema = (await loadSchemas()).bodySchemaOf(op.operationId);
  if (!schema) throw new Error(`${op.operationId} takes no body`);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw ValidationError.local(request, undefined, 'attributes must be an object');
  }
  return check(schema, input, request) as Record<string, unknown>;
}

interface RawListParams {
  organizationId?: unknown;
  filter?: Record<string, unknown> | undefined;
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

export { Page, PagePromise };
