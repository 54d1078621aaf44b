/** How old the mirror is, and the one-line warning views print when it is older than allowed. */
import type { NextStep } from '../../core/words.js';
import type { MirrorStore } from '../store.js';
import { describeAge } from '../time.js';

/** Default for views: warn when the mirror is more than a day old. */
export const DEFAULT_MAX_AGE_MS = 86_400_000;

export interface MirrorFreshness {
  /** The oldest last sync among the synced types; null before any sync. */
  syncedAt: string | null;
  ageMs: number | null;
  stale: boolean;
  /** One line for stderr, or null when the mirror is fresh enough. */
  warning: string | null;
  /** What settles the warning (a sync), as data for each surface to name; null when fresh. */
  next: NextStep | null;
}

export function mirrorFreshness(
  store: MirrorStore,
  maxAgeMs = DEFAULT_MAX_AGE_MS,
  now = new Date(),
): MirrorFreshness {
  const syncedAt = store.syncedAt();
  if (syncedAt === null) {
    return {
      syncedAt,
      ageMs: null,
      stale: true,
      warning: `the mirror at ${store.path} has never completed a sync`,
      next: { do: 'sync' },
    };
  }
  const ageMs = Math.max(0, now.getTime() - Date.parse(syncedAt));
  const stale = ageMs > maxAgeMs;
  return {
    syncedAt,
    ageMs,
    stale,
    warning: stale ? `the mirror was last synced ${describeAge(ageMs)} ago (${syncedAt})` : null,
    next: stale ? { do: 'sync' } : null,
  };
}
