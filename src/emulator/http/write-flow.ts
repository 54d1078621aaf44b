/**
 * How every write route answers once it knows its record: the body of one resource object read,
 * the resource's rules applied, and on success the record committed, reported to the request log
 * and returned as a resource object with the ignored-attributes header.
 */
import type { Context } from 'hono';
import {
  type ResourceModel,
  toResourceObject,
  type ViewContext,
  type WriteOutcome,
} from '../resources/model.js';
import type { BaseRecord } from '../store/records.js';
import { type BodyItem, readResourceBody } from './body.js';
import type { AppEnv } from './connection.js';
import type { ApiRequest } from './gate.js';
import { parseQuery, rawQueryOf } from './query.js';
import { jsonApiResponse, recordNotFound, unprocessable } from './responses.js';
import { ignoredHeader, viewContext } from './route-support.js';

/** The view of a response: the request's profile and tenant, and `show_password` from its query. */
export function requestView(c: Context<AppEnv>, request: ApiRequest, mode: ViewContext['mode']): ViewContext {
  return viewContext(request.state.profile, request.tenant, mode, parseQuery(rawQueryOf(c.req.url)));
}

/** Records in the request log which records the write stored (the lost-response fault needs it). */
export function reportCommitted(request: ApiRequest, records: readonly BaseRecord[]): void {
  request.report.ids = records.map((record) => record.id);
  request.report.committed = true;
}

/** Answers a write that stored `record`. */
export function answerWritten<R extends BaseRecord>(
  c: Context<AppEnv>,
  request: ApiRequest,
  model: ResourceModel<R>,
  status: 200 | 201,
  record: R,
  headers: Record<string, string> = {},
): Response {
  reportCommitted(request, [record]);
  const view = requestView(c, request, 'write');
  return jsonApiResponse(status, { data: toResourceObject(model, record, view) }, headers);
}

/**
 * A write of one resource object (no bulk array): `decide` applies the resource's rules to the
 * item, `commit` stores what they accepted. A refused write answers 422 and stores nothing.
 */
export async function writeOne<R extends BaseRecord, D>(
  c: Context<AppEnv>,
  request: ApiRequest,
  model: ResourceModel<R>,
  status: 200 | 201,
  decide: (item: BodyItem) => WriteOutcome<D>,
  commit: (accepted: D) => R,
): Promise<Response> {
  const body = await readResourceBody(c.req.raw, model.type, { allowArray: false });
  if (!body.ok) return body.response;
  const [item] = body.items;
  if (!item) return recordNotFound();
  const outcome = decide(item);
  const headers = ignoredHeader(outcome.ignored);
  if (!outcome.ok) return unprocessable(outcome.errors, headers);
  return answerWritten(c, request, model, status, commit(outcome.record), headers);
}
