/** Opening a mirror: schema versions, tenants, read-only views, one sync at a time, freshness. */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  lockForSync,
  MirrorBusyError,
  MirrorMissingError,
  MirrorSchemaError,
  MirrorStore,
  MirrorTenantError,
  mirrorFreshness,
} from '../../src/mirror/index.js';
import { tempMirrorPath } from './support.js';

const TENANT = { baseUrl: 'https://api.itglue.com', keyFingerprint: 'sha256:0123456789ab' };

describe('MirrorStore.open', () => {
  it('refuses a mirror of another schema version, saying how to rebuild it', () => {
    const path = tempMirrorPath();
    MirrorStore.open(path, { tenant: TENANT }).close();
    const db = new Database(path);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => MirrorStore.open(path, { tenant: TENANT })).toThrow(MirrorSchemaError);
    expect(() => MirrorStore.open(path, { readonly: true })).toThrow(
      /has schema version 99; this gluekit reads version 1\. A mirror is only a copy: delete the file and sync into the mirror to rebuild it/,
    );
  });

  it('refuses a file that is not a mirror, and a missing one for views', () => {
    const path = tempMirrorPath();
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER)');
    other.close();
    expect(() => MirrorStore.open(path, { tenant: TENANT })).toThrow(
      /is not a gluekit mirror \(it has tables invoices\)/,
    );
    const missing = tempMirrorPath();
    expect(() => MirrorStore.open(missing, { readonly: true })).toThrow(MirrorMissingError);
    expect(() => MirrorStore.open(missing, { readonly: true })).toThrow(/sync into the mirror first/);
    expect(() => MirrorStore.open(missing, { readonly: true })).toThrow(
      expect.objectContaining({ next: { do: 'sync' } }),
    );
    const garbage = tempMirrorPath();
    writeFileSync(garbage, 'not a database at all, just some bytes that are long enough to be a header');
    expect(() => MirrorStore.open(garbage, { readonly: true })).toThrow();
  });

  it('belongs to one tenant: another base URL or key cannot sync into it', () => {
    const path = tempMirrorPath();
    MirrorStore.open(path, { tenant: TENANT }).close();
    expect(() =>
      MirrorStore.open(path, { tenant: { ...TENANT, keyFingerprint: 'sha256:ffffffffffff' } }),
    ).toThrow(MirrorTenantError);
    const store = MirrorStore.open(path, { readonly: true });
    expect(store.tenant()).toEqual(TENANT);
    store.close();
  });

  it('allows one sync at a time', () => {
    const path = tempMirrorPath();
    const first = MirrorStore.open(path, { tenant: TENANT });
    const second = MirrorStore.open(path, { tenant: TENANT });
    const unlock = lockForSync(first);
    expect(() => lockForSync(second)).toThrow(MirrorBusyError);
    unlock();
    lockForSync(second)();
    first.close();
    second.close();
  });

  it('reports how fresh the mirror is: never synced, fresh, or stale with a one-line warning', () => {
    const store = MirrorStore.open(tempMirrorPath(), { tenant: TENANT });
    expect(mirrorFreshness(store).warning).toMatch(/has never completed a sync/);
    store.updateResourceState('contacts', { lastSyncedAt: '2026-11-25T12:00:00.000Z' });
    store.updateResourceState('organizations', { lastSyncedAt: '2026-11-28T11:00:00.000Z' });
    const now = new Date('2026-11-28T12:00:00.000Z');
    const stale = mirrorFreshness(store, 86_400_000, now);
    expect(stale).toMatchObject({ syncedAt: '2026-11-25T12:00:00.000Z', stale: true });
    expect(stale.warning).toBe('the mirror was last synced 3 days ago (2026-11-25T12:00:00.000Z)');
    expect(stale.next).toEqual({ do: 'sync' });
    expect(stale.warning).not.toMatch(/\n/);
    expect(mirrorFreshness(store, 4 * 86_400_000, now)).toMatchObject({ stale: false, warning: null });
    store.close();
  });
});
