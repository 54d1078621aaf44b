/**
 * What every resource shares: validation against the operation table, and turning a compat
 * list plan into a `PagePromise`.
 */

import type { z } from 'zod';
import { type ListInput, type ListPlan, type RecordPredicate, sortRecords } from '../compat/list-plan.js';
import { type RequestInfo, ValidationError } from '../core/errors.js';
import { Page, PagePromise, singlePage } from '../core/pagination.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import { snakeKey } from '../jsonapi/case.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import { getOperation, type OperationId, resources } from '../spec/index.js';
import { idSchema } from '../spec/params.js';
import type { OperationSpec } from '../spec/types.js';

export interface ClientContext {
  requester: Requester;
  /** Page size for lists when the caller gives none: IT Glue's maximum, 1000. */
  pageSize: number;
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
  return check(idSchema, value, request, name);
}

/** Validates write attributes against the document's schema plus real IT Glue's extensions. */
export function parseAttributes(op: OperationSpec, input: unknown): Record<string, unknown> {
  const request = { method: op.method, path: op.path, operationId: op.operationId };
  if (!op.attributes) throw new Error(`${op.operationId} takes no body`);
  const schema = op.extensions ? op.attributes.extend(op.extensions.shape) : op.attributes;
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
export function parseListParams(
  op: OperationSpec,
  params: RawListParams,
  defaultPageSize: number,
): ListInput {
  const request = { method: op.method, path: op.path, operationId: op.operationId };
  const filter: Record<string, string[]> = {};
  const filterSpecs = [...op.query, ...(op.queryExtensions ?? [])].filter((spec) => spec.kind === 'filter');
  for (const [key, value] of Object.entries(params.filter ?? {})) {
    if (value === undefined) continue;
    const spec = filterSpecs.find((candidate) => candidate.key === key);
    if (!spec) {
      const allowed = filterSpecs.map((candidate) => candidate.key).join(', ') || 'none';
      throw ValidationError.local(
        request,
        `filter.${key}`,
        `is not a filter of ${op.operationId} (filters: ${allowed})`,
      );
    }
    const parsed = check(spec.schema, value, request, `filter.${key}`) as string | string[];
    filter[key] = Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  }
  const input: ListInput = { filter, sort: parseSort(op, params.sort, request), pageSize: defaultPageSize };
  if (params.pageSize !== undefined) {
    input.pageSize = check(
      op.query.find((spec) => spec.key === 'pageSize')?.schema ?? idSchema,
      params.pageSize,
      request,
      'pageSize',
    ) as number;
  }
  if (params.pageNumber !== undefined) {
    input.pageNumber = check(
      op.query.find((spec) => spec.key === 'pageNumber')?.schema ?? idSchema,
      params.pageNumber,
      request,
      'pageNumber',
    ) as number;
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
 * (like every other SDK error) instead of throwing where `list()` is called.
 */
export function lazyList<T>(build: () => PagePromise<T>): PagePromise<T> {
  return new PagePromise(async () => build());
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
