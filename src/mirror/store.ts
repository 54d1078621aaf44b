/**
 * A tenant's mirror: one SQLite file (WAL, so views can read while a sync writes). Opening checks
 * the schema version and, for a sync, that the file belongs to the same base URL and key.
 */
import type Database from 'better-sqlite3';
import { preparePrivateDatabase } from '../core/private-files.js';
import { openDatabase } from '../core/sqlite-library.js';
import { useWriteAheadLog } from '../core/sqlite-wal.js';
import type { DocumentFolder } from '../spec/models.js';
import { MirrorMissingError, MirrorSchemaError, MirrorTenantError } from './errors.js';
import { PassLedger } from './passes.js';
import { MIRROR_RESOURCES, type MirrorResource, storedRecord } from './resources.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { type ApplyCounts, RecordWriter, refreshSearchIndex } from './writes.js';

export type { PassState } from './passes.js';
export type { ApplyCounts } from './writes.js';

export interface MirrorTenant {
  baseUrl: string;
  keyFingerprint: string;
}

export interface OpenOptions {
  /** Views open read-only and need an existing mirror. */
  readonly?: boolean;
  /** For a sync: the tenant the file must belong to (recorded on first use). */
  tenant?: MirrorTenant;
}

export interface ResourceState {
  resource: MirrorResource;
  /** Incremental reads go back to this `updated-at` (every later change is found). */
  watermark: string | null;
  /** When the last complete full pass ended; null before the first one. */
  fullSyncedAt: string | null;
  lastSyncedAt: string | null;
  remoteCount: number | null;
}

interface StateRow {
  resource: MirrorResource;
  watermark: string | null;
  full_synced_at: string | null;
  last_synced_at: string | null;
  remote_count: number | null;
}

function tableNames(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((row) => row.name);
}

export class MirrorStore {
  readonly db: Database.Database;
  readonly path: string;
  /** Full passes in progress. */
  readonly passes: PassLedger;
  readonly #writer: RecordWriter | undefined;

  private constructor(db: Database.Database, path: string, writable: boolean) {
    this.db = db;
    this.path = path;
    this.passes = new PassLedger(db);
    this.#writer = writable ? new RecordWriter(db) : undefined;
  }

