/**
 * `sort=name,-updated_at`: fields in snake_case or kebab-case, `-` for descending, checked against
 * the resource's allow-list (an unknown field is a 400: emulator choice, IT Glue's reply is not
 * documented). Ids compare numerically without becoming numbers, text by an English collation
 * (what a database collation and `localeCompare` give), nulls first when ascending. The sort is
 * stable, so ties keep id order.
 */
import { snakeKey } from '../../jsonapi/case.js';
import type { FieldKind, FieldMap } from '../resources/model.js';
import type { Tenant } from '../store/tenant.js';
import { badRequest } from './responses.js';

interface SortKey {
  kind: FieldKind;
  read: (record: never, tenant: Tenant) => unknown;
  direction: 1 | -1;
  isId: boolean;
  /** The record's own id (not another `*_id`): tables already hold records in this order. */
  isRecordId: boolean;
}

export type SortPlan = { ok: true; keys: SortKey[] } | { ok: false; response: Response };

const collator = new Intl.Collator('en');

export function planSort<R>(
  raw: string | undefined,
  allowed: readonly string[],
  fields: FieldMap<R>,
  resourceType: string,
): SortPlan {
  if (raw === undefined || raw.trim() === '') return { ok: true, keys: [] };
  const keys: SortKey[] = [];
  for (const part of raw.split(',')) {
    const term = part.trim();
    const descending = term.startsWith('-');
    const name = snakeKey(descending ? term.slice(1) : term);
    const field = fields[name];
    if (!allowed.includes(name) || !field) {
      return {
        ok: false,
        response: badRequest(
          `"${term}" is not a sort field of ${resourceType}; use one of: ${allowed.join(', ')}`,
          { parameter: 'sort' },
        ),
      };
    }
    keys.push({
      kind: field.kind,
      read: field.read as SortKey['read'],
      direction: descending ? -1 : 1,
      isId: name === 'id' || name.endsWith('_id'),
      isRecordId: name === 'id',
    });
  }
  return { ok: true, keys };
}

type Sortable = string | number | null;

/**
 * Each record's value for one key, as something `<` orders correctly: ids padded to a fixed width
 * (numeric order without numbers), booleans and numbers as numbers, timestamps as they are (one
 * ISO format). Text is ranked: its distinct values are sorted once with the collation, and
 * records then compare by rank.
 */
function sortableValues<R>(records: readonly R[], key: SortKey, tenant: Tenant): Sortable[] {
  const values = records.map((record) => key.read(record as never, tenant));
  const present = (value: unknown) => value !== null && value !== undefined;
  if (key.isId) return values.map((value) => (present(value) ? String(value).padStart(20, '0') : null));
  if (key.kind === 'number' || key.kind === 'boolean')
    return values.map((value) => (present(value) ? Number(value) : null));
  if (key.kind === 'timestamp') return values.map((value) => (present(value) ? String(value) : null));
  const distinct = [...new Set(values.filter(present).map(String))].sort(collator.compare);
  const rankOf = new Map(distinct.map((value, index) => [value, index]));
  return values.map((value) => (present(value) ? (rankOf.get(String(value)) as number) : null));
}

function compareSortable(a: Sortable, b: Sortable): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy; ties keep the incoming (id) order. */
export function sortRecords<R>(
  records: readonly R[],
  keys: readonly SortKey[],
  tenant: Tenant,
): readonly R[] {
  if (keys.length === 0 || records.length < 2) return records;
  // `sort=id` is what clients send for stable paging; the records already come in id order.
  if (keys.length === 1 && keys[0]?.isRecordId && keys[0].direction === 1) return records;
  const columns = keys.map((key) => sortableValues(records, key, tenant));
  const order = Array.from(records.keys());
  order.sort((left, right) => {
    for (let i = 0; i < keys.length; i++) {
      const column = columns[i] as Sortable[];
      const difference = compareSortable(column[left] as Sortable, column[right] as Sortable);
      if (difference !== 0) return difference * (keys[i] as SortKey).direction;
    }
    return left - right;
  });
  return order.map((index) => records[index] as R);
}
