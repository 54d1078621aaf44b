/**
 * One rate budget per key across processes, with the real engines: the built `gluekit` binary,
 * a SQLite file in the data directory (the CLI's default store) and a real `redis-server` started
 * here on a free loopback port. The emulator enforces a small window (40 requests per 5 s), as
 * IT Glue enforces 3000 per 5 minutes, and counts every 429 it sends.
 *
 * Needs `redis-server` on the PATH (see the README's "Development"; .ci/run installs it).
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketName, DEFAULT_RATE_LIMIT } from '../../src/core/rate-budget.js';
import { FileRateStore } from '../../src/core/rate-stores/file.js';
import { RedisRateStore } from '../../src/core/rate-stores/redis.js';
import { startEmulator } from '../../src/emulator/index.js';
import { GlueKit, keyFingerprint, RequestAbortedError } from '../../src/index.js';
import { type CliResult, envelope, tempHome } from '../helpers/cli.js';
import { type Emulator, requestCounts } from '../helpers/emulator.js';
import { type RedisServer, startGluekit, startRedis, startSdkWorker, untilServed } from './support.js';

// Hang guards, not speed limits: each test runs three or more gluekit processes to the end, and
// under a load average of 15-20 on 2 cores that went past 90 s. Nothing asserts on elapsed time.
const HANG_GUARD_MS = 600_000;
const LIMIT = 25;
const WINDOW_S = 5;
/** A sync reads one list per record type and one document list per organization: 16 requests. */
const SMALL = 'scale:12';
/** 44 requests: more than the window holds. */
const LARGE = 'scale:40';

type SyncOut = { ok: boolean; requests: number; resources: Array<{ resource: string; localCount: number }> };

async function limitedEmulator(seed: string, windowSeconds = WINDOW_S): Promise<Emulator> {
  return startEmulator({ seed: seed as 'demo', rateLimit: { limit: LIMIT, windowSeconds } });
}

function cliEnvFor(emulator: Emulator, windowSeconds = WINDOW_S): Record<string, string> {
  return {
    ITGLUE_BASE_URL: emulator.url,
    ITGLUE_API_KEY: emulator.apiKey,
    GLUEKIT_RATE_LIMIT: `${LIMIT}/${windowSeconds}`,
  };
}

/** Three `gluekit sync` runs at once, each into a mirror of its own, all with one key. */
async function threeSyncs(flags: string[], env: Record<string, string>): Promise<CliResult[]> {
  const home = tempHome();
  const runs = [0, 1, 2].map((i) =>
    startGluekit([...flags, 'sync', '--json', '--db', join(home, `mirror-${i}.sqlite`)], env, home),
  );
  return Promise.all(runs.map((run) => run.result));
}

function expectCompleteSyncs(results: CliResult[], emulator: Emulator): number {
  let requests = 0;
  const organizations = emulator.control.records('organizations').length;
  for (const result of results) {
    expect(result.code, result.stderr).toBe(0);
    const out = envelope<SyncOut>(result).data;
    expect(out.ok).toBe(true);
    expect(out.resources.find((r) => r.resource === 'organizations')?.localCount).toBe(organizations);
    requests += out.requests;
  }
  return requests;
}

