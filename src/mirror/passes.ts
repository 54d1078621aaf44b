/**
 * The bookkeeping of full passes in progress: which pages (or organizations) are saved and which
 * ids were seen, so an interrupted pass resumes and deletions are reconciled only against a
 * complete one. Units and ids are written by `MirrorStore.savePage` in the same transaction as the
 * records they describe.
 */
import type Database from 'better-sqlite3';
import type { MirrorResource } from './resources.js';

export interface PassState {
  scope: string;
  startedAt: string;
  totalUnits: number | null;
  /** Pages (as numbers in text) or organization ids already saved. */
  unitsDone: Set<string>;
}

export class PassLedger {
  constructor(private readonly db: Database.Database) {}

  get(scope: string): PassState | undefined {
    const row = this.db
      .prepare<[string], { started_at: string; total_units: number | null }>(
        'SELECT started_at, total_units FROM passes WHERE scope = ?',
      )
      .get(scope);
    if (!row) return undefined;
    const units = this.db
      .prepare<[string], { unit: string }>('SELECT unit FROM pass_units WHERE scope = ?')
      .all(scope)
      .map((unit) => unit.unit);
    return { scope, startedAt: row.started_at, totalUnits: row.total_units, unitsDone: new Set(units) };
  }

  start(scope: string, startedAt: string): PassState {
    this.db
      .prepare('INSERT INTO passes (scope, started_at, total_units) VALUES (?, ?, NULL)')
      .run(scope, startedAt);
    return { scope, startedAt, totalUnits: null, unitsDone: new Set() };
  }

  setTotal(scope: string, totalUnits: number): void {
    this.db.prepare('UPDATE passes SET total_units = ? WHERE scope = ?').run(totalUnits, scope);
  }

  seenCount(scope: string): number {
    return (
      this.db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM pass_seen WHERE scope = ?')
        .get(scope)?.n ?? 0
    );
  }

  /** Live records of the type that the pass has not seen: the candidates for deletion. */
  unseenLiveIds(resource: MirrorResource, scope: string): string[] {
    return this.db
      .prepare<[string, string], { id: string }>(
        `SELECT r.id FROM records r WHERE r.type = ? AND r.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM pass_seen s WHERE s.scope = ? AND s.id = r.id)`,
      )
      .all(resource, scope)
      .map((row) => row.id);
  }

  finish(scope: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM pass_seen WHERE scope = ?').run(scope);
      this.db.prepare('DELETE FROM pass_units WHERE scope = ?').run(scope);
      this.db.prepare('DELETE FROM passes WHERE scope = ?').run(scope);
    })();
  }
}
