/**
 * The mirror tools: every view refuses to answer before a sync (and says to call sync_mirror),
 * then answers from the caller's own mirror with its freshness, without a request to IT Glue.
 */
import { describe, expect, it } from 'vitest';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';
import { inMemorySession, newTenantKey, tempDataDir } from './support.js';

const ORG = 'Happy Frog Dental';
const VIEWS: Array<[string, Record<string, unknown>]> = [
  ['search', { query: 'frog' }],
  ['org_brief', { organization: ORG, limit: 2 }],
  ['changes', { since: '3650d' }],
  ['coverage', {}],
  ['stale_passwords', { days: 30 }],
  ['duplicate_contacts', { acrossOrganizations: true }],
  ['orphans', {}],
];

describe('mirror tools', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('asks for sync_mirror first, then answers every view locally with its freshness', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    const before = await session.call('search', { query: 'frog' });
    expect(before.isError).toBe(true);
    expect(before.text).toMatch(/call the sync_mirror tool first/);

    const synced = await session.ok('sync_mirror', {});
    expect(synced.ok).toBe(true);
    expect(synced.resources.map((r: { resource: string }) => r.resource)).toEqual([
      'organizations',
      'contacts',
      'passwords',
      'configurations',
      'documents',
    ]);
    expect(synced.mirror).toMatchObject({ stale: false });

    await resetCounts(emulator.current);
    for (const [name, args] of VIEWS) {
      const result = await session.ok(name, args);
      expect(result.mirror, name).toMatchObject({ stale: false, ageSeconds: expect.any(Number) });
      expect(typeof result.mirror.syncedAt, name).toBe('string');
    }
    expect((await requestCounts(emulator.current)).total).toBe(0);

    const hits = await session.ok('search', { query: 'frog', type: 'organizations' });
    expect(hits.hits[0]).toMatchObject({ type: 'organizations', name: ORG });
    const brief = await session.ok('org_brief', { organization: ORG.toUpperCase(), limit: 2 });
    expect(brief.organization.name).toBe(ORG);
    expect(brief.contacts).toHaveLength(2);
    expect(brief.counts.contacts).toBeGreaterThan(2);
    expect(brief.truncated).toMatch(/contacts/);
    await session.close();
  });

  it('windows long view results with a cursor', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    await session.ok('sync_mirror', { resources: ['organizations', 'passwords'] });
    const all = await session.ok('stale_passwords', { days: 1, limit: 200 });
    expect(all.total).toBeGreaterThan(2);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await session.ok('stale_passwords', { days: 1, limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...page.passwords.map((p: { id: string }) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(all.passwords.map((p: { id: string }) => p.id));
    const unknown = await session.call('org_brief', { organization: 'Happy Frog' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/Did you mean: Happy Frog Dental/);
    await session.close();
  });

  it('keeps one mirror per key: a key never reads the mirror another key synced', async () => {
    const dataDir = tempDataDir();
    const alice = await inMemorySession(emulator.current, await newTenantKey(emulator.current), { dataDir });
    const bob = await inMemorySession(emulator.current, await newTenantKey(emulator.current, 'empty'), {
      dataDir,
    });
    await alice.ok('sync_mirror', {});
    expect((await alice.ok('search', { query: 'frog' })).count).toBe(1);
    const fromBob = await bob.call('search', { query: 'frog' });
    expect(fromBob.isError).toBe(true);
    expect(fromBob.text).toMatch(/no mirror for this key/);
    await bob.ok('sync_mirror', {});
    expect((await bob.ok('search', { query: 'frog' })).count).toBe(0);
    await alice.close();
    await bob.close();
  });
});
