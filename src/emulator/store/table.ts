/**
 * One table of records: by id, in id order, and optionally grouped (by organization, or by
 * document for sections) so that nested routes and `filter[organization_id]` never scan the whole
 * table. Every list keeps id order, which is the default order of every IT Glue list.
 */
import { compareIds } from '../support/ids.js';

/** Index of the first element whose id is greater than or equal to `id`. */
function lowerBound<R extends { id: string }>(records: readonly R[], id: string): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const probe = records[mid] as R;
    if (compareIds(probe.id, id) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insertOrdered<R extends { id: string }>(records: R[], record: R): void {
  const last = records[records.length - 1];
  // Seeds and new records mostly arrive in increasing id order: append without a search.
  if (!last || compareIds(last.id, record.id) < 0) {
    records.push(record);
    return;
  }
  records.splice(lowerBound(records, record.id), 0, record);
}

function removeOrdered<R extends { id: string }>(records: R[], id: string): void {
  const at = lowerBound(records, id);
  if (records[at]?.id === id) records.splice(at, 1);
}

function replaceOrdered<R extends { id: string }>(records: R[], record: R): void {
  const at = lowerBound(records, record.id);
  if (records[at]?.id === record.id) records[at] = record;
}

/** The table's operations on their own: method signatures let code handle tables of any record type. */
export interface RecordTable<R extends { id: string }> {
  readonly size: number;
  get(id: string): R | undefined;
  all(): readonly R[];
  inGroup(key: string): readonly R[];
  insert(record: R): void;
  replace(record: R): void;
  remove(id: string): R | undefined;
}

export class Table<R extends { id: string }> implements RecordTable<R> {
  readonly #byId = new Map<string, R>();
  readonly #ordered: R[] = [];
  readonly #groups = new Map<string, R[]>();
  readonly #groupOf: ((record: R) => string | null | undefined) | undefined;

  constructor(groupOf?: (record: R) => string | null | undefined) {
    this.#groupOf = groupOf;
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): R | undefined {
    return this.#byId.get(id);
  }

  /** Every record in id order. Callers must not modify the array. */
  all(): readonly R[] {
    return this.#ordered;
  }

  /** The records of one group (an organization's contacts, a document's sections), in id order. */
  inGroup(key: string): readonly R[] {
    return this.#groups.get(key) ?? [];
  }

  insert(record: R): void {
    if (this.#byId.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.#byId.set(record.id, record);
    insertOrdered(this.#ordered, record);
    const key = this.#groupOf?.(record);
    if (key) {
      let group = this.#groups.get(key);
      if (!group) {
        group = [];
        this.#groups.set(key, group);
      }
      insertOrdered(group, record);
    }
  }

  /** Swaps in a new version of a stored record (same id), moving it if its group changed. */
  replace(record: R): void {
    const previous = this.#byId.get(record.id);
    if (!previous) throw new Error(`no record ${record.id} to replace`);
    const oldKey = this.#groupOf?.(previous);
    const newKey = this.#groupOf?.(record);
    if (oldKey === newKey) {
      this.#byId.set(record.id, record);
      replaceOrdered(this.#ordered, record);
      if (newKey) replaceOrdered(this.#groups.get(newKey) ?? [], record);
      return;
    }
    this.remove(record.id);
    this.insert(record);
  }

  remove(id: string): R | undefined {
    const record = this.#byId.get(id);
    if (!record) return undefined;
    this.#byId.delete(id);
    removeOrdered(this.#ordered, id);
    const key = this.#groupOf?.(record);
    if (key) {
      const group = this.#groups.get(key);
      if (group) {
        removeOrdered(group, id);
        if (group.length === 0) this.#groups.delete(key);
      }
    }
    return record;
  }
}
