/** The sliding-window rate limit per key: 429 with Retry-After, per-key windows, recovery. */
import { describe, expect, it } from 'vitest';
import { control, get, useEmulator } from './support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limit', () => {
  const emulator = useEmulator({ seed: 'demo', rateLimit: { limit: 4, windowSeconds: 1 } });

  it('answers 429 with a JSON:API error and Retry-After past the limit, per key, then recovers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(emulator.current, '/organizations')).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const limited = await get(emulator.current, '/organizations');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.json.errors?.[0]).toMatchObject({ status: 429, title: 'Too Many Requests' });

    // Another key has its own window; control routes are never limited.
    const other = (await control<{ apiKey: string }>(emulator.current, 'POST', '/tenants', { seed: 'empty' }))
      .body.apiKey;
    expect((await get(emulator.current, '/organizations', { apiKey: other })).status).toBe(200);
    expect((await control(emulator.current, 'GET', '/requests')).status).toBe(200);

    let recovered = 429;
    for (let attempt = 0; attempt < 40 && recovered === 429; attempt++) {
      await sleep(100);
      recovered = (await get(emulator.current, '/organizations')).status;
    }
    expect(recovered).toBe(200);
    const counts = (await control<{ byStatus: Record<string, number> }>(emulator.current, 'GET', '/requests'))
      .body;
    expect(counts.byStatus['429']).toBeGreaterThanOrEqual(1);
  });

  it('counts unauthenticated requests against no window', async () => {
    for (let i = 0; i < 6; i++)
      expect((await get(emulator.current, '/organizations', { apiKey: 'ITG.unknown' })).status).toBe(403);
  });
});

describe('rate limit turned off', () => {
  const emulator = useEmulator({ seed: 'empty', rateLimit: false });

  it('never answers 429', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => get(emulator.current, '/contact_types')),
    );
    expect(statuses.every((reply) => reply.status === 200)).toBe(true);
  });
});
