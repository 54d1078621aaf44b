/**
 * The audit trail: every write gluekit made to IT Glue, one row per changed field, read from the
 * journal file for `gluekit runs export`. It reads the journal's tables directly, read-only, so
 * it depends on the file's format (schema 1) and not on how the Journal class is organised.
 *
 * Only writes that happened are rows: `done` (IT Glue answered) and `adopted` (a create whose
 * answer was lost, found afterwards by its natural key). Failed, skipped and still-pending writes
 * changed nothing that gluekit knows of. Secret fields (src/spec/secrets.ts) are `(changed)`,
 * never a value: the journal stores none, and this reader does not trust that it never did.
 */
import { existsSync } from 'node:fs';
import { openDatabase } from '../../core/sqlite-library.js';
import { isSecretKey } from '../../spec/secrets.js';
import { SECRET_CHANGED } from './plan.js';

export interface AuditRow {
  /** When IT Glue answered (or, for a write adopted later, when it was resolved). */
  at: string;
  runId: string;
  workflow: string;
  /** The run this one undid, when it is an undo. */
  undoOf: string | null;
  /** The IT Glue the write went to, and the fingerprint of the key that made it. */
  target: string;
  keyFingerprint: string;
  action: string;
  resource: string;
  recordId: string | null;
  organizationId: string;
  /** The natural key the plan matched the record on, e.g. `email:ada@example.com`. */
  key: string;
  state: string;
  /** One changed field; null when the write recorded no field changes. */
  field: string | null;
  before: unknown;
  after: unknown;
  /** Who owns what the run created (the plan's source id). */
  sourceId: string;
  /** The plan: its digest (what it writes), its source file, and its file when applied from one. */
  planDigest: string;
  planSource: string | null;
  planFile: string | null;
  sourceFile: string | null;
  sourceLine: number | null;
}

interface WriteRow {
  run_id: string;
  workflow: string;
  undo_of: string | null;
  base_url: string;
  key_fingerprint: string;
  plan_digest: string;
  options: string;
  source_id: string;
  seq: number;
  action: string;
  resource: string;
  organization_id: string;
  natural_key: string;
  record_id: string | null;
  state: string;
  intent_at: string;
  outcome_at: string | null;
  before: string | null;
  after: string | null;
  source_file: string | null;
  source_line: number | null;
}

/** A value as the export shows it: secrets (at any depth) as `(changed)`. */
function shown(field: string, value: unknown): unknown {
  if (isSecretKey(field)) return value === null || value === undefined ? null : SECRET_CHANGED;
  if (Array.isArray(value)) return value.map((inner) => shown('', inner));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shown(key, inner)]));
}

function parsed(text: string | null): Record<string, unknown> {
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function optionText(options: Record<string, unknown>, name: string): string | null {
  const value = options[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

function rowsOf(write: WriteRow): AuditRow[] {
  const options = parsed(write.options);
  const before = parsed(write.before);
  const after = parsed(write.after);
  const common = {
    at: write.outcome_at ?? write.intent_at,
    runId: write.run_id,
    workflow: write.workflow,
    undoOf: write.undo_of,
    target: write.base_url,
    keyFingerprint: write.key_fingerprint,
    action: write.action,
    resource: write.resource,
    recordId: write.record_id,
    organizationId: write.organization_id,
    key: write.natural_key,
    state: write.state,
    sourceId: write.source_id,
    planDigest: write.plan_digest,
    planSource: optionText(options, 'source'),
    planFile: optionText(options, 'planFile'),
    sourceFile: write.source_file,
    sourceLine: write.source_line,
  };
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (fields.length === 0) return [{ ...common, field: null, before: null, after: null }];
  return fields.map((field) => ({
    ...common,
    field,
    before: shown(field, before[field] ?? null),
    after: shown(field, after[field] ?? null),
  }));
}

export interface AuditOptions {
  /** Only writes at or after this time (ISO 8601). */
  since?: string | undefined;
}

/** The trail, oldest first; empty when no journal exists yet (gluekit never wrote anything). */
export function readAuditTrail(journalPath: string, options: AuditOptions = {}): AuditRow[] {
  if (!existsSync(journalPath)) return [];
  const db = openDatabase(journalPath, { readonly: true, fileMustExist: true });
  try {
    const writes = db
      .prepare(
        `SELECT w.*, r.workflow, r.undo_of, r.base_url, r.key_fingerprint, r.plan_digest, r.options, r.source_id
         FROM writes w JOIN runs r ON r.id = w.run_id
         WHERE w.state IN ('done', 'adopted') AND COALESCE(w.outcome_at, w.intent_at) >= ?
         ORDER BY COALESCE(w.outcome_at, w.intent_at), w.run_id, w.seq`,
      )
      .all(options.since ?? '') as WriteRow[];
    return writes.flatMap(rowsOf);
  } finally {
    db.close();
  }
}
