/**
 * The sliding-window rate limit per key over HTTP: 429 with Retry-After, per-key windows, control
 * routes never limited. The window is a minute, so "five requests within one window" holds
 * however slow the machine is; how the window slides and frees (recovery) is a matter of the
 * clock, checked with a clock of the test's own in test/emulator/units.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { control, get, useEmulator } from './support.js';

describe('rate limit', () => {
  const emulator = useEmulator({ seed: 'demo', rateLimit: { limit: 4, windowSeconds: 60 } });

  it('answers 429 with a JSON:API error and Retry-After past the limit, per key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(emulator.current, '/organizations')).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const limited = await get(emulator.current, '/organizations');
    expect(limited.status).toBe(429);
    // Whole seconds until the oldest request leaves the window: at most the window.
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.json.errors?.[0]).toMatchObject({ status: 429, title: 'Too Many Requests' });

    // Another key has its own window; control routes are never limited.
    const other = (await control<{ apiKey: string }>(emulator.current, 'POST', '/tenants', { seed: 'empty' }))
      .body.apiKey;
    expect((await get(emulator.current, '/organizations', { apiKey: other })).status).toBe(200);
    expect((await control(emulator.current, 'GET', '/requests')).status).toBe(200);
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
