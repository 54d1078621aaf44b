/**
 * The window in a SQLite file, for every process of one user on one machine (the CLI's and the
 * MCP server's default: `<data dir>/rate-budget.sqlite`). Each admission is one IMMEDIATE
 * transaction, so two processes can never both take the last slot; SQLite's locks die with the
 * process that held them, and its slots leave the window as it slides, so a killed process
 * leaks nothing. Every process on the machine reads the same clock.
 *
 * Loaded only when a file store is used: `import { GlueKit }` never loads SQLite.
 */
import type Database from 'better-sqlite3';
import { RateStoreError } from '../errors.js';
import { preparePrivateDatabase } from '../private-files.js';
import {
  type Admission,
  type RateStore,
  type RateUsage,
  type RateWindow,
  waitBeforeStart,
  windowCutoff,
} from '../rate-store.js';
import { openDatabase } from '../sqlite-library.js';
import { useWriteAheadLog } from '../sqlite-wal.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rate_slots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS rate_slots_by_bucket ON rate_slots (bucket, at);
  CREATE TABLE IF NOT EXISTS rate_pauses (bucket TEXT PRIMARY KEY, until INTEGER NOT NULL);
`;

/** Transactions here take microseconds; a process waits this long for another's before failing. */
const BUSY_TIMEOUT_MS = 10_000;

interface Statements {
  dropExpired: Database.Statement<[string, number]>;
  count: Database.Statement<[string], { n: number }>;
  oldestThatCounts: Database.Statement<[string, number], { at: number }>;
  pausedUntil: Database.Statement<[string], { until: number }>;
  insert: Database.Statement<[string, number], { id: number }>;
  settle: Database.Statement<[number, string, number]>;
  pause: Database.Statement<[string, number]>;
}

export class FileRateStore implements RateStore {
  readonly kind = 'file';
  private db: Database.Database | undefined;
  private statements: Statements | undefined;

  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
  ) {}

  get description(): string {
    return this.path;
  }

  async tryAcquire(bucket: string, window: RateWindow): Promise<Admission> {
    return this.transaction((s) => {
      const now = this.now();
      const used = this.current(s, bucket, window, now);
      const oldestThatCounts =
        used >= window.limit ? s.oldestThatCounts.get(bucket, used - window.limit)?.at : undefined;
      const pausedUntil = s.pausedUntil.get(bucket)?.until ?? 0;
      const wait = waitBeforeStart(oldestThatCounts, window.windowMs, pausedUntil, now);
      if (wait > 0) return { granted: false, waitMs: wait };
      const row = s.insert.get(bucket, now) as { id: number };
      return { granted: true, slot: String(row.id) };
    });
  }

  async settle(bucket: string, slot: string): Promise<void> {
    this.transaction((s) => s.settle.run(Number(slot), bucket, this.now()));
  }

  async pause(bucket: string, ms: number): Promise<void> {
    this.transaction((s) => s.pause.run(bucket, this.now() + ms));
  }

  async usage(bucket: string, window: RateWindow): Promise<RateUsage> {
    return this.transaction((s) => {
      const now = this.now();
      const used = this.current(s, bucket, window, now);
      return { used, pausedForMs: Math.max(0, (s.pausedUntil.get(bucket)?.until ?? 0) - now) };
    });
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = undefined;
    this.statements = undefined;
  }

  /** Drops the slots that left the window; returns how many are left. */
  private current(s: Statements, bucket: string, window: RateWindow, now: number): number {
    s.dropExpired.run(bucket, windowCutoff(window.windowMs, now));
    return s.count.get(bucket)?.n ?? 0;
  }

  private transaction<T>(work: (s: Statements) => T): T {
    const statements = this.open();
    try {
      return (this.db as Database.Database).transaction(() => work(statements)).immediate();
    } catch (error) {
      throw new RateStoreError(
        `The shared rate budget in ${this.path} could not be read or written (${(error as Error).message}). ` +
          'No request was sent without it. Check that the file and its folder are writable, or choose another store with --rate-store or GLUEKIT_RATE_STORE.',
        { cause: error },
      );
    }
  }

  private open(): Statements {
    if (this.statements) return this.statements;
    try {
      // Private to this user: the file names key fingerprints and when they were used.
      preparePrivateDatabase(this.path, { create: true });
      const db = openDatabase(this.path, { timeout: BUSY_TIMEOUT_MS });
      useWriteAheadLog(db);
      // A process that dies keeps every committed slot (WAL with NORMAL survives a crash of the
      // process; only a power cut could lose the last few, when every process died too).
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      this.db = db;
    } catch (error) {
      throw new RateStoreError(
        `The shared rate budget file ${this.path} could not be opened (${(error as Error).message}). ` +
          'Check that the folder is writable, or choose another store with --rate-store or GLUEKIT_RATE_STORE.',
        { cause: error },
      );
    }
    const db = this.db;
    this.statements = {
      dropExpired: db.prepare('DELETE FROM rate_slots WHERE bucket = ? AND at <= ?'),
      count: db.prepare('SELECT count(*) AS n FROM rate_slots WHERE bucket = ?'),
      oldestThatCounts: db.prepare('SELECT at FROM rate_slots WHERE bucket = ? ORDER BY at LIMIT 1 OFFSET ?'),
      pausedUntil: db.prepare('SELECT until FROM rate_pauses WHERE bucket = ?'),
      insert: db.prepare('INSERT INTO rate_slots (bucket, at) VALUES (?, ?) RETURNING id'),
      settle: db.prepare(
        'INSERT INTO rate_slots (id, bucket, at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET at = max(at, excluded.at)',
      ),
      pause: db.prepare(
        'INSERT INTO rate_pauses (bucket, until) VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET until = max(until, excluded.until)',
      ),
    };
    return this.statements;
  }
}
