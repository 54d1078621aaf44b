/**
 * What every resource shares: the request each method sends, read from the operation table
 * (`bindOperation`: the operation's path with its ids checked and filled in, its method and
 * record type), and the list, read and write steps built on it. The checks are in
 * validation.ts, list parameters and plans in lists.ts (both re-exported here).
 */

import type { Dialect } from '../compat/dialect.js';
import type { ListInput, ListPlan } from '../compat/list-plan.js';
import type { RequestInfo } from '../core/errors.js';
import { Page, PagePromise } from '../core/pagination.js';
import { fillPath } from '../core/path.js';
import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { QueryInput } from '../jsonapi/query.js';
import { getOperation, type Operation, type OperationId } from '../spec/index.js';
import { lazyList, parseListParams, type RawListParams, runListPlan } from './lists.js';
import { parseId, requestInfo } from './validation.js';

export { lazyList, parseListParams, type RawListParams, runListPlan } from './lists.js';
export { check, parseAttributes, parseId, requestInfo } from './validation.js';

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

/** One operation of the table, bound to the ids of one call: what a resource method sends. */
export interface BoundOperation {
  readonly op: Operation;
  readonly request: RequestInfo;
  /** The operation's path template with the call's ids filled in. */
  readonly path: string;
  /** The ids by their SDK names (`id`, `organizationId`), checked and as strings. */
  readonly ids: Readonly<Record<string, string>>;
}

/**
 * Checks the ids an operation's path needs (each named by its SDK name in errors) and fills them
 * into the path the table gives, so no resource types a path by hand.
 */
export function bindOperation(
  operationId: OperationId,
  ids: Readonly<Record<string, unknown>> = {},
): BoundOperation {
  const op = getOperation(operationId);
  const request = requestInfo(operationId);
  const parsed: Record<string, string> = {};
  const wire: Record<string, string> = {};
  for (const param of op.pathParams) {
    const id = parseId(ids[param.key], param.key, request);
    parsed[param.key] = id;
    wire[param.wire] = id;
  }
  return { op, request, path: fillPath(op.path, wire, op.method), ids: parsed };
}

/** The filters every top-level list takes: records by id, by name, by organization. */
export interface RecordFilter {
  id?: OneOrMany<IdInput> | undefined;
  name?: OneOrMany<string> | undefined;
  organizationId?: OneOrMany<IdInput> | undefined;
}

/**
 * A top-level list's parameters: sort and paging, the organization whose records to list (the
 * document's nested route), and the filters (`RecordFilter` and the resource's own).
 */
export interface RecordListParams<Sort extends string, Filter extends object = object>
  extends ListParamsBase<Sort> {
  organizationId?: IdInput | undefined;
  filter?: (RecordFilter & Filter) | undefined;
}

export abstract class APIResource {
  constructor(protected readonly ctx: ClientContext) {}

  protected get requester(): Requester {
    return this.ctx.requester;
  }

  /**
   * A list operation, run when awaited or iterated: its parameters checked against the table,
   * then the compat module's plan for them (which route, which filters IT Glue really applies).
   */
  protected listRecords<T extends object>(
    operationId: OperationId,
    params: RawListParams,
    plan: (input: ListInput) => ListPlan,
    normalize: (flat: FlatResource) => T,
    options?: RequestOptions,
  ): PagePromise<T> {
    return lazyList(async () => {
      const input = await parseListParams(getOperation(operationId), params, this.ctx.pageSize);
      return runListPlan(this.requester, plan(input), input, normalize, options);
    });
  }

  /** A get operation: the record `id` names, read and normalized. */
  protected async getRecord<T>(
    operationId: OperationId,
    id: IdInput,
    normalize: (flat: FlatResource) => T,
    options: RequestOptions,
  ): Promise<T> {
    return normalize(await readRecord(this.requester, bindOperation(operationId, { id }), options));
  }
}

/** `GET` the one record a bound operation names. */
export function readRecord(
  requester: Requester,
  bound: BoundOperation,
  options: RequestOptions,
  query: QueryInput = {},
): Promise<FlatResource> {
  return requester.getOne(bound.path, query, options, bound.op.operationId);
}

/**
 * Sends a bound create (`POST`) or update (`PATCH`, of the record its `id` names) with the
 * operation's record type: the type comes from the table, never from the caller.
 */
export function writeRecord(
  requester: Requester,
  bound: BoundOperation,
  attributes: Record<string, unknown>,
  options: RequestOptions,
): Promise<FlatResource> {
  const { op, path } = bound;
  if (op.method === 'POST') {
    return requester.create(path, op.resource, attributes, options, op.operationId);
  }
  const id = bound.ids.id;
  if (id === undefined) throw new Error(`${op.operationId} names no record to update`);
  return requester.update(path, op.resource, id, attributes, options, op.operationId);
}

export { Page, PagePromise };
