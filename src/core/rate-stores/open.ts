/**
 * Stores by name: `memory`, `file:PATH` (or `file`, where the caller has a default path) and
 * `redis://host:port/db` (or `rediss://`). One store per name per process, shared by every
 * client that names it. The file and Redis stores load their drivers on first use, so naming
 * one costs nothing until a request is sent.
 */
import { resolve } from 'node:path';
import { ConfigurationError, RateStoreError } from '../errors.js';
import type { Admission, RateStore, RateStoreKind, RateUsage, RateWindow } from '../rate-store.js';
import { MemoryRateStore } from './memory.js';

export const RATE_STORE_FORMS = 'memory, file, file:PATH or redis://host:port/db';

const stores = new Map<string, RateStore>();
const memory = new MemoryRateStore();

/**
 * The store a name means. `defaultFile` is where `file` alone points (the CLI's data directory);
 * without one, `file` needs a path.
 */
export function rateStoreFor(spec: string, defaultFile?: string): RateStore {
  const name = spec.trim();
  if (name === 'memory') return memory;
  if (name === 'file' || name.startsWith('file:')) {
    const path = name === 'file' ? defaultFile : name.slice('file:'.length);
    if (!path) {
      throw new ConfigurationError(
        'The file rate store needs a path here: file:/path/to/rate-budget.sqlite (`gluekit doctor` shows the one the CLI uses)',
      );
    }
    return cached(`file:${resolve(path)}`, (key) =>
      deferred('file', key.slice('file:'.length), async () => {
        const { FileRateStore } = await import('./file.js');
        return new FileRateStore(key.slice('file:'.length));
      }),
    );
  }
  if (/^rediss?:\/\//i.test(name)) {
    let description: string;
    try {
      const url = new URL(name);
      url.username = '';
      url.password = '';
      description = url.toString();
    } catch {
      throw new ConfigurationError(`The Redis rate store URL is not a valid URL; use ${RATE_STORE_FORMS}`);
    }
    return cached(name, (key) =>
      deferred('redis', description, async () => {
        const { RedisRateStore } = await import('./redis.js');
        return new RedisRateStore(key);
      }),
    );
  }
  // Only the scheme is repeated: the text may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(name)?.[0] ?? JSON.stringify(name.slice(0, 12));
  throw new ConfigurationError(`Unknown rate store ${scheme}: use ${RATE_STORE_FORMS}`);
}

/** Closes every store this process opened (the CLI calls it before exiting). */
export async function closeRateStores(): Promise<void> {
  await Promise.all([...stores.values()].map((store) => store.close()));
}

function cached(key: string, make: (key: string) => RateStore): RateStore {
  let store = stores.get(key);
  if (!store) {
    store = make(key);
    stores.set(key, store);
  }
  return store;
}

/** A store whose driver is loaded when it is first used. */
function deferred(kind: RateStoreKind, description: string, load: () => Promise<RateStore>): RateStore {
  let loaded: Promise<RateStore> | undefined;
  const store = (): Promise<RateStore> => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw new RateStoreError(`The ${kind} rate store could not be loaded (${(error as Error).message})`, {
        cause: error,
      });
    });
    return loaded;
  };
  return {
    kind,
    description,
    tryAcquire: async (bucket: string, window: RateWindow): Promise<Admission> =>
      (await store()).tryAcquire(bucket, window),
    settle: async (bucket: string, slot: string, window: RateWindow) =>
      (await store()).settle(bucket, slot, window),
    pause: async (bucket: string, ms: number) => (await store()).pause(bucket, ms),
    usage: async (bucket: string, window: RateWindow): Promise<RateUsage> =>
      (await store()).usage(bucket, window),
    close: async () => {
      if (loaded) await (await loaded).close();
    },
  };
}
