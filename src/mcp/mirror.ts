/**
 * The caller's mirror: one SQLite file per base URL and key (defaultMirrorPath), so over HTTP each
 * key reads and refreshes only its own copy. Every view result says how fresh it is.
 */
import type { GlueKit } from '../client.js';
import {
  DEFAULT_MAX_AGE_MS,
  defaultMirrorPath,
  describeAge,
  MirrorMissingError,
  MirrorStore,
  mirrorFreshness,
} from '../mirror/index.js';

export interface Freshness {
  /** When the oldest of the synced types was last synced; null before the first complete sync. */
  syncedAt: string | null;
  ageSeconds: number | null;
  stale: boolean;
  note?: string;
}

export function mirrorPathOf(client: GlueKit, dataDir: string): string {
  return defaultMirrorPath(dataDir, client.baseUrl, client.keyFingerprint);
}

export function freshnessOf(store: MirrorStore, maxAgeMs = DEFAULT_MAX_AGE_MS): Freshness {
  const fresh = mirrorFreshness(store, maxAgeMs);
  const out: Freshness = {
    syncedAt: fresh.syncedAt,
    ageSeconds: fresh.ageMs === null ? null : Math.round(fresh.ageMs / 1000),
    stale: fresh.stale,
  };
  if (fresh.syncedAt === null) out.note = 'The mirror has never completed a sync: call sync_mirror.';
  else if (fresh.stale && fresh.ageMs !== null)
    out.note = `The mirror was last synced ${describeAge(fresh.ageMs)} ago: call sync_mirror to refresh it.`;
  return out;
}

/** Opens the caller's mirror read-only, runs a view, and closes it; the result carries `mirror`. */
export function withMirror<T extends object>(
  client: GlueKit,
  dataDir: string,
  view: (store: MirrorStore) => T,
): T & { mirror: Freshness } {
  let store: MirrorStore;
  try {
    store = MirrorStore.open(mirrorPathOf(client, dataDir), { readonly: true });
  } catch (error) {
    if (error instanceof MirrorMissingError) {
      throw new MirrorMissingError(
        'There is no mirror for this key yet: call the sync_mirror tool first (it copies IT Glue into a local database; it writes nothing to IT Glue).',
      );
    }
    throw error;
  }
  try {
    return { mirror: freshnessOf(store), ...view(store) };
  } finally {
    store.close();
  }
}
