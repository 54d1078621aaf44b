/**
 * Key casing. The wire is kebab-case (`organization-type-name`), TypeScript is camelCase
 * (`organizationTypeName`). This module is the only place that converts between them.
 */

/** `organization-type-name` → `organizationTypeName`, at the type level. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S extends `${infer Head}_${infer Tail}`
    ? `${Head}${Capitalize<CamelCase<Tail>>}`
    : S;

const toCamelCache = new Map<string, string>();
const toKebabCache = new Map<string, string>();

/** `organization-id` and `organization_id` → `organizationId`. Keys with neither are returned as they are. */
export function camelKey(key: string): string {
  let camel = toCamelCache.get(key);
  if (camel === undefined) {
    camel = key.replace(/[-_]+([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    toCamelCache.set(key, camel);
  }
  return camel;
}

/** `organizationId` → `organization-id`. */
export function kebabKey(key: string): string {
  let kebab = toKebabCache.get(key);
  if (kebab === undefined) {
    kebab = key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
    toKebabCache.set(key, kebab);
  }
  return kebab;
}

/** `organizationId` or `organization-id` → `organization_id` (the form filters and sorts use). */
export function snakeKey(key: string): string {
  return kebabKey(key).replace(/-/g, '_');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts keys at every depth (contact emails and phones are arrays of objects). */
export function deepKeys(value: unknown, convert: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => deepKeys(item, convert));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[convert(key)] = deepKeys(value[key], convert);
  return out;
}
