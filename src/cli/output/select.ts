/**
 * `--select id,name,organization.name`: dotted paths into records. A path that does not exist as
 * written is also tried as one camelCase name (`organization.name` → `organizationName`), so the
 * paths people expect from IT Glue's UI work on gluekit's flat records.
 */

function step(value: unknown, key: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value) && /^\d+$/.test(key)) return value[Number(key)];
  return typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

export function readPath(record: unknown, path: string): unknown {
  const parts = path.split('.');
  let value: unknown = record;
  for (const part of parts) value = step(value, part);
  if (value !== undefined || parts.length === 1) return value;
  const joined = parts
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
  return step(record, joined);
}

/** Keeps only the selected paths, keyed by the path as written. */
export function project(record: unknown, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) out[path] = readPath(record, path) ?? null;
  return out;
}
