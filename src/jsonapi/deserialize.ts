/**
 * JSON:API document → flat camelCase records.
 *
 * `{type, id, attributes: {"organization-id": 2}, relationships: {...}}` becomes
 * `{id: "…", type, organizationId: "2", ..., relationships?: {...}}`. Ids, including every `*-id`
 * attribute, come out as strings. Relationship linkage is resolved against `included` one level
 * deep when the related resource is there, and left as `{type, id}` otherwise. Inputs are never
 * mutated.
 */
import { camelKey, deepKeys } from './case.js';
import { convertResource } from './shape.js';
import type {
  JsonApiDocument,
  ListLinks,
  ListMeta,
  Relationship,
  ResourceIdentifier,
  ResourceObject,
} from './types.js';

export interface FlatResource {
  id: string;
  type: string;
  relationships?: Record<string, FlatRelationship>;
  [attribute: string]: unknown;
}

export type FlatRelationship =
  | ResourceIdentifier
  | FlatResource
  | Array<ResourceIdentifier | FlatResource>
  | null;

export interface DeserializedDocument<T> {
  data: T;
  meta: Record<string, unknown>;
  links: Record<string, unknown>;
}

export class JsonApiFormatError extends Error {
  override name = 'JsonApiFormatError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idString(value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
}

function resourceKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

function checkResource(value: unknown, where: string): ResourceObject {
  if (!isObject(value) || typeof value.type !== 'string') {
    throw new JsonApiFormatError(`${where} is not a JSON:API resource object (it needs a string "type")`);
  }
  if (value.id !== undefined && typeof value.id !== 'string' && typeof value.id !== 'number') {
    throw new JsonApiFormatError(`${where}.id must be a string`);
  }
  if (value.attributes !== undefined && !isObject(value.attributes)) {
    throw new JsonApiFormatError(`${where}.attributes must be an object`);
  }
  return value as unknown as ResourceObject;
}

/** Flattens one resource object. `included` resolves relationship linkage one level deep. */
export function flattenResource(
  resource: ResourceObject,
  included?: ReadonlyMap<string, ResourceObject>,
): FlatResource {
  const flat = convertResource(
    String(idString(resource.id) ?? ''),
    resource.type,
    resource.attributes ?? {},
  ) as FlatResource;
  if (resource.relationships && isObject(resource.relationships)) {
    const relationships: Record<string, FlatRelationship> = {};
    for (const [name, relationship] of Object.entries(resource.relationships)) {
      relationships[camelKey(name)] = flattenLinkage(relationship, included);
    }
    flat.relationships = relationships;
  }
  return flat;
}

function flattenLinkage(
  relationship: Relationship,
  included?: ReadonlyMap<string, ResourceObject>,
): FlatRelationship {
  const data = isObject(relationship) ? relationship.data : undefined;
  const resolve = (ref: Record<string, unknown>): ResourceIdentifier | FlatResource => {
    const ident = { type: String(ref.type), id: String(idString(ref.id)) };
    const full = included?.get(resourceKey(ident.type, ident.id));
    // One level only: an included resource's own relationships stay as identifiers.
    return full ? flattenResource(full) : ident;
  };
  if (Array.isArray(data)) return data.filter(isObject).map(resolve);
  return isObject(data) ? resolve(data) : null;
}

function camelObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? (deepKeys(value, camelKey) as Record<string, unknown>) : {};
}

/** Deserializes a document whose `data` is one resource or a list. */
export function deserialize<T = FlatResource | FlatResource[] | null>(
  body: unknown,
): DeserializedDocument<T> {
  if (!isObject(body))
    throw new JsonApiFormatError('The response is not a JSON:API document (expected an object)');
  const doc = body as JsonApiDocument;
  if (!('data' in doc))
    throw new JsonApiFormatError('The response is not a JSON:API document (no "data" member)');
  let included: Map<string, ResourceObject> | undefined;
  if (Array.isArray(doc.included) && doc.included.length > 0) {
    included = new Map();
    doc.included.forEach((item, i) => {
      const resource = checkResource(item, `included[${i}]`);
      if (resource.id !== undefined) included?.set(resourceKey(resource.type, String(resource.id)), resource);
    });
  }
  let data: unknown;
  if (doc.data === null) data = null;
  else if (Array.isArray(doc.data))
    data = doc.data.map((item, i) => flattenResource(checkResource(item, `data[${i}]`), included));
  else data = flattenResource(checkResource(doc.data, 'data'), included);
  return { data: data as T, meta: camelObject(doc.meta), links: isObject(doc.links) ? { ...doc.links } : {} };
}

function pageNumberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

/** Reads list `meta` defensively: IT Glue always sends it, other servers may not. */
export function readListMeta(meta: Record<string, unknown>, itemCount: number): ListMeta {
  const totalCount = pageNumberOrNull(meta.totalCount) ?? itemCount;
  return {
    currentPage: pageNumberOrNull(meta.currentPage) ?? 1,
    nextPage: pageNumberOrNull(meta.nextPage),
    prevPage: pageNumberOrNull(meta.prevPage),
    totalPages: pageNumberOrNull(meta.totalPages) ?? (totalCount > 0 ? 1 : 0),
    totalCount,
    ...(isObject(meta.filters) ? { filters: meta.filters } : {}),
  };
}

export function readListLinks(links: Record<string, unknown>): ListLinks {
  const out: ListLinks = {};
  for (const key of ['self', 'first', 'prev', 'next', 'last'] as const) {
    const value = links[key];
    if (typeof value === 'string' && value.length > 0) out[key] = value;
  }
  return out;
}
