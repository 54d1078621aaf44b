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

/** The top-level fields of these records, in the order they first appear. */
export function fieldsOf(records: readonly unknown[]): string[] {
  const fields = new Set<string>();
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    for (const key of Object.keys(record)) if (key !== 'type' && key !== 'relationships') fields.add(key);
  }
  return [...fields];
}

/**
 * The paths that no record has (a typo like `nme`): a silent `"nme": null` in every record would
 * look like data. With no records there is nothing to check against.
 */
export function unknownPaths(records: readonly unknown[], paths: readonly string[]): string[] {
  if (records.length === 0) return [];
  const has = (record: unknown, path: string) => {
    if (readPath(record, path) !== undefined) return true;
    // `location.name` on a record whose location is null: the field exists, it is just empty.
    const head = (record as Record<string, unknown> | null)?.[path.split('.')[0] as string];
    return head === null;
  };
  return paths.filter((path) => !records.some((record) => has(record, path)));
}
