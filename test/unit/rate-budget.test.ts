/**
 * The rate window: the stores (memory, and the SQLite file with a clock of the test's own)
 * against one model, the budget that queues requests in front of a store, and the in-flight limit
 * chosen from the budget. Redis runs the same rules in Lua: test/rate/redis.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateStoreError, RequestAbortedError } from '../../src/core/errors.js';
import { IN_FLIGHT_CEILING, IN_FLIGHT_FLOOR, inFlightFor } from '../../src/core/in-flight.js';
import { RateBudget } from '../../src/core/rate-budget.js';
import { type RateStore, WINDOW_MARGIN_MS } from '../../src/core/rate-store.js';
import { FileRateStore } from '../../src/core/rate-stores/file.js';
import { MemoryRateStore } from '../../src/core/rate-stores/memory.js';
import { rateStoreFor } from '../../src/core/rate-stores/open.js';
import { Semaphore } from '../../src/core/semaphore.js';

const WINDOW = { limit: 3, windowMs: 1000 };

const stores: Array<[string, (now: () => number) => RateStore]> = [
  ['memory', (now) => new MemoryRateStore(now)],
  [
    'file',
    (now) => new FileRateStore(join(mkdtempSync(join(tmpdir(), 'gluekit-rate-')), 'rate.sqlite'), now),
  ],
];

describe.each(stores)('the %s store', (_, make) => {
  it('admits `limit` requests, then names the wait until the oldest leaves the window', async () => {
    let now = 1000;
    const store = make(() => now);
    for (let i = 0; i < 3; i++) {
      expect((await store.tryAcquire('k', WINDOW)).granted).toBe(true);
      now += 100;
    }
    expect(await store.tryAcquire('k', WINDOW)).toEqual({
      granted: false,
      waitMs: 1000 + 1000 + WINDOW_MARGIN_MS - 1300,
    });
    expect(await store.usage('k', WINDOW)).toEqual({ used: 3, pausedForMs: 0 });
    // Another bucket (another key, or another base URL) has a window of its own.
    expect((await store.tryAcquire('other', WINDOW)).granted).toBe(true);
    now = 1000 + 1000 + WINDOW_MARGIN_MS;
    expect((await store.tryAcquire('k', WINDOW)).granted).toBe(true);
    await store.close();
  });

  it('counts a settled slot from when its request ended', async () => {
    let now = 0;
    const store = make(() => now);
    const first = await store.tryAcquire('k', { limit: 1, windowMs: 1000 });
    if (!first.granted) throw new Error('not granted');
    now = 400;
    await store.settle('k', first.slot, { limit: 1, windowMs: 1000 });
    now = 500;
    expect(await store.tryAcquire('k', { limit: 1, windowMs: 1000 })).toEqual({
      granted: false,
      waitMs: 400 + 1000 + WINDOW_MARGIN_MS - 500,
    });
    await store.close();
  });

  it('holds every request of the bucket while a 429 pause lasts, the longest pause winning', async () => {
    let now = 0;
    const store = make(() => now);
    await store.pause('k', 5000);
    await store.pause('k', 2000);
    expect(await store.tryAcquire('k', WINDOW)).toEqual({ granted: false, waitMs: 5000 });
    expect((await store.usage('k', WINDOW)).pausedForMs).toBe(5000);
    expect((await store.tryAcquire('other', WINDOW)).granted).toBe(true);
    now = 5000;
    expect((await store.tryAcquire('k', WINDOW)).granted).toBe(true);
    await store.close();
  });

  it('never lets more than `limit` stamps into any window, whatever the order of requests and endings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 50, max: 2000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.nat(), fc.boolean()), { maxLength: 80 }),
        async (limit, windowMs, steps) => {
          let now = 0;
          const store = make(() => now);
          const window = { limit, windowMs };
          // The model: each granted request with its latest stamp (start, then its end).
          const granted: Array<{ slot: string; stamp: number; open: boolean }> = [];
          for (const [gap, pick, settle] of steps) {
            now += gap;
            const open = granted.filter((g) => g.open);
            if (settle && open.length > 0) {
              const done = open[pick % open.length] as (typeof open)[number];
              await store.settle('k', done.slot, window);
              done.stamp = now;
              done.open = false;
              continue;
            }
            const inWindow = granted.filter((g) => g.stamp > now - windowMs - WINDOW_MARGIN_MS).length;
            const admission = await store.tryAcquire('k', window);
            expect(admission.granted).toBe(inWindow < limit);
            if (admission.granted) granted.push({ slot: admission.slot, stamp: now, open: true });
            else expect(admission.waitMs).toBeGreaterThan(0);
          }
          await store.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('rate store names', () => {
  it('gives one store per name, and refuses what it does not know without echoing a secret', () => {
    expect(rateStoreFor('memory')).toBe(rateStoreFor(' memory '));
    expect(rateStoreFor('file:/tmp/a.sqlite')).toBe(rateStoreFor('file:/tmp/../tmp/a.sqlite'));
    expect(rateStoreFor('file', '/tmp/b.sqlite').description).toBe('/tmp/b.sqlite');
    expect(rateStoreFor('redis://:hunter2@127.0.0.1:6390/2').description).toBe('redis://127.0.0.1:6390/2');
    expect(() => rateStoreFor('file')).toThrow(/needs a path here: file:\//);
    expect(() => rateStoreFor('postgres://u:hunter2@db/x')).toThrow(/Unknown rate store postgres:/);
    expect(() => rateStoreFor('postgres://u:hunter2@db/x')).not.toThrow(/hunter2/);
  });
});

describe('RateBudget', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits `limit` requests, then holds the next until the window frees', async () => {
    vi.useFakeTimers({ now: 0 });
    const budget = new RateBudget(new MemoryRateStore(), 'k', WINDOW);
    await Promise.all([budget.acquire(), budget.acquire(), budget.acquire()]);
    expect((await budget.usage()).used).toBe(3);
    let fourth = false;
    const pending = budget.acquire().then(() => {
      fourth = true;
    });
    await vi.advanceTimersByTimeAsync(1000 + WINDOW_MARGIN_MS - 1);
    expect(fourth).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(fourth).toBe(true);
  });

  it('serves waiters in the order they came', async () => {
    vi.useFakeTimers({ now: 0 });
    const budget = new RateBudget(new MemoryRateStore(), 'k', { limit: 1, windowMs: 100 });
    const order: number[] = [];
    const all = [0, 1, 2, 3].map((i) => budget.acquire().then(() => order.push(i)));
    await vi.advanceTimersByTimeAsync(4 * (100 + WINDOW_MARGIN_MS));
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('pauses everything after a 429 for the given time', async () => {
    vi.useFakeTimers({ now: 0 });
    const budget = new RateBudget(new MemoryRateStore(), 'k', { limit: 100, windowMs: 1000 });
    await budget.pause(5000);
    let started = false;
    const pending = budget.acquire().then(() => {
      started = true;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(started).toBe(true);
  });

  it('lets an aborted waiter go without taking a slot, and keeps no timer for it', async () => {
    vi.useFakeTimers({ now: 0 });
    const budget = new RateBudget(new MemoryRateStore(), 'k', { limit: 1, windowMs: 1000 });
    await budget.acquire();
    const controller = new AbortController();
    const waiting = budget.acquire(controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(RequestAbortedError);
    expect((await budget.usage()).used).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fails every waiter with the store error when the store cannot be reached, and sends nothing', async () => {
    const failing: RateStore = {
      kind: 'redis',
      description: 'redis://127.0.0.1:1/0',
      tryAcquire: () => Promise.reject(new RateStoreError('unreachable')),
      settle: async () => {},
      pause: async () => {},
      usage: () => Promise.reject(new RateStoreError('unreachable')),
      close: async () => {},
    };
    const budget = new RateBudget(failing, 'k', WINDOW);
    const results = await Promise.allSettled([budget.acquire(), budget.acquire()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(RateStoreError);
  });
});

describe('the in-flight limit chosen from the budget', () => {
  const itGlue = { limit: 3000, windowMs: 300_000 };

  it('keeps twice the budget pace in flight at the measured latency, from 8 up to 64', () => {
    expect(inFlightFor(itGlue, 150)).toBe(IN_FLIGHT_FLOOR);
    // 10 requests a second, 1.5 s each: 15 in flight keep the pace, 30 keep it twice over.
    expect(inFlightFor(itGlue, 1500)).toBe(30);
    expect(inFlightFor(itGlue, 60_000)).toBe(IN_FLIGHT_CEILING);
    // A budget scaled down tenfold in time has the same pace.
    expect(inFlightFor({ limit: 300, windowMs: 30_000 }, 1500)).toBe(30);
  });

  it('resizes the semaphore: more room lets queued requests go at once, less takes effect as they end', async () => {
    const semaphore = new Semaphore(1);
    const first = await semaphore.acquire();
    let second = false;
    const waiting = semaphore.acquire().then((release) => {
      second = true;
      return release;
    });
    semaphore.resize(2);
    const releaseSecond = await waiting;
    expect(second).toBe(true);
    semaphore.resize(1);
    first();
    let third = false;
    const queued = semaphore.acquire().then((release) => {
      third = true;
      return release;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    releaseSecond();
    (await queued)();
    expect(third).toBe(true);
  });
});
