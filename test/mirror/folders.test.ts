/**
 * Documents in folders, on both emulator profiles: real IT Glue lists only root-level documents
 * unless asked for folders (`filter[document_folder_id]`); the document's model lists them all.
 * After a sync the mirror holds every document, knows its folders, names each document's folder
 * in the views, and spent exactly the requests claimed in documents-pass.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentFolder, GlueKit } from '../../src/index.js';
import { coverage, MirrorStore, organizationBrief, search, syncMirror } from '../../src/mirror/index.js';
import { documentFolderPaths, folderOf } from '../../src/mirror/views/folders.js';
import { clientFor, rawRecords, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';
import { mirrorRecords, openMirror, tempMirrorPath } from './support.js';

type Raw = Record<string, unknown>;

for (const profile of ['real', 'seed'] as const) {
  describe(`documents in folders (${profile} profile, scale:30)`, () => {
    const emulator = useEmulator({ seed: 'scale:30', profile });
    let client: GlueKit;
    let store: MirrorStore;
    let documents: Raw[];
    let folders: Raw[];
    let organizations: Raw[];

    beforeAll(async () => {
      client = clientFor(emulator.current);
      store = openMirror(client);
      documents = await rawRecords(emulator.current, 'documents');
      folders = await rawRecords(emulator.current, 'document-folders');
      organizations = await rawRecords(emulator.current, 'organizations');
    });
    afterAll(() => store?.close());
    const control = async (path: string, body: unknown) => {
      const response = await fetch(`${emulator.current.url}/__emulator/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': emulator.current.apiKey },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    };

    it('mirrors every document, those in folders included, at the claimed number of requests', async () => {
      const filed = documents.filter((document) => document.documentFolderId != null);
      expect(filed.length).toBeGreaterThan(0);
      await resetCounts(emulator.current);
      const summary = await syncMirror({ client, store, resources: ['organizations', 'documents'] });
      expect(summary.failures).toEqual([]);
      expect(mirrorRecords(store, 'documents').size).toBe(documents.length);
      for (const document of filed)
        expect(mirrorRecords(store, 'documents').has(String(document.id))).toBe(true);

      // Per organization: its folders and its root (one request each); then, on real IT Glue, one
      // request for the documents of all its folders. A server that already listed foldered
      // documents at the root is not asked again.
      const owners = (ids: Iterable<unknown>) => new Set([...ids].map(String));
      const withFolders = owners(folders.map((folder) => folder.organizationId));
      const listsFoldersAtRoot = profile === 'seed' ? owners(filed.map((d) => d.organizationId)) : new Set();
      const askedForFolders = [...withFolders].filter((id) => !listsFoldersAtRoot.has(id)).length;
      const counts = await requestCounts(emulator.current);
      expect(counts.byOperation).toEqual({
        listOrganizations: 1,
        listDocumentFolders: organizations.length,
        listOrganizationDocuments: organizations.length + askedForFolders,
      });
      expect(counts.total).toBe(summary.requests);
      const documentsTally = summary.resources.find((tally) => tally.resource === 'documents');
      expect(documentsTally?.remoteCount).toBe(documents.length);
    });

    it('names the folder of each document in org show, search and coverage counts', () => {
      const filed = documents.find((document) => document.documentFolderId != null) as Raw;
      const folder = folders.find((f) => String(f.id) === String(filed.documentFolderId)) as Raw;
      const organizationId = String(filed.organizationId);
      const brief = organizationBrief(store, organizationId);
      const shown = brief.documents.find((document) => document.id === String(filed.id));
      expect(shown?.folder).toBe(folder.name);
      const atRoot = documents.find(
        (document) => String(document.organizationId) === organizationId && document.documentFolderId == null,
      );
      if (atRoot) expect(brief.documents.find((d) => d.id === String(atRoot.id))?.folder).toBeNull();
      const hit = search(store, { query: String(filed.name), type: 'documents', organizationId });
      expect(hit.find((h) => h.id === String(filed.id))?.details.folder).toBe(folder.name);
      const [row] = coverage(store, { organizationId });
      expect(row?.documents).toBe(
        documents.filter((d) => String(d.organizationId) === organizationId && d.archived !== true).length,
      );
    });

    // Last: it changes the tenant. An organization without folders costs two requests (its empty
    // folder list and its root); one with folders three on real IT Glue (its folders' documents
    // too), two where the root already lists them.
    it('asks an organization without folders for its folders and its root only', async () => {
      const [bare, filed] = organizations.map((organization) => String(organization.id));
      for (const document of documents.filter((d) => String(d.organizationId) === bare)) {
        if (document.documentFolderId != null)
          await control(`records/documents/${document.id}`, { attributes: { documentFolderId: null } });
      }
      for (const folder of folders.filter((f) => String(f.organizationId) === bare))
        await control(`records/document-folders/${folder.id}/delete`, {});
      const asked: string[] = [];
      const counting: typeof fetch = (input, init) => {
        asked.push(new URL(String(input)).pathname + new URL(String(input)).search);
        return fetch(input, init);
      };
      const fresh = openMirror(clientFor(emulator.current, { fetch: counting }));
      try {
        const summary = await syncMirror({
          client: clientFor(emulator.current, { fetch: counting }),
          store: fresh,
          resources: ['organizations', 'documents'],
        });
        expect(summary.failures).toEqual([]);
        const of = (organizationId: string | undefined) =>
          asked.filter((url) => url.startsWith(`/organizations/${organizationId}/`));
        expect(of(bare).map((url) => url.split('?')[0])).toEqual([
          `/organizations/${bare}/relationships/document_folders`,
          `/organizations/${bare}/relationships/documents`,
        ]);
        const filedAtRoot = documents.some(
          (d) => String(d.organizationId) === filed && d.documentFolderId != null && profile === 'seed',
        );
        expect(of(filed)).toHaveLength(filedAtRoot ? 2 : 3);
        const owned = (await rawRecords(emulator.current, 'documents')).filter(
          (d) => String(d.organizationId) === bare,
        );
        expect(owned.length).toBeGreaterThan(0);
        for (const document of owned)
          expect(mirrorRecords(fresh, 'documents').has(String(document.id))).toBe(true);
      } finally {
        fresh.close();
      }
    });
  });
}

describe('folder paths', () => {
  it('name a subfolder from the top, survive a missing parent or a loop, and are empty for an old mirror', () => {
    const store = MirrorStore.open(tempMirrorPath());
    const folder = (id: string, name: string, parentId: string | null): DocumentFolder => ({
      id,
      type: 'document-folders',
      organizationId: '1',
      name,
      parentId,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    store.replaceFolders(
      ['1'],
      [
        folder('10', 'Procedures', null),
        folder('11', 'Network', '10'),
        folder('12', 'Orphaned', '99'),
        folder('13', 'Ping', '14'),
        folder('14', 'Pong', '13'),
      ],
    );
    const paths = documentFolderPaths(store);
    expect(paths.get('11')).toBe('Procedures / Network');
    expect(paths.get('12')).toBe('Orphaned');
    expect(paths.get('13')).toMatch(/Ping$/);
    expect(folderOf(paths, { documentFolderId: '11' })).toBe('Procedures / Network');
    expect(folderOf(paths, { documentFolderId: null })).toBeNull();
    expect(folderOf(paths, { documentFolderId: '77' })).toBe('Folder 77');
    // Replacing an organization's folders drops the ones it no longer has.
    store.replaceFolders(['1'], [folder('10', 'Runbooks', null)]);
    expect([...documentFolderPaths(store).entries()]).toEqual([['10', 'Runbooks']]);
    store.db.exec('DROP TABLE document_folders');
    expect(documentFolderPaths(store).size).toBe(0);
    store.close();
  });
});
