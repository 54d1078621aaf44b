/**
 * Interrupted syncs: an abort mid-pass keeps what was saved, the next sync continues where it
 * stopped (without reading saved pages again) and reaches the same state as an uninterrupted
 * sync. Deletions are reconciled only after a complete pass, and never from an empty, partial or
 * failed read.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { RequestAbortedError } from '../../src/index.js';
import { type MirrorStore, type SyncProgress, syncMirror } from '../../src/mirror/index.js';
import {
  clientFor,
  NO_FAULTS,
  rawRecords,
  requestCounts,
  resetCounts,
  setFaults,
  useEmulator,
} from '../helpers/emulator.js';
import { ceil1000, deleteInItGlue, dumpRecords, expectMirrorMatchesItGlue, openMirror } from './support.js';

/** Aborts the sync at the first progress event the predicate accepts. */
function abortWhen(predicate: (progress: SyncProgress) => boolean) {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    onProgress: (progress: SyncProgress) => {
      if (predicate(progress)) controller.abort();
    },
  };
}

describe('an interrupted sync', () => {
  const emulator = useEmulator({ seed: 'scale:200' });
  const stores: MirrorStore[] = [];
  afterAll(() => {
    for (const store of stores) store.close();
  });

  it('resumes where it stopped and reaches the same state as an uninterrupted sync', async () => {
    const client = clientFor(emulator.current);
    const reference = openMirror(client);
    const resumed = openMirror(client);
    stores.push(reference, resumed);
    await syncMirror({ client, store: reference });

    // First interruption: once the first page of contacts is saved.
    const firstStop = abortWhen((progress) => progress.resource === 'contacts' && progress.phase === 'full');
    await expect(syncMirror({ client, store: resumed, concurrency: 1, ...firstStop })).rejects.toBeInstanceOf(
      RequestAbortedError,
    );
    const contactsDone = resumed.passes.get('contacts')?.unitsDone.size ?? 0;
    expect(contactsDone).toBeGreaterThanOrEqual(1);
    expect(resumed.resourceState('contacts').fullSyncedAt).toBeNull();
    const contactPages = ceil1000((await rawRecords(emulator.current, 'contacts')).length);
    expect(contactsDone).toBeLessThan(contactPages);

    // Second: contacts are finished without reading saved pages again, then the documents pass
    // stops after 20 organizations.
    await resetCounts(emulator.current);
    const secondStop = abortWhen(
      (progress) =>
        progress.phase === 'documents' &&
        progress.done >= 20 &&
        resumed.resourceState('contacts').fullSyncedAt !== null,
    );
    await expect(
      syncMirror({ client, store: resumed, concurrency: 1, ...secondStop }),
    ).rejects.toBeInstanceOf(RequestAbortedError);
    expect((await requestCounts(emulator.current)).byOperation.listContacts).toBe(
      contactPages - contactsDone,
    );
    const documentsDone = resumed.passes.get('documents')?.unitsDone.size ?? 0;
    expect(documentsDone).toBeGreaterThanOrEqual(20);

    // Third: the remaining organizations' documents, and nothing already saved.
    await resetCounts(emulator.current);
    const summary = await syncMirror({ client, store: resumed });
    expect(summary.ok).toBe(true);
    const organizations = (await rawRecords(emulator.current, 'organizations')).length;
    // Every seeded organization has a folder: its folders, its root, its folders' documents.
    const folderOwners = new Set(
      (await rawRecords(emulator.current, 'document-folders')).map((folder) => folder.organizationId),
    );
    expect(folderOwners.size).toBe(organizations);
    const { byOperation } = await requestCounts(emulator.current);
    expect(byOperation.listDocumentFolders).toBe(organizations - documentsDone);
    expect(byOperation.listOrganizationDocuments).toBe(2 * (organizations - documentsDone));

    expect(dumpRecords(resumed)).toEqual(dumpRecords(reference));
    await expectMirrorMatchesItGlue(resumed, emulator.current);
    expect(resumed.passes.get('contacts')).toBeUndefined();
    expect(resumed.passes.get('documents')).toBeUndefined();
  });

  it('marks nothing deleted until a full pass completes, then exactly what is gone', async () => {
    const client = clientFor(emulator.current);
    const store = openMirror(client);
    stores.push(store);
    await syncMirror({ client, store, resources: ['contacts'] });
    const before = store.liveCount('contacts');
    const contacts = await rawRecords(emulator.current, 'contacts');
    const gone = [contacts[0], contacts[1500], contacts[contacts.length - 1]].map((c) => String(c?.id));
    for (const id of gone) await deleteInItGlue(emulator.current, 'contacts', id);

    const stop = abortWhen((progress) => progress.resource === 'contacts' && progress.phase === 'full');
    await expect(
      syncMirror({ client, store, full: true, resources: ['contacts'], concurrency: 1, ...stop }),
    ).rejects.toBeInstanceOf(RequestAbortedError);
    expect(store.liveCount('contacts')).toBe(before);

    const summary = await syncMirror({ client, store, resources: ['contacts'] });
    expect(summary.resources[0]).toMatchObject({ mode: 'full', deleted: 3 });
    expect(store.liveCount('contacts')).toBe(before - 3);
    const deleted = store.db
      .prepare<[], { id: string }>(
        "SELECT id FROM records WHERE type = 'contacts' AND deleted_at IS NOT NULL",
      )
      .all()
      .map((row) => row.id);
    expect(deleted.sort()).toEqual([...gone].sort());
  });

  it('never deletes from an empty answer, a failed read, or a record that paging skipped', async () => {
    const plain = clientFor(emulator.current);
    const store = openMirror(plain);
    stores.push(store);
    await syncMirror({ client: plain, store, resources: ['passwords'] });
    const live = store.liveCount('passwords');
    const skippedId = String((await rawRecords(emulator.current, 'passwords'))[7]?.id);

    // IT Glue answers every password list with nothing: a fault, not an empty tenant.
    const empty = clientFor(emulator.current, { fetch: rewriteListFetch('/passwords', () => []) });
    const emptied = await syncMirror({ client: empty, store, full: true, resources: ['passwords'] });
    expect(emptied.resources[0]?.deleted).toBe(0);
    expect(emptied.resources[0]?.warnings.join(' ')).toMatch(/listed no passwords/);
    expect(store.liveCount('passwords')).toBe(live);

    // The read fails part-way: the type fails, nothing is deleted, the pass can resume.
    const failing = clientFor(emulator.current, { maxRetries: 0 });
    await setFaults(emulator.current, { ...NO_FAULTS, errorRate: 1 });
    try {
      const failed = await syncMirror({ client: failing, store, full: true, resources: ['passwords'] });
      expect(failed.ok).toBe(false);
      expect(failed.failures[0]).toMatchObject({ resource: 'passwords', code: 'ServerError' });
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
    expect(store.liveCount('passwords')).toBe(live);

    // A page that leaves a record out (as page-number paging can while the list changes): the
    // record is looked up by id, found alive, and kept.
    const skipping = clientFor(emulator.current, {
      fetch: rewriteListFetch('/passwords', (data) => data.filter((item) => item.id !== skippedId)),
    });
    const summary = await syncMirror({ client: skipping, store, full: true, resources: ['passwords'] });
    expect(summary.resources[0]).toMatchObject({ mode: 'full', deleted: 0 });
    expect(store.liveCount('passwords')).toBe(live);
  });
});

type Item = { id: string } & Record<string, unknown>;

/**
 * A fetch that rewrites the `data` of page-number list responses on one path (id lookups pass
 * through untouched), adjusting the counts when it empties them.
 */
function rewriteListFetch(path: string, rewrite: (data: Item[]) => Item[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(String(input));
    if (url.pathname !== path || url.searchParams.has('filter[id]')) return response;
    const body = (await response.json()) as { data: Item[]; meta: Record<string, unknown> };
    const data = rewrite(body.data);
    const meta =
      data.length === 0 ? { ...body.meta, 'total-count': 0, 'total-pages': 0, 'next-page': null } : body.meta;
    return new Response(JSON.stringify({ ...body, data, meta }), {
      status: response.status,
      headers: response.headers,
    });
  };
}