describe('three gluekit processes sharing one key', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it.each([
    ['the file store in the data directory (the default)', () => []],
    ['a Redis store (--rate-store redis://…)', () => ['--rate-store', redis.url]],
  ])(
    'with %s, stay within the limit together: 0 429s, and all the work done',
    async (_, flags) => {
      const emulator = await limitedEmulator(SMALL);
      try {
        const results = await threeSyncs(flags(), cliEnvFor(emulator));
        const requests = expectCompleteSyncs(results, emulator);
        const counts = await requestCounts(emulator);
        expect(counts.byStatus['429'] ?? 0).toBe(0);
        expect(counts.total).toBe(requests);
        // More than one window's worth: the processes had to share the window to get here.
        expect(counts.total).toBeGreaterThan(LIMIT);
      } finally {
        await emulator.stop();
      }
    },
    HANG_GUARD_MS,
  );

  it(
    'collect 429s when each keeps its budget in memory (what sharing prevents)',
    async () => {
      // A long window, so the three runs overlap in it however slowly the machine starts them.
      // The demo tenant: one sync fits in a process's own budget (about 20 requests of 25, the
      // documents pass included), so nothing waits on its own window; three together do not fit.
      const emulator = await limitedEmulator('demo', 600);
      try {
        const env = { ...cliEnvFor(emulator, 600), GLUEKIT_RATE_LIMIT_WAIT: '0' };
        const results = await threeSyncs(['--rate-store', 'memory'], env);
        const counts = await requestCounts(emulator);
        expect(counts.byStatus['429'] ?? 0).toBeGreaterThan(0);
        expect(results.some((result) => result.code !== 0)).toBe(true);
      } finally {
        await emulator.stop();
      }
    },
    HANG_GUARD_MS,
  );

  it(
    'two SDK clients in separate processes share one window through Redis',
    async () => {
      const emulator = await limitedEmulator(SMALL);
      try {
        const options = { store: redis.url, limit: LIMIT, windowMs: WINDOW_S * 1000, count: 20 };
        const workers = [startSdkWorker(emulator, options), startSdkWorker(emulator, options)];
        const results = await Promise.all(workers.map((worker) => worker.result));
        for (const result of results) {
          expect(result.code, result.stderr).toBe(0);
          // maxRateLimitWaitMs is 0: a single 429 would have failed a read.
          expect(JSON.parse(result.stdout)).toEqual({ done: 20 });
        }
        const counts = await requestCounts(emulator);
        expect(counts.total).toBe(40);
        expect(counts.byStatus['429'] ?? 0).toBe(0);
      } finally {
        await emulator.stop();
      }
    },
    HANG_GUARD_MS,
  );

  it('keeps the window in Redis atomically for every connection, naming the key only by its fingerprint', async () => {
    const apiKey = 'ITG.never-in-redis-0123456789';
    const bucket = bucketName(keyFingerprint(apiKey), 'https://api.itglue.com', 60_000);
    const window = { limit: 30, windowMs: 60_000 };
    // Two connections, as two hosts would have, racing for 30 slots 50 times.
    const [a, b] = [new RedisRateStore(redis.url), new RedisRateStore(redis.url)];
    try {
      const admissions = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).tryAcquire(bucket, window)),
      );
      expect(admissions.filter((admission) => admission.granted)).toHaveLength(30);
      for (const refused of admissions.filter((admission) => !admission.granted))
        expect((refused as { waitMs: number }).waitMs).toBeGreaterThan(59_000);
      expect(await b.usage(bucket, window)).toEqual({ used: 30, pausedForMs: 0 });
      // A 429 seen through one connection holds the other's bucket.
      await a.pause(`${bucket}-paused`, 30_000);
      const held = await b.tryAcquire(`${bucket}-paused`, window);
      expect(held.granted).toBe(false);
      expect((held as { waitMs: number }).waitMs).toBeGreaterThan(29_000);

      const redisClient = new Redis(redis.url);
      const keys = await redisClient.keys('*');
      const values = await Promise.all(
        keys.map((key) => (key.endsWith(':slots') ? redisClient.zrange(key, 0, -1) : redisClient.get(key))),
      );
      redisClient.disconnect();
      expect(keys.some((key) => key.includes(keyFingerprint(apiKey)))).toBe(true);
      expect(JSON.stringify([keys, values])).not.toContain(apiKey);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('pauses everyone sharing the store when IT Glue answers 429 anyway', async () => {
    const emulator = await startEmulator({
      seed: 'demo',
      rateLimit: false,
      faults: { rateLimitBurst: 1, burstRetryAfterSeconds: 60 },
    });
    const path = join(tempHome(), 'rate-budget.sqlite');
    try {
      const client = new GlueKit({
        apiKey: emulator.apiKey,
        baseUrl: emulator.url,
        rateLimit: { store: `file:${path}` },
      });
      const controller = new AbortController();
      const refused = client.organizations
        .get('1009', { signal: controller.signal })
        .catch((e: unknown) => e);
      // What another process sharing the file sees, once the 429 has been taken in.
      const other = new FileRateStore(path);
      const bucket = bucketName(client.keyFingerprint, client.baseUrl, DEFAULT_RATE_LIMIT.windowMs);
      let usage = await other.usage(bucket, DEFAULT_RATE_LIMIT);
      while (usage.pausedForMs === 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        usage = await other.usage(bucket, DEFAULT_RATE_LIMIT);
      }
      expect(usage.pausedForMs).toBeGreaterThan(30_000);
      const admission = await other.tryAcquire(bucket, DEFAULT_RATE_LIMIT);
      expect(admission.granted).toBe(false);
      expect((admission as { waitMs: number }).waitMs).toBeGreaterThan(30_000);
      await other.close();
      controller.abort();
      expect(await refused).toBeInstanceOf(RequestAbortedError);
    } finally {
      await emulator.stop();
    }
  });

  it(
    'a SIGKILLed process frees its share of the window as the window slides',
    async () => {
      const emulator = await limitedEmulator(LARGE);
      const home = tempHome();
      const env = cliEnvFor(emulator);
      try {
        // The first process fills the window, then dies mid-sync without a word to anyone.
        const first = startGluekit(['sync', '--json', '--db', join(home, 'first.sqlite')], env, home);
        await untilServed(emulator, LIMIT);
        first.child.kill('SIGKILL');
        expect((await first.result).signal).toBe('SIGKILL');
        const store = new FileRateStore(join(home, 'data', 'rate-budget.sqlite'));
        const bucket = bucketName(keyFingerprint(emulator.apiKey), emulator.url, WINDOW_S * 1000);
        const held = await store.usage(bucket, { limit: LIMIT, windowMs: WINDOW_S * 1000 });
        await store.close();
        expect(held.used).toBeGreaterThanOrEqual(LIMIT);

        // The next one waits for those slots to leave the window, then uses them: it completes,
        // and IT Glue (the emulator) never refuses a request.
        const second = startGluekit(['sync', '--json', '--db', join(home, 'second.sqlite')], env, home);
        const result = await second.result;
        const requests = expectCompleteSyncs([result], emulator);
        const counts = await requestCounts(emulator);
        expect(counts.byStatus['429'] ?? 0).toBe(0);
        expect(requests).toBeGreaterThan(LIMIT - held.used);
      } finally {
        await emulator.stop();
      }
    },
    HANG_GUARD_MS,
  );

  it(
    'stops with a clear error when Redis goes away mid-run, and sends nothing it cannot count',
    async () => {
      const own = await startRedis();
      const emulator = await limitedEmulator(LARGE);
      try {
        const run = startGluekit(
          ['--rate-store', own.url, 'sync', '--json', '--db', join(tempHome(), 'mirror.sqlite')],
          cliEnvFor(emulator),
          tempHome(),
        );
        // The window is full: the run now waits for Redis to say when a slot frees.
        await untilServed(emulator, LIMIT);
        await own.stop('SIGKILL');
        const result = await run.result;
        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain(
          `The shared rate budget at redis://127.0.0.1:${own.port}/0 cannot be reached`,
        );
        expect(result.stderr).toContain("the key's budget is not overrun");
        const counts = await requestCounts(emulator);
        expect(counts.byStatus['429'] ?? 0).toBe(0);
        expect(counts.total).toBe(LIMIT);
      } finally {
        await own.stop();
        await emulator.stop();
      }
    },
    HANG_GUARD_MS,
  );
});
