/**
 * The journal: a SQLite file that records every run and, for every write, an intent before it is
 * sent and its outcome after. It is what makes writes exactly-once across lost responses and
 * crashes (a pending intent is resolved by looking the record up before anything is retried),
 * what `runs list|show` shows and what `undo` reverses. Its ledger (ledger.ts, same file) tells
 * which records a source owns and what gluekit last wrote to them.
 *
 * It holds no key (a fingerprint only) and no secret value (before/after values are redacted).
 */
import type Database from 'better-sqlite3';
import { GlueKitError } from '../../core/errors.js';
import { preparePrivateDatabase } from '../../core/private-files.js';
import { redactSecrets } from '../../core/redact.js';
import { openDatabase } from '../../core/sqlite-library.js';
import { useWriteAheadLog } from '../../core/sqlite-wal.js';
import { Ledger } from './ledger.js';
import type { ActionKind, Plan, PlanAction, PlanResource, PlanTarget, WorkflowName } from './plan.js';
import { planDigest } from './plan.js';

const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  workflow TEXT NOT NULL,
  source_id TEXT NOT NULL,
  base_url TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  plan_digest TEXT NOT NULL,
  options TEXT NOT NULL,
  undo_of TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  pid INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS writes (
  run_id TEXT NOT NULL REFERENCES runs(id),
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  natural_key TEXT NOT NULL,
  record_id TEXT,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  intent_at TEXT NOT NULL,
  outcome_at TEXT,
  before TEXT,
  after TEXT,
  error TEXT,
  source_file TEXT,
  source_line INTEGER,
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX IF NOT EXISTS writes_pending ON writes(state) WHERE state = 'pending';
-- lastAppliedWrites: every contacts plan asks for the deactivations applied so far.
CREATE INDEX IF NOT EXISTS writes_by_kind ON writes(resource, action);
`;

export type WriteState = 'pending' | 'done' | 'adopted' | 'failed' | 'skipped' | 'conflict';
export type RunStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface RunSummary {
  id: string;
  workflow: WorkflowName;
  sourceId: string;
  baseUrl: string;
  keyFingerprint: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  undoOf: string | null;
  options: Record<string, unknown>;
  counts: Record<string, number>;
}

export interface WriteRecord {
  seq: number;
  action: ActionKind;
  resource: PlanResource;
  organizationId: string;
  key: string;
  recordId: string | null;
  state: WriteState;
  attempts: number;
  intentAt: string;
  outcomeAt: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  error: string | null;
  source: { file: string; line: number } | null;
}

export interface PendingWrite extends WriteRecord {
  runId: string;
}

export class JournalError extends GlueKitError {
  override name = 'JournalError';
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(redactSecrets(value));
}

function parse(value: unknown): Record<string, unknown> | null {
  return typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : null;
}

function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')
    .replace('T', '-');
  return `run-${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}

export class Journal {
  private readonly db: Database.Database;
  /** What the runs leave behind for the next plan: ownership, secret fingerprints, content hashes. */
  readonly ledger: Ledger;

  private constructor(readonly path: string) {
    preparePrivateDatabase(path, { create: true });
    this.db = openDatabase(path);
    useWriteAheadLog(this.db);
    this.db.pragma('synchronous = FULL'); // an intent must be on disk before its request leaves
    this.db.exec(SCHEMA);
    this.ledger = new Ledger(this.db);
    // Several gluekit processes may open a new journal at the same moment (three plans started
    // together): the first one stamps the schema, the others keep its stamp and then compare.
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
      .run('schema', SCHEMA_VERSION);
    const version = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as {
      value: string;
    };
    if (version.value !== SCHEMA_VERSION) {
      throw new JournalError(
        `${path} has journal schema ${version.value}; this gluekit writes ${SCHEMA_VERSION}. Upgrade gluekit, or move the file aside.`,
      );
    }
  }

  static open(path: string): Journal {
    return new Journal(path);
  }

  close(): void {
    this.db.close();
  }

  startRun(plan: Plan, now = new Date()): string {
    const undoOf = typeof plan.options.undoOf === 'string' ? plan.options.undoOf : undefined;
    const id = newRunId(now);
    this.db
      .prepare(
        `INSERT INTO runs (id, workflow, source_id, base_url, key_fingerprint, plan_digest, options, undo_of, started_at, status, pid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
      )
      .run(
        id,
        plan.workflow,
        plan.sourceId,
        plan.target.baseUrl,
        plan.target.keyFingerprint,
        planDigest(plan),
        JSON.stringify(redactSecrets(plan.options)),
        undoOf ?? null,
        now.toISOString(),
        process.pid,
      );
    return id;
  }

  finishRun(runId: string, status: RunStatus): void {
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?')
      .run(status, new Date().toISOString(), runId);
  }

  /** Written (and synced to disk) before the request is sent. */
  recordIntent(runId: string, seq: number, action: PlanAction): void {
    this.db
      .prepare(
        `INSERT INTO writes (run_id, seq, action, resource, organization_id, natural_key, record_id, state, attempts, intent_at, source_file, source_line)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 1, ?, ?, ?)
         ON CONFLICT (run_id, seq) DO UPDATE SET state = 'pending', attempts = attempts + 1`,
      )
      .run(
        runId,
        seq,
        action.action,
        action.resource,
        action.organizationId,
        action.key,
        action.id ?? null,
        new Date().toISOString(),
        action.source?.file ?? null,
        action.source?.line ?? null,
      );
  }

  recordOutcome(
    runId: string,
    seq: number,
    outcome: {
      state: Exclude<WriteState, 'pending'>;
      recordId?: string | undefined;
      before?: unknown;
      after?: unknown;
      error?: string | undefined;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE writes SET state = ?, record_id = COALESCE(?, record_id), before = COALESCE(?, before), after = COALESCE(?, after),
         error = ?, outcome_at = ? WHERE run_id = ? AND seq = ?`,
      )
      .run(
        outcome.state,
        outcome.recordId ?? null,
        json(outcome.before),
        json(outcome.after),
        outcome.error ?? null,
        new Date().toISOString(),
        runId,
        seq,
      );
  }

  /**
   * Intents whose outcome never arrived, for this target, from runs whose process is gone (a
   * crash, a kill). A run still alive in another process is left to finish its own writes.
   */
  pendingWrites(target: PlanTarget): PendingWrite[] {
    const rows = this.db
      .prepare(
        `SELECT w.*, r.pid AS run_pid FROM writes w JOIN runs r ON r.id = w.run_id
         WHERE w.state = 'pending' AND r.base_url = ? AND r.key_fingerprint = ? ORDER BY r.started_at, w.seq`,
      )
      .all(target.baseUrl, target.keyFingerprint) as Array<Record<string, unknown>>;
    return rows
      .filter((row) => !isAlive(Number(row.run_pid)))
      .map((row) => ({ ...toWrite(row), runId: String(row.run_id) }));
  }

  /** Runs left `running` by a process that is gone: they were interrupted. */
  closeAbandonedRuns(): void {
    const running = this.db.prepare("SELECT id, pid FROM runs WHERE status = 'running'").all() as Array<{
      id: string;
      pid: number;
    }>;
    for (const run of running) {
      if (!isAlive(run.pid)) this.finishRun(run.id, 'interrupted');
    }
  }

  /**
   * Each record's latest applied write of one kind on this target (any run, any source), e.g. the
   * last deactivation of each contact, so a workflow can tell what gluekit itself did to it.
   */
  lastAppliedWrites(
    target: PlanTarget,
    resource: PlanResource,
    action: ActionKind,
  ): Map<string, PendingWrite> {
    const rows = this.db
      .prepare(
        `SELECT w.* FROM writes w JOIN runs r ON r.id = w.run_id
         WHERE r.base_url = ? AND r.key_fingerprint = ? AND w.resource = ? AND w.action = ?
           AND w.state IN ('done', 'adopted') AND w.record_id IS NOT NULL
         ORDER BY w.outcome_at, r.started_at, w.seq`,
      )
      .all(target.baseUrl, target.keyFingerprint, resource, action) as Array<Record<string, unknown>>;
    return new Map(
      rows.map((row) => [String(row.record_id), { ...toWrite(row), runId: String(row.run_id) }]),
    );
  }

  listRuns(limit = 50): RunSummary[] {
    const runs = this.db
      .prepare('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?')
      .all(limit) as Array<Record<string, unknown>>;
    return runs.map((run) => this.summary(run));
  }

  getRun(id: string): { run: RunSummary; writes: WriteRecord[] } {
    const run = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as
      | Record<string, unknown>
      | undefined;
    if (!run) {
      const next = { do: 'listRuns' } as const;
      throw new JournalError((say) => `No run ${JSON.stringify(id)} in ${this.path}; ${say.step(next)}`, {
        next,
      });
    }
    const writes = this.db.prepare('SELECT * FROM writes WHERE run_id = ? ORDER BY seq').all(id) as Array<
      Record<string, unknown>
    >;
    return { run: this.summary(run), writes: writes.map(toWrite) };
  }

  private summary(run: Record<string, unknown>): RunSummary {
    const counts = this.db
      .prepare('SELECT state, COUNT(*) AS n FROM writes WHERE run_id = ? GROUP BY state')
      .all(run.id) as Array<{ state: string; n: number }>;
    return {
      id: String(run.id),
      workflow: run.workflow as WorkflowName,
      sourceId: String(run.source_id),
      baseUrl: String(run.base_url),
      keyFingerprint: String(run.key_fingerprint),
      startedAt: String(run.started_at),
      finishedAt: (run.finished_at as string | null) ?? null,
      status: run.status as RunStatus,
      undoOf: (run.undo_of as string | null) ?? null,
      options: JSON.parse(String(run.options)) as Record<string, unknown>,
      counts: Object.fromEntries(counts.map((row) => [row.state, row.n])),
    };
  }
}

/** Whether a process (on this machine, where the journal lives) is still running. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function toWrite(row: Record<string, unknown>): WriteRecord {
  return {
    seq: Number(row.seq),
    action: row.action as ActionKind,
    resource: row.resource as PlanResource,
    organizationId: String(row.organization_id),
    key: String(row.natural_key),
    recordId: (row.record_id as string | null) ?? null,
    state: row.state as WriteState,
    attempts: Number(row.attempts),
    intentAt: String(row.intent_at),
    outcomeAt: (row.outcome_at as string | null) ?? null,
    before: parse(row.before),
    after: parse(row.after),
    error: (row.error as string | null) ?? null,
    source: row.source_file ? { file: String(row.source_file), line: Number(row.source_line) } : null,
  };
}
