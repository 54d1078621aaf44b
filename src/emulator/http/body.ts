/**
 * Request bodies as real IT Glue accepts them: `application/vnd.api+json` or `application/json`
 * (415 for anything else: emulator choice, IT Glue lists 415 without saying which types),
 * parsed losslessly so ids above 2^53 survive, `{"data": {"type", "attributes"}}` with `type`
 * optional but checked, attribute keys in kebab-case or snake_case at every depth. A nested
 * organization route also takes `data` as an array (bulk create).
 */
import { camelKey, deepKeys } from '../../jsonapi/case.js';
import { parseJson } from '../../jsonapi/json.js';
import type { WriteInput } from '../resources/model.js';
import type { SentAttribute } from '../resources/permit.js';
import { typeMismatch } from '../resources/problems.js';
import { type ApiError, badRequest, unprocessable, unsupportedMediaType } from './responses.js';

export interface BodyItem extends WriteInput {
  /** `/data`, or `/data/<i>` for an item of a bulk body. */
  readonly pointerBase: string;
}

export type BodyPlan = { ok: true; items: BodyItem[]; isArray: boolean } | { ok: false; response: Response };

const ACCEPTED_MEDIA_TYPES = new Set(['application/vnd.api+json', 'application/json']);

export function isAcceptedMediaType(contentType: string | undefined | null): boolean {
  if (!contentType) return false;
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return ACCEPTED_MEDIA_TYPES.has(base);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readAttributes(attributes: Record<string, unknown>): SentAttribute[] {
  return Object.entries(attributes).map(([key, value]) => ({
    key,
    name: camelKey(key),
    value: typeof value === 'object' && value !== null ? deepKeys(value, camelKey) : value,
  }));
}

function readItem(item: unknown, pointerBase: string, type: string, errors: ApiError[]): BodyItem | Response {
  if (!isObject(item)) return badRequest('Each resource must be an object', { pointer: pointerBase });
  if (item.type !== undefined && item.type !== type) errors.push(typeMismatch(pointerBase, type));
  const attributes = item.attributes ?? {};
  if (!isObject(attributes)) {
    return badRequest('attributes must be an object', { pointer: `${pointerBase}/attributes` });
  }
  return {
    pointerBase,
    attributes: readAttributes(attributes),
    hasRelationships: item.relationships !== undefined && item.relationships !== null,
  };
}

export async function readResourceBody(
  request: Request,
  type: string,
  options: { allowArray: boolean },
): Promise<BodyPlan> {
  const text = await request.text();
  if (text.trim() === '') {
    return {
      ok: false,
      response: badRequest('A JSON:API document with "data" is required', { pointer: '/data' }),
    };
  }
  if (!isAcceptedMediaType(request.headers.get('content-type'))) {
    return { ok: false, response: unsupportedMediaType() };
  }
  let document: unknown;
  try {
    document = parseJson(text);
  } catch {
    return { ok: false, response: badRequest('The request body is not valid JSON') };
  }
  const data = isObject(document) ? document.data : undefined;
  const isArray = Array.isArray(data) && options.allowArray;
  if (!isObject(data) && !(isArray && (data as unknown[]).length > 0)) {
    return { ok: false, response: badRequest('"data" must be a resource object', { pointer: '/data' }) };
  }
  const raw = isArray ? (data as unknown[]) : [data];
  const errors: ApiError[] = [];
  const items: BodyItem[] = [];
  for (const [index, entry] of raw.entries()) {
    const item = readItem(entry, isArray ? `/data/${index}` : '/data', type, errors);
    if (item instanceof Response) return { ok: false, response: item };
    items.push(item);
  }
  if (errors.length > 0) return { ok: false, response: unprocessable(errors) };
  return { ok: true, items, isArray };
}
