/** One record of the mirror by type and id, for naming and linking what a plan or a hit refers to. */
import type { MirrorStore } from '../mirror/index.js';

export type StoredRecord = Record<string, unknown>;

export type RecordLookup = (type: string, id: string) => StoredRecord | undefined;

/** A lookup over the mirror (live and deleted records), or one that knows nothing without a mirror. */
export function recordLookup(store: MirrorStore | null): RecordLookup {
  if (!store) return () => undefined;
  const statement = store.db.prepare<[string, string], { data: string }>(
    'SELECT data FROM records WHERE type = ? AND id = ?',
  );
  const cache = new Map<string, StoredRecord | undefined>();
  return (type, id) => {
    const key = `${type}\u0000${id}`;
    if (!cache.has(key)) {
      const row = statement.get(type, id);
      cache.set(key, row ? (JSON.parse(row.data) as StoredRecord) : undefined);
    }
    return cache.get(key);
  };
}
