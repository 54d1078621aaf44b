/**
 * Mirror test helpers: a fresh mirror file per test, edits and deletions made "in the IT Glue UI"
 * through the emulator's control routes, and a comparison of the mirror with the emulator's state.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { GlueKit } from '../../src/index.js';
import { MIRROR_RESOURCES, MirrorStore } from '../../src/mirror/index.js';
import { type Emulator, rawRecords } from '../helpers/emulator.js';

export function tempMirrorPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'gluekit-mirror-')), 'mirror.sqlite');
}

export function openMirror(client: GlueKit, path = tempMirrorPath()): MirrorStore {
  return MirrorStore.open(path, {
    tenant: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
  });
}

/** A server-side edit (as in the IT Glue UI): stored as given, `updated-at` moves. */
export async function editInItGlue(
  emulator: Emulator,
  type: string,
  id: string,
  attributes: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${emulator.url}/__emulator/records/${type}/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': emulator.apiKey },
    body: JSON.stringify({ attributes }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** A deletion in the IT Glue UI; an organization takes its records with it. */
export async function deleteInItGlue(emulator: Emulator, type: string, id: string): Promise<void> {
  const response = await fetch(`${emulator.url}/__emulator/records/${type}/${id}/delete`, {
    method: 'POST',
    headers: { 'x-api-key': emulator.apiKey },
  });
  expect(response.status).toBe(200);
}

/** Live records of a type in the mirror: id → the stored record. */
export function mirrorRecords(store: MirrorStore, type: string): Map<string, Record<string, unknown>> {
  const rows = store.db
    .prepare<[string], { id: string; data: string }>(
      'SELECT id, data FROM records WHERE type = ? AND deleted_at IS NULL',
    )
    .all(type);
  return new Map(rows.map((row) => [row.id, JSON.parse(row.data) as Record<string, unknown>]));
}

/** The emulator's records of a type, documents in folders included. */
export async function itGlueRecords(
  emulator: Emulator,
  type: string,
): Promise<Map<string, Record<string, unknown>>> {
  const records = await rawRecords(emulator, type);
  return new Map(records.map((record) => [String(record.id), record]));
}

/**
 * What a sync's document pass costs against the real profile: per organization its folders and
 * its root documents, plus one request for its folders' documents when it has folders (each
 * holds under 100 folders and 1000 documents in the seeds).
 */
export async function documentPassRequests(
  emulator: Emulator,
  organizations: number,
): Promise<{ listDocumentFolders: number; listOrganizationDocuments: number }> {
  const folders = await rawRecords(emulator, 'document-folders');
  const withFolders = new Set(folders.map((folder) => String(folder.organizationId))).size;
  return { listDocumentFolders: organizations, listOrganizationDocuments: organizations + withFolders };
}

/** Every live record in the mirror is in IT Glue with the same name, organization and updated-at, and vice versa. */
export async function expectMirrorMatchesItGlue(store: MirrorStore, emulator: Emulator): Promise<void> {
  for (const type of MIRROR_RESOURCES) {
    const mirror = mirrorRecords(store, type);
    const remote = await itGlueRecords(emulator, type);
    expect([...mirror.keys()].sort(), `${type} ids`).toEqual([...remote.keys()].sort());
    for (const [id, record] of remote) {
      const copy = mirror.get(id) as Record<string, unknown>;
      expect(Date.parse(String(copy.updatedAt)), `${type} ${id} updatedAt`).toBe(
        Date.parse(String(record.updatedAt)),
      );
      if (type !== 'contacts') expect(copy.name, `${type} ${id} name`).toBe(record.name);
      if (type !== 'organizations')
        expect(copy.organizationId, `${type} ${id} organization`).toBe(String(record.organizationId));
    }
  }
}

/** The whole records table, for comparing two mirrors' final states. */
export function dumpRecords(
  store: MirrorStore,
): Array<{ type: string; id: string; data: string; deleted: boolean }> {
  return store.db
    .prepare<[], { type: string; id: string; data: string; deleted_at: string | null }>(
      'SELECT type, id, data, deleted_at FROM records ORDER BY type, id',
    )
    .all()
    .map((row) => ({ type: row.type, id: row.id, data: row.data, deleted: row.deleted_at !== null }));
}

export function ceil1000(n: number): number {
  return Math.max(1, Math.ceil(n / 1000));
}
