/** API keys and tenants: 403 without echoing the key, one isolated store per key. */
import { describe, expect, it } from 'vitest';
import { BIG_ORG, call, control, get, HAPPY_FROG, idNamed, post, resource, useEmulator } from './support.js';

describe('authentication', () => {
  const emulator = useEmulator({ apiKey: 'ITG.auth-test-key-0123456789abcdef' });

  it('refuses a request without x-api-key with a JSON:API 403', async () => {
    const reply = await get(emulator.current, '/organizations', { apiKey: null });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8');
    expect(reply.json.errors?.[0]).toMatchObject({ status: 403, title: 'Forbidden' });
    expect(typeof reply.json.errors?.[0]?.detail).toBe('string');
  });

  it('refuses an unknown key without echoing it, on every route', async () => {
    const wrong = 'ITG.wrong-key-ffffffffffffffffffffffff';
    for (const [method, path] of [
      ['GET', '/organizations'],
      ['GET', `/organizations/${BIG_ORG}`],
      ['POST', '/contacts'],
      ['GET', '/nowhere'],
    ] as const) {
      const reply = await call(emulator.current, method, path, {
        apiKey: wrong,
        body: method === 'POST' ? {} : undefined,
      });
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.text).not.toContain(wrong);
      expect(reply.text).not.toContain('wrong-key');
    }
  });

  it('generates a random ITG. key when none is given', async () => {
    const other = await (await import('../../src/emulator/index.js')).startEmulator();
    try {
      expect(other.apiKey).toMatch(/^ITG\.[0-9a-f]{32}$/);
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await get(other, '/organizations')).status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});

describe('tenants', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('gives each key its own store: writes in one are invisible in the other', async () => {
    const created = await control<{ apiKey: string }>(emulator.current, 'POST', '/tenants', { seed: 'demo' });
    expect(created.status).toBe(201);
    const otherKey = created.body.apiKey;
    expect(otherKey).toMatch(/^ITG\./);
    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    const made = await post(
      emulator.current,
      `/organizations/${orgId}/relationships/contacts`,
      resource('contacts', { 'first-name': 'Only', 'last-name': 'Mine' }),
    );
    expect(made.status).toBe(201);
    const id = made.one().id;
    expect((await get(emulator.current, `/contacts/${id}`)).status).toBe(200);
    expect((await get(emulator.current, `/contacts/${id}`, { apiKey: otherKey })).status).toBe(404);
    const mineCount = (await get(emulator.current, '/contacts')).json.meta?.['total-count'];
    const theirs = (await get(emulator.current, '/contacts', { apiKey: otherKey })).json.meta?.[
      'total-count'
    ];
    expect(mineCount).toBe(Number(theirs) + 1);
  });

  it('creates a tenant with a chosen key and seed, and refuses a duplicate key', async () => {
    const chosen = 'ITG.chosen-tenant-key';
    const created = await control(emulator.current, 'POST', '/tenants', { apiKey: chosen, seed: 'empty' });
    expect(created.body).toEqual({ apiKey: chosen });
    const orgs = await get(emulator.current, '/organizations', { apiKey: chosen });
    expect(orgs.json.meta?.['total-count']).toBe(0);
    const types = await get(emulator.current, '/contact_types', { apiKey: chosen });
    expect(types.many().length).toBeGreaterThan(0);
    expect((await control(emulator.current, 'POST', '/tenants', { apiKey: chosen })).status).toBe(409);
  });

  it('never returns a password value to a tenant without Password Access', async () => {
    const { body } = await control<{ apiKey: string }>(emulator.current, 'POST', '/tenants', {
      passwordAccess: false,
    });
    const list = await get(emulator.current, '/passwords', { apiKey: body.apiKey });
    const id = list.many()[0]?.id as string;
    const shown = await get(emulator.current, `/passwords/${id}?show_password=true`, { apiKey: body.apiKey });
    expect(shown.status).toBe(200);
    expect(shown.one().attributes).not.toHaveProperty('password');
    const withAccess = await get(emulator.current, `/passwords/${id}`);
    expect(typeof withAccess.one().attributes.password).toBe('string');
  });
});
