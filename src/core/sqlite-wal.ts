/**
 * Write-ahead logging for SQLite files that several gluekit processes share (the journal, the
 * mirror, the rate budget). Turning a new file to WAL takes an exclusive lock, and SQLite answers
 * SQLITE_BUSY at once, without its busy handler, when another process holds the file at that
 * moment: three plans started together would see one fail with "database is locked". So the
 * switch is tried again for a while; once any process has made it, the mode is in the file and the
 * others only read it.
 */
import type Database from 'better-sqlite3';

const SWITCH_DEADLINE_MS = 10_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export function useWriteAheadLog(db: Database.Database): void {
  const deadline = Date.now() + SWITCH_DEADLINE_MS;
  for (let waitMs = 5; ; waitMs = Math.min(waitMs * 2, 200)) {
    try {
      if (db.pragma('journal_mode', { simple: true }) === 'wal') return;
      // SQLite returns the mode it kept when it could not change it.
      if (db.pragma('journal_mode = WAL', { simple: true }) === 'wal') return;
      if (Date.now() >= deadline) {
        throw new Error('SQLite would not turn the file to write-ahead logging');
      }
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    // The constructors that call this are synchronous, and the wait is short and rare.
    Atomics.wait(pause, 0, 0, waitMs);
  }
}
