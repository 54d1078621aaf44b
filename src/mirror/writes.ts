/**
 * Writing records into the mirror: an upsert that compares content (so an unchanged record costs
 * a read and nothing else), keeps the search index in step, and records what changed. Every call
 * runs inside the caller's transaction.
 */
import type Database from 'better-sqlite3';
import { diffRecords, type FieldChange } from './diff.js';
import {
  type MirrorResource,
  recordColumns,
  SEARCH_FORMAT,
  searchColumns,
  storedRecord,
} from './resources.js';

export interface ApplyCounts {
  new: number;
  updated: number;
  unchanged: number;
}

interface ExistingRow {
  rowid: number;
  data: string;
  deleted_at: string | null;
}

/** Fields IT Glue copies from another record (the organization's name) into this one. */
const DERIVED_FIELDS = new Set(['organizationName']);

export type HistoryKind = 'created' | 'updated' | 'deleted' | 'restored';

export class RecordWriter {
  readonly #select: Database.Statement<[string, string], ExistingRow>;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #markDeleted: Database.Statement;
  readonly #ftsInsert: Database.Statement;
  readonly #ftsDelete: Database.Statement;
  readonly #history: Database.Statement;
  readonly #liveRow: Database.Statement<[string, string], { rowid: number; organization_id: string | null }>;

  constructor(db: Database.Database) {
    this.#select = db.prepare('SELECT rowid, data, deleted_at FROM records WHERE type = ? AND id = ?');
    this.#insert = db.prepare(
      `INSERT INTO records (type, id, organization_id, name, created_at, updated_at, password_updated_at,
         archived, first_seen_at, deleted_at, data)
       VALUES (@type, @id, @organizationId, @name, @createdAt, @updatedAt, @passwordUpdatedAt,
         @archived, @at, NULL, @data)`,
    );
    this.#update = db.prepare(
      `UPDATE records SET organization_id = @organizationId, name = @name, created_at = @createdAt,
         updated_at = @updatedAt, password_updated_at = @passwordUpdatedAt, archived = @archived,
         deleted_at = NULL, data = @data
       WHERE type = @type AND id = @id`,
    );
    this.#markDeleted = db.prepare('UPDATE records SET deleted_at = ? WHERE rowid = ?');
    this.#ftsInsert = db.prepare('INSERT INTO search (rowid, name, details, notes) VALUES (?, ?, ?, ?)');
    this.#ftsDelete = db.prepare('DELETE FROM search WHERE rowid = ?');
    this.#history = db.prepare(
      `INSERT INTO history (type, id, organization_id, kind, changed_at, detected_at, changes)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#liveRow = db.prepare(
      'SELECT rowid, organization_id FROM records WHERE type = ? AND id = ? AND deleted_at IS NULL',
    );
  }

  /**
   * Upserts one record. `history` is off during a resource's first full pass: that pass is the
   * baseline, not a change.
   */
  apply(resource: MirrorResource, record: object, at: string, history: boolean, counts: ApplyCounts): void {
    const stored = storedRecord(record);
    const data = JSON.stringify(stored);
    const id = String(stored.id);
    const columns = recordColumns(resource, stored);
    const params = { type: resource, id, ...columns, at, data };
    const existing = this.#select.get(resource, id);
    const changedAt = columns.updatedAt ?? at;
    if (!existing) {
      const { lastInsertRowid } = this.#insert.run(params);
      this.#index(resource, Number(lastInsertRowid), stored);
      if (history) this.#record(resource, id, columns.organizationId, 'created', changedAt, at, []);
      counts.new++;
      return;
    }
    if (existing.data === data && existing.deleted_at === null) {
      counts.unchanged++;
      return;
    }
    const before = JSON.parse(existing.data) as Record<string, unknown>;
    const changes = diffRecords(before, stored);
    this.#update.run(params);
    this.#ftsDelete.run(existing.rowid);
    this.#index(resource, existing.rowid, stored);
    if (existing.deleted_at !== null) {
      if (history) this.#record(resource, id, columns.organizationId, 'restored', changedAt, at, changes);
      counts.new++;
      return;
    }
    // Only a copied field moved (its organization was renamed): the copy is refreshed, but the
    // record itself did not change, and IT Glue does not count it as an update either.
    if (changes.every((change) => DERIVED_FIELDS.has(change.field))) {
      counts.unchanged++;
      return;
    }
    if (history) this.#record(resource, id, columns.organizationId, 'updated', changedAt, at, changes);
    counts.updated++;
  }

  /** Marks a live record deleted (it drops out of search and every view); false if it was not live. */
  delete(resource: MirrorResource, id: string, at: string): boolean {
    const row = this.#liveRow.get(resource, id);
    if (!row) return false;
    this.#markDeleted.run(at, row.rowid);
    this.#ftsDelete.run(row.rowid);
    this.#record(resource, id, row.organization_id, 'deleted', at, at, []);
    return true;
  }

  #index(resource: MirrorResource, rowid: number, stored: Record<string, unknown>): void {
    const { name, details, notes } = searchColumns(resource, stored);
    this.#ftsInsert.run(rowid, name, details, notes);
  }

  #record(
    resource: MirrorResource,
    id: string,
    organizationId: string | null,
    kind: HistoryKind,
    changedAt: string,
    detectedAt: string,
    changes: FieldChange[],
  ): void {
    this.#history.run(resource, id, organizationId, kind, changedAt, detectedAt, JSON.stringify(changes));
  }
}

/**
 * Rebuilds the search index from the stored records when it was built by another format (an
 * older gluekit indexed phone numbers only as written), so no re-sync is needed. One pass over
 * the live records, in one transaction; a no-op when the format is current.
 */
export function refreshSearchIndex(db: Database.Database): void {
  const current = db
    .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'search_format'")
    .get()?.value;
  if (current === String(SEARCH_FORMAT)) return;
  const rows = db
    .prepare<[], { rowid: number; type: MirrorResource; data: string }>(
      'SELECT rowid, type, data FROM records WHERE deleted_at IS NULL',
    )
    .all();
  const insert = db.prepare('INSERT INTO search (rowid, name, details, notes) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    db.exec('DELETE FROM search');
    for (const row of rows) {
      const { name, details, notes } = searchColumns(
        row.type,
        JSON.parse(row.data) as Record<string, unknown>,
      );
      insert.run(row.rowid, name, details, notes);
    }
    db.prepare(
      "INSERT INTO meta (key, value) VALUES ('search_format', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(String(SEARCH_FORMAT));
  })();
}
