/**
 * The mirror sync under every fault at once (support.ts: 5xx, resets, a 429 burst, latency with
 * jitter; lost responses apply to writes, which the mirror never makes). A scale:150 tenant
 * takes some 165 list requests (two pages per type, a document list per organization), so the
 * faults land on every kind of pass. After a
 * full sync, and after an incremental one that follows creates, edits and deletions in IT Glue,
 * the mirror must hold exactly what IT Glue holds; the emulator must have seen no write and no
 * DELETE from it; and a re-run with faults off must find nothing to change.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GlueKit } from '../../src/index.js';
import { MIRROR_RESOURCES, type MirrorStore, type SyncSummary, syncMirror } from '../../src/mirror/index.js';
import {
  clientFor,
  NO_FAULTS,
  type RequestCounts,
  rawRecords,
  requestCounts,
  resetCounts,
  setFaults,
  useEmulator,
} from '../helpers/emulator.js';
import { faultSeed, printSeedOnFailure } from '../helpers/seed.js';
import {
  deleteInItGlue,
  dumpRecords,
  editInItGlue,
  expectMirrorMatchesItGlue,
  openMirror,
} from '../mirror/support.js';
import { CHAOS, CHAOS_CLIENT } from './support.js';

function expectNoWrites(counts: RequestCounts): void {
  expect(counts.byMethod.DELETE ?? 0).toBe(0);
  expect((counts.byMethod.POST ?? 0) + (counts.byMethod.PATCH ?? 0)).toBe(0);
}

function expectChaosSeen(counts: RequestCounts): void {
  expect(Object.keys(counts.byStatus).filter((status) => status.startsWith('5')).length).toBeGreaterThan(0);
  expect(counts.byStatus.reset ?? 0).toBeGreaterThan(0);
  expect(counts.byStatus['429'] ?? 0).toBe(CHAOS.rateLimitBurst);
}

describe('the mirror under every fault at once', () => {
  const emulator = useEmulator({ seed: 'scale:150' });
  let client: GlueKit;
  let store: MirrorStore;
  afterAll(() => store?.close());

  async function chaoticSync(fallbackSeed: number): Promise<{ summary: SyncSummary; counts: RequestCounts }> {
    const seed = faultSeed(fallbackSeed);
    printSeedOnFailure(seed);
    await resetCounts(emulator.current);
    await setFaults(emulator.current, { ...CHAOS, seed });
    let summary: SyncSummary;
    try {
      summary = await syncMirror({ client, store });
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
    return { summary, counts: await requestCounts(emulator.current) };
  }

  it('a full sync copies IT Glue exactly, sending no write', async () => {
    client = clientFor(emulator.current, CHAOS_CLIENT);
    store = openMirror(client);
    const { summary, counts } = await chaoticSync(2001);
    expect(summary.failures).toEqual([]);
    expectChaosSeen(counts);
    expectNoWrites(counts);
    await expectMirrorMatchesItGlue(store, emulator.current);
  });

  it('an incremental sync after creates, edits and deletions in IT Glue matches it again', async () => {
    const organizations = await rawRecords(emulator.current, 'organizations');
    const contacts = await rawRecords(emulator.current, 'contacts');
    const passwords = await rawRecords(emulator.current, 'passwords');
    const configurations = await rawRecords(emulator.current, 'configurations');
    const home = String(organizations[0]?.id);
    for (let i = 0; i < 3; i++) {
      await client.organizations.contacts.create(home, {
        name: `Mirror Chaos ${i}`,
        firstName: 'Mirror',
        lastName: `Chaos ${i}`,
      });
    }
    for (const device of configurations.slice(0, 5)) {
      await client.configurations.update(String(device.id), { notes: `chaos edit ${device.id}` });
    }
    for (const password of passwords.slice(0, 5)) {
      await editInItGlue(emulator.current, 'passwords', String(password.id), {
        name: `Renamed ${password.id}`,
      });
    }
    for (const contact of contacts.slice(-2))
      await deleteInItGlue(emulator.current, 'contacts', String(contact.id));
    await deleteInItGlue(emulator.current, 'organizations', String(organizations.at(-2)?.id));

    const { summary, counts } = await chaoticSync(2002);
    expect(summary.failures).toEqual([]);
    expectChaosSeen(counts);
    expectNoWrites(counts);
    await expectMirrorMatchesItGlue(store, emulator.current);
    const changed = (type: string) => summary.resources.find((tally) => tally.resource === type);
    expect(changed('contacts')?.new).toBeGreaterThanOrEqual(3);
    expect(changed('passwords')?.updated).toBeGreaterThanOrEqual(5);
    expect(changed('organizations')?.deleted).toBe(1);
  });

  it('a re-run with faults off finds nothing to change, and each record is there once', async () => {
    await resetCounts(emulator.current);
    const before = dumpRecords(store);
    const summary = await syncMirror({ client, store });
    expect(summary.failures).toEqual([]);
    for (const type of MIRROR_RESOURCES) {
      if (type === 'documents') continue; // listed whole per organization every time, by design
      expect(summary.resources.find((tally) => tally.resource === type)).toMatchObject({
        mode: 'incremental',
        new: 0,
        updated: 0,
        deleted: 0,
      });
    }
    expect(dumpRecords(store)).toEqual(before);
    const counts = await requestCounts(emulator.current);
    expectNoWrites(counts);
    expect(counts.total).toBe(summary.requests);
    const ids = before.map((row) => `${row.type} ${row.id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
