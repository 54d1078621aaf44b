/**
 * One sync at a time per mirror: two would each reconcile against a half-seen pass. The lock is a
 * row naming the process (a lock left by a process that is gone is taken over), plus a set for
 * syncs within this process, which the row cannot tell apart.
 */
import { MirrorBusyError } from './errors.js';
import type { MirrorStore } from './store.js';

const syncingHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the mirror's sync lock; returns the function that releases it. */
export function lockForSync(store: MirrorStore): () => void {
  if (syncingHere.has(store.path)) {
    throw new MirrorBusyError(
      `A sync of ${store.path} is already running in this process; wait for it to finish.`,
    );
  }
  const owner = String(process.pid);
  store.db
    .transaction(() => {
      const held = store.meta('sync_owner');
      if (held !== undefined && held !== owner && isAlive(Number(held))) {
        throw new MirrorBusyError(
          `Another gluekit (process ${held}) is syncing ${store.path}; wait for it to finish, or stop it first.`,
        );
      }
      store.setMeta('sync_owner', owner);
    })
    .immediate();
  syncingHere.add(store.path);
  return () => {
    syncingHere.delete(store.path);
    if (store.db.open && store.meta('sync_owner') === owner) store.deleteMeta('sync_owner');
  };
}
