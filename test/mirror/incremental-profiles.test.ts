/**
 * The incremental sync on both emulator profiles (issue 15). Real IT Glue has no
 * `filter[updated_at]` on contacts, passwords and configurations (it ignores it and returns
 * everything), so the mirror reads those newest first (`sort=-updated_at`) and stops at the
 * watermark. A record changed after the last sync is picked up, more changes than one small page
 * are read too, and nothing else is missed: the mirror equals IT Glue afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueKit } from '../../src/index.js';
import { type MirrorStore, type SyncSummary, syncMirror } from '../../src/mirror/index.js';
import { clientFor, rawRecords, recordingFetch, useEmulator } from '../helpers/emulator.js';
import { editInItGlue, mirrorRecords, openMirror } from './support.js';

type Raw = Record<string, unknown>;
const WATCHED = ['contacts', 'passwords', 'configurations'] as const;

/**
 * The mirror holds exactly IT Glue's records of these types, each as last updated. (Documents are
 * left out: which of them a profile lists differs, and is not what this file tests.)
 */
async function expectTypesMatch(store: MirrorStore, emulator: Parameters<typeof rawRecords>[0]) {
  for (const type of ['organizations', ...WATCHED]) {
    const remote = await rawRecords(emulator, type);
    const mirror = mirrorRecords(store, type);
    expect([...mirror.keys()].sort(), `${type} ids`).toEqual(
      remote.map((record) => String(record.id)).sort(),
    );
    for (const record of remote) {
      expect(Date.parse(String(mirror.get(String(record.id))?.updatedAt)), `${type} ${record.id}`).toBe(
        Date.parse(String(record.updatedAt)),
      );
    }
  }
}

function tally(summary: SyncSummary, resource: string) {
  const found = summary.resources.find((entry) => entry.resource === resource);
  if (!found) throw new Error(`no ${resource} in the summary`);
  return found;
}

describe.each(['real', 'seed'] as const)('incremental sync on the %s profile', (profile) => {
  const emulator = useEmulator({ profile, seed: 'scale:30' });
  let client: GlueKit;
  let store: MirrorStore;
  let fetchLog: ReturnType<typeof recordingFetch>;

  beforeAll(async () => {
    fetchLog = recordingFetch();
    client = clientFor(emulator.current, { fetch: fetchLog.fetch });
    store = openMirror(client);
    await syncMirror({ client, store });
  }, 120_000);
  afterAll(() => store?.close());

  it('picks up what changed since the last sync without filter[updated_at], and misses nothing', async () => {
    const contacts = await rawRecords(emulator.current, 'contacts');
    // More contact changes than the first, small page (100) holds, so paging past it is exercised.
    const editedContacts = contacts.slice(0, 130);
    expect(editedContacts).toHaveLength(130);
    for (const contact of editedContacts) {
      await editInItGlue(emulator.current, 'contacts', String(contact.id), { title: `Title ${contact.id}` });
    }
    const password = (await rawRecords(emulator.current, 'passwords'))[3] as Raw;
    await editInItGlue(emulator.current, 'passwords', String(password.id), { username: 'changed-user' });
    const configuration = (await rawRecords(emulator.current, 'configurations'))[5] as Raw;
    await client.configurations.update(String(configuration.id), { serialNumber: 'SN-INCR-0001' });
    const created = await client.contacts.create({
      organizationId: String(configuration.organizationId),
      firstName: 'New',
      lastName: 'Hire',
    });

    fetchLog.responses.length = 0;
    const summary = await syncMirror({ client, store });
    for (const resource of WATCHED) expect(tally(summary, resource).mode, resource).toBe('incremental');

    const urls = fetchLog.responses.map((response) => decodeURIComponent(response.url));
    for (const resource of WATCHED) {
      const reads = urls.filter((url) => new URL(url).pathname === `/${resource}`);
      expect(reads.length, resource).toBeGreaterThan(0);
      for (const url of reads) {
        expect(url, resource).not.toContain('filter[updated_at]');
        expect(url, resource).toContain('sort=-updated_at');
      }
    }
    // Nothing the mirror asked for was a filter the route ignores.
    for (const response of fetchLog.responses) {
      expect(response.headers.get('x-emulator-ignored-filters'), response.url).toBeNull();
    }

    const mirrored = mirrorRecords(store, 'contacts');
    for (const contact of editedContacts) {
      expect(mirrored.get(String(contact.id))?.title, String(contact.id)).toBe(`Title ${contact.id}`);
    }
    expect(mirrored.get(created.id)?.name).toBe('New Hire');
    expect(mirrorRecords(store, 'passwords').get(String(password.id))?.username).toBe('changed-user');
    expect(mirrorRecords(store, 'configurations').get(String(configuration.id))?.serialNumber).toBe(
      'SN-INCR-0001',
    );
    await expectTypesMatch(store, emulator.current);
  });

  it('finds nothing to update when nothing changed, and still matches IT Glue', async () => {
    const summary = await syncMirror({ client, store });
    for (const resource of WATCHED) {
      expect(tally(summary, resource)).toMatchObject({ mode: 'incremental', updated: 0, deleted: 0 });
    }
    await expectTypesMatch(store, emulator.current);
  });
});
