/**
 * camelCase attributes → a JSON:API request document with kebab-case keys. The `type` comes from
 * the operation, never from the caller. Serialize with `stringifyJsonApi` so `*-id` attributes go
 * out as exact JSON numbers.
 */
import { deepKeys, kebabKey } from './case.js';
import type { ResourceObject } from './types.js';

export interface SerializeOptions {
  id?: string;
}

/** Attribute values that are `undefined` are left out; `null` is kept (it clears a field). */
export function serializeResource(
  type: string,
  attributes: Record<string, unknown>,
  options: SerializeOptions = {},
): { data: ResourceObject } {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    wire[kebabKey(key)] = typeof value === 'object' && value !== null ? deepKeys(value, kebabKey) : value;
  }
  const data: ResourceObject =
    options.id === undefined ? { type, attributes: wire } : { type, id: options.id, attributes: wire };
  return { data };
}
