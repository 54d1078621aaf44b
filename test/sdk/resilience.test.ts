/**
 * The client under injected faults, against the emulator over real HTTP: 429 storms, 5xx and
 * resets on reads, lost responses on writes, timeouts, aborts and the client-side budget.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousWriteError, ConnectionError, RequestAbortedError, TimeoutError } from '../../src/index.js';
import {
  clientFor,
  closedPort,
  NO_FAULTS,
  rawRecords,
  requestCounts,
  resetCounts,
  setFaults,
  useEmulator,
} from '../helpers/emulator.js';

const BIG_ORG_ID = '9007199254740993';

describe('resilience', () => {
  const emulator = useEmulator({ seed: 'demo' });
  afterEach(async () => {
    await setFaults(emulator.current, NO_FAULTS);
  });

  it('rides out a 429 storm with Retry-After and surfaces no error', async () => {
    await setFaults(emulator.current, { rateLimitBurst: 6, burstRetryAfterSeconds: 0.05 });
    await resetCounts(emulator.current);
    const client = clientFor(emulator.current);
    const results = await Promise.all([
      client.organizations.list(),
      client.contacts.list(),
      client.passwords.list(),
    ]);
    expect(results.every((page) => page.data.length > 0)).toBe(true);
    const counts = await requestCounts(emulator.current);
    expect(counts.byStatus['429']).toBe(6);
  });

  it('rides out a 429 storm without Retry-After too', async () => {
    await setFaults(emulator.current, { rateLimitBurst: 2, burstRetryAfterSeconds: null });
    await resetCounts(emulator.current);
    // No Retry-After and a window with room: gluekit pauses (2 s, then 4 s) and tries again.
    const page = await clientFor(emulator.current).organizations.list();
    expect(page.data.length).toBeGreaterThan(0);
    expect((await requestCounts(emulator.current)).byStatus['429']).toBe(2);
  });

  it('retries a GET after 5xx answers and connection resets', async () => {
    await setFaults(emulator.current, { errorRate: 0.4, resetRate: 0.2, seed: 7 });
    await resetCounts(emulator.current);
    const client = clientFor(emulator.current, { maxRetries: 12 });
    for (let i = 0; i < 10; i++) {
      const org = await client.organizations.get(BIG_ORG_ID);
      expect(org.id).toBe(BIG_ORG_ID);
    }
    const counts = await requestCounts(emulator.current);
    expect(counts.total).toBeGreaterThan(10);
  });

  it('turns a lost response on a POST into AmbiguousWriteError and never creates twice', async () => {
    await setFaults(emulator.current, { lostResponseRate: 1 });
    await resetCounts(emulator.current);
    const client = clientFor(emulator.current);
    const attempt = client.contacts.create({
      organizationId: BIG_ORG_ID,
      name: 'Lost Response',
      email: 'lost@example.com',
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousWriteError);
    expect((error as AmbiguousWriteError).sent).toMatchObject({ 'first-name': 'Lost' });
    await setFaults(emulator.current, NO_FAULTS);
    const counts = await requestCounts(emulator.current);
    expect(counts.byMethod.POST).toBe(1);
    // The write was committed: looking it up by its natural key finds exactly one.
    const found = await client.contacts.list({ filter: { email: 'lost@example.com' } });
    expect(found.data).toHaveLength(1);
    const stored = (await rawRecords(emulator.current, 'contacts')).filter((c) =>
      JSON.stringify(c).includes('lost@example.com'),
    );
    expect(stored).toHaveLength(1);
  });

  it('treats a 5xx on a POST as ambiguous, not as something to re-send', async () => {
    await setFaults(emulator.current, { errorRate: 1 });
    await resetCounts(emulator.current);
    const error = await clientFor(emulator.current)
      .configurations.create({ organizationId: BIG_ORG_ID, name: 'x', configurationTypeId: '1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousWriteError);
    expect((await requestCounts(emulator.current)).byMethod.POST).toBe(1);
  });

  it('retries a PATCH after a lost response (an update is idempotent)', async () => {
    const client = clientFor(emulator.current);
    const contact = (await client.contacts.list({ organizationId: BIG_ORG_ID, pageSize: 1 })).data[0];
    await setFaults(emulator.current, { lostResponseRate: 1 });
    await resetCounts(emulator.current);
    const attempt = client.contacts.update(contact?.id as string, { title: 'Patched' }, { maxRetries: 2 });
    await expect(attempt).rejects.toBeInstanceOf(ConnectionError);
    expect((await requestCounts(emulator.current)).byMethod.PATCH).toBe(3);
    await setFaults(emulator.current, NO_FAULTS);
    expect((await client.contacts.get(contact?.id as string)).title).toBe('Patched');
  });

  it('times out a slow request with TimeoutError', async () => {
    await setFaults(emulator.current, { latencyMs: 400 });
    const error = await clientFor(emulator.current, { timeoutMs: 100, maxRetries: 0 })
      .organizations.get(BIG_ORG_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).name).toBe('TimeoutError');
  });

  it('stops at once when the caller aborts', async () => {
    await setFaults(emulator.current, { latencyMs: 2000 });
    const controller = new AbortController();
    const pending = clientFor(emulator.current).organizations.get(BIG_ORG_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
  });

  it('reports a host that refuses connections as ConnectionError', async () => {
    const port = await closedPort();
    const error = await clientFor(emulator.current, { baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 })
      .organizations.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe('the client-side rate budget', () => {
  const emulator = useEmulator({ seed: 'demo', rateLimit: { limit: 10, windowSeconds: 1 } });

  it('keeps under the server limit without a single 429', async () => {
    await resetCounts(emulator.current);
    const client = clientFor(emulator.current, { rateLimit: { limit: 10, windowMs: 1000 }, concurrency: 8 });
    const results = await Promise.all(Array.from({ length: 25 }, () => client.organizations.get(BIG_ORG_ID)));
    expect(results).toHaveLength(25);
    const counts = await requestCounts(emulator.current);
    expect(counts.byStatus['429'] ?? 0).toBe(0);
    expect(counts.total).toBe(25);
    expect((await client.rateBudget())?.limit).toBe(10);
  });
});
