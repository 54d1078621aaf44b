/** Field-level differences between two stored copies of a record, for the mirror's history. */

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Fields that change with every edit and say nothing about what changed. */
const IGNORED_FIELDS = new Set(['updatedAt']);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Every top-level field whose value differs (arrays and objects compare as a whole). */
export function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (IGNORED_FIELDS.has(field)) continue;
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (!same(from, to)) changes.push({ field, from, to });
  }
  return changes;
}

/**
 * Several consecutive differences of one record as one: each field from its first old value to
 * its last new value, dropped when it ended where it started.
 */
export function mergeChanges(ordered: ReadonlyArray<readonly FieldChange[]>): FieldChange[] {
  const merged = new Map<string, FieldChange>();
  for (const changes of ordered) {
    for (const change of changes) {
      const earlier = merged.get(change.field);
      merged.set(change.field, {
        field: change.field,
        from: earlier ? earlier.from : change.from,
        to: change.to,
      });
    }
  }
  return [...merged.values()].filter((change) => !same(change.from, change.to));
}