  static open(path: string, options: OpenOptions = {}): MirrorStore {
    let db: Database.Database;
    if (options.readonly) {
      try {
        preparePrivateDatabase(path, { create: false });
        db = openDatabase(path, { readonly: true, fileMustExist: true });
      } catch (error) {
        const why = (error as Error).message;
        throw new MirrorMissingError(
          (say) =>
            `No mirror at ${path} (${why}): ${say.step({ do: 'sync' })} first${say.has('db') ? `, or ${say.pass('db')} with the path of one` : ''}.`,
          { cause: error, next: { do: 'sync' } },
        );
      }
    } else {
      preparePrivateDatabase(path, { create: true });
      db = openDatabase(path);
    }
    try {
      db.pragma('busy_timeout = 5000');
      if (options.readonly) MirrorStore.#checkSchema(db, path, true);
      else {
        // Check, create and stamp in one write transaction: a second process opening a new mirror
        // at the same moment waits, then finds it whole (never tables without their version).
        db.transaction(() => {
          MirrorStore.#checkSchema(db, path, false);
          db.exec(SCHEMA_SQL);
          db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)").run(
            String(SCHEMA_VERSION),
          );
          db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)").run(
            new Date().toISOString(),
          );
        }).immediate();
        useWriteAheadLog(db);
        db.pragma('synchronous = NORMAL');
        refreshSearchIndex(db);
      }
      const store = new MirrorStore(db, path, !options.readonly);
      if (options.tenant) store.#claim(options.tenant);
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  static #checkSchema(db: Database.Database, path: string, readonly: boolean): void {
    const tables = tableNames(db);
    if (!tables.includes('meta')) {
      if (tables.length === 0 && !readonly) return;
      if (tables.length === 0) {
        const next = { do: 'sync', db: path } as const;
        throw new MirrorSchemaError(
          (say) => `${path} is an empty database, not a gluekit mirror: ${say.step(next)} to fill it.`,
          { next },
        );
      }
      throw new MirrorSchemaError(
        `${path} is not a gluekit mirror (it has tables ${tables.slice(0, 5).join(', ')}): pass another \`db\` path.`,
      );
    }
    const row = db
      .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")
      .get();
    if (row?.value !== String(SCHEMA_VERSION)) {
      const found = row?.value ?? 'none';
      throw new MirrorSchemaError(
        (say) =>
          `The mirror at ${path} has schema version ${found}; this gluekit reads version ${SCHEMA_VERSION}. ` +
          `A mirror is only a copy: delete the file and ${say.step({ do: 'sync' })} to rebuild it.`,
        { next: { do: 'sync' } },
      );
    }
  }

  #claim(tenant: MirrorTenant): void {
    const baseUrl = this.meta('base_url');
    const fingerprint = this.meta('key_fingerprint');
    if (baseUrl === undefined && fingerprint === undefined) {
      this.setMeta('base_url', tenant.baseUrl);
      this.setMeta('key_fingerprint', tenant.keyFingerprint);
      return;
    }
    if (baseUrl !== tenant.baseUrl || fingerprint !== tenant.keyFingerprint) {
      throw new MirrorTenantError(
        `The mirror at ${this.path} belongs to ${baseUrl} (key ${fingerprint}), not ${tenant.baseUrl} (key ${tenant.keyFingerprint}). ` +
          "Syncing into it would mix two tenants: drop `db` to use this tenant's own mirror, or pass a new path.",
      );
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  tenant(): MirrorTenant | null {
    const baseUrl = this.meta('base_url');
    const keyFingerprint = this.meta('key_fingerprint');
    return baseUrl && keyFingerprint ? { baseUrl, keyFingerprint } : null;
  }

  meta(key: string): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)
      ?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  deleteMeta(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }

  get #write(): RecordWriter {
    if (!this.#writer) throw new Error('This mirror was opened read-only');
    return this.#writer;
  }

  /**
   * Saves records in one transaction, and, inside a pass, marks their ids seen and the units
   * (pages or organizations) they came from done: a crash leaves either all of it or none.
   */
  savePage(
    resource: MirrorResource,
    records: readonly object[],
    options: { at: string; history: boolean; scope?: string; units?: readonly string[] },
  ): ApplyCounts {
    const counts: ApplyCounts = { new: 0, updated: 0, unchanged: 0 };
    const writer = this.#write;
    const markSeen = this.db.prepare('INSERT OR IGNORE INTO pass_seen (scope, id) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const record of records) {
        writer.apply(resource, record, options.at, options.history, counts);
        if (options.scope !== undefined) markSeen.run(options.scope, String((record as { id: unknown }).id));
      }
      if (options.scope !== undefined) {
        const markDone = this.db.prepare('INSERT OR IGNORE INTO pass_units (scope, unit) VALUES (?, ?)');
        for (const unit of options.units ?? []) markDone.run(options.scope, unit);
      }
    })();
    return counts;
  }

  /**
   * Replaces the document folders of these organizations with the ones just listed. Runs in the
   * caller's transaction when there is one (better-sqlite3 nests it as a savepoint).
   */
  replaceFolders(organizationIds: readonly string[], folders: readonly DocumentFolder[]): void {
    const remove = this.db.prepare('DELETE FROM document_folders WHERE organization_id = ?');
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO document_folders (id, organization_id, parent_id, name, data)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const organizationId of organizationIds) remove.run(organizationId);
      for (const folder of folders) {
        insert.run(
          String(folder.id),
          String(folder.organizationId),
          folder.parentId == null ? null : String(folder.parentId),
          folder.name ?? null,
          JSON.stringify(storedRecord(folder)),
        );
      }
    })();
  }

  /** Marks records deleted; returns how many were live. */
  markDeleted(resource: MirrorResource, ids: readonly string[], at: string): number {
    const writer = this.#write;
    let deleted = 0;
    this.db.transaction(() => {
      for (const id of ids) if (writer.delete(resource, id, at)) deleted++;
    })();
    return deleted;
  }

  liveCount(resource: MirrorResource): number {
    return (
      this.db
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM records WHERE type = ? AND deleted_at IS NULL',
        )
        .get(resource)?.n ?? 0
    );
  }

  maxUpdatedAt(resource: MirrorResource): string | null {
    return (
      this.db
        .prepare<[string], { m: string | null }>(
          'SELECT max(updated_at) AS m FROM records WHERE type = ? AND deleted_at IS NULL',
        )
        .get(resource)?.m ?? null
    );
  }

  liveOrganizationIds(): string[] {
    return this.db
      .prepare<[], { id: string }>(
        "SELECT id FROM records WHERE type = 'organizations' AND deleted_at IS NULL ORDER BY length(id), id",
      )
      .all()
      .map((row) => row.id);
  }

  resourceState(resource: MirrorResource): ResourceState {
    const row = this.db
      .prepare<[string], StateRow>('SELECT * FROM resource_state WHERE resource = ?')
      .get(resource);
    return {
      resource,
      watermark: row?.watermark ?? null,
      fullSyncedAt: row?.full_synced_at ?? null,
      lastSyncedAt: row?.last_synced_at ?? null,
      remoteCount: row?.remote_count ?? null,
    };
  }

  updateResourceState(resource: MirrorResource, patch: Partial<Omit<ResourceState, 'resource'>>): void {
    const next = { ...this.resourceState(resource), ...patch };
    this.db
      .prepare(
        `INSERT INTO resource_state (resource, watermark, full_synced_at, last_synced_at, remote_count)
         VALUES (@resource, @watermark, @fullSyncedAt, @lastSyncedAt, @remoteCount)
         ON CONFLICT (resource) DO UPDATE SET watermark = excluded.watermark,
           full_synced_at = excluded.full_synced_at, last_synced_at = excluded.last_synced_at,
           remote_count = excluded.remote_count`,
      )
      .run(next);
  }

  /**
   * When the mirror was last brought up to date: the oldest last sync among the types synced so
   * far (a view is only as fresh as its stalest input); null before any sync.
   */
  syncedAt(): string | null {
    const times = MIRROR_RESOURCES.map((resource) => this.resourceState(resource).lastSyncedAt).filter(
      (time): time is string => time !== null,
    );
    return times.length === 0 ? null : (times.sort()[0] ?? null);
  }
}
