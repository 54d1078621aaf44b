/**
 * Injected faults, over real HTTP: latency, resets (nothing committed), lost responses (committed,
 * then the connection dies), 5xx (nothing committed), 429 bursts; reproducible from a seed, and
 * quiet: the server neither crashes nor logs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { BIG_ORG, control, get, post, resource, useEmulator } from './support.js';

const NO_FAULTS = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  resetRate: 0,
  lostResponseRate: 0,
  rateLimitBurst: 0,
};

interface Counts {
  total: number;
  byStatus: Record<string, number>;
  writes: Array<{ method: string; status: number; ids: string[]; committed: boolean; delivered: boolean }>;
}

describe('faults', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const logged: unknown[] = [];

  const setFaults = async (faults: Record<string, unknown>) => {
    const reply = await control(emulator.current, 'PUT', '/faults', faults);
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const counts = async () => (await control<Counts>(emulator.current, 'GET', '/requests')).body;
  const contactCount = async () =>
    (await control<{ data: unknown[] }>(emulator.current, 'GET', '/records/contacts')).body.data.length;
  const newContact = (name: string) =>
    post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG, 'first-name': name }),
    );

  beforeEach(async () => {
    for (const method of ['error', 'warn', 'info', 'log'] as const) {
      vi.spyOn(console, method).mockImplementation((...args) => logged.push(args));
    }
    await control(emulator.current, 'POST', '/requests/reset');
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await setFaults(NO_FAULTS);
    expect(logged).toEqual([]);
  });

  it('delays handling by the configured latency', async () => {
    await setFaults({ latencyMs: 800 });
    // Loosely, through the request log (no wall-clock assertion): a request is counted when it
    // has been handled, so while it waits out its latency the log has not seen it.
    const pending = get(emulator.current, '/organizations');
    expect((await counts()).total).toBe(0);
    expect((await pending).status).toBe(200);
    expect((await counts()).total).toBe(1);
  });

  it('resets the connection without a response and commits nothing', async () => {
    const before = await contactCount();
    await setFaults({ resetRate: 1 });
    const error = await newContact('Reset').catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(TypeError);
    const read = await get(emulator.current, '/organizations').catch((caught: Error) => caught);
    expect(read).toBeInstanceOf(TypeError);
    await setFaults(NO_FAULTS);
    expect(await contactCount()).toBe(before);
    const log = await counts();
    expect(log.byStatus.reset).toBe(2);
    expect(log.writes).toEqual([
      {
        method: 'POST',
        path: '/contacts',
        operationId: 'createContact',
        status: 0,
        ids: [],
        committed: false,
        delivered: false,
      },
    ]);
    expect((await get(emulator.current, '/organizations')).status).toBe(200);
  });

  it('commits a write whose response is lost, which a later read shows', async () => {
    await setFaults({ lostResponseRate: 1 });
    const error = await newContact('Lost').catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(TypeError);
    // Reads are never lost.
    expect((await get(emulator.current, '/organizations')).status).toBe(200);
    await setFaults(NO_FAULTS);
    const write = (await counts()).writes[0];
    expect(write).toMatchObject({ status: 201, committed: true, delivered: false });
    const stored = await get(emulator.current, `/contacts/${write?.ids[0]}`);
    expect(stored.one().attributes['first-name']).toBe('Lost');
  });

  it('answers 500, 502 or 503 without committing anything', async () => {
    const before = await contactCount();
    await setFaults({ errorRate: 1, seed: 3 });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const reply = await newContact(`Err${i}`);
      statuses.add(reply.status);
      if (reply.status === 502) expect(reply.headers.get('content-type')).toContain('text/html');
    }
    expect([...statuses].every((status) => [500, 502, 503].includes(status))).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
    // Control routes are never faulted.
    expect(await contactCount()).toBe(before);
    expect((await counts()).writes.every((write) => !write.committed)).toBe(true);
  });

  it('answers the next N requests 429, with or without Retry-After, then serves normally', async () => {
    await setFaults({ rateLimitBurst: 2, burstRetryAfterSeconds: 7 });
    const first = await get(emulator.current, '/organizations');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await control(emulator.current, 'GET', '/faults')).body).toMatchObject({ rateLimitBurst: 1 });
    expect((await get(emulator.current, '/contacts')).status).toBe(429);
    expect((await get(emulator.current, '/contacts')).status).toBe(200);
    await setFaults({ rateLimitBurst: 1, burstRetryAfterSeconds: null });
    const bare = await get(emulator.current, '/contacts');
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    expect((await counts()).byStatus['429']).toBe(3);
  });

  it('gives the same sequence of faults for the same seed', async () => {
    const run = async () => {
      await setFaults({ errorRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await get(emulator.current, '/contact_types')).status);
      return statuses;
    };
    const first = await run();
    expect(first.some((status) => status === 200) && first.some((status) => status >= 500)).toBe(true);
    expect(await run()).toEqual(first);
  });

  it('refuses a bad fault setting with a 400 and keeps the old ones', async () => {
    await setFaults({ latencyMs: 1 });
    const bad = await control(emulator.current, 'PUT', '/faults', { errorRate: 3 });
    expect(bad.status).toBe(400);
    expect((await control(emulator.current, 'GET', '/faults')).body).toMatchObject({
      latencyMs: 1,
      errorRate: 0,
    });
  });
});

describe('faults set at start', () => {
  it('applies them from the first request', async () => {
    const emulator = await startEmulator({ seed: 'empty', faults: { errorRate: 1 } });
    try {
      const response = await fetch(`${emulator.url}/contact_types`, {
        headers: { 'x-api-key': emulator.apiKey },
      });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(emulator.control.faults().errorRate).toBe(1);
    } finally {
      await emulator.stop();
    }
  });
});
