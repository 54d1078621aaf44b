/**
 * The ledger: what runs leave behind for the next plan, kept in the journal's SQLite file. Which
 * records each source created or matched (only those are ever deactivated or archived), the HMAC
 * fingerprint of each secret gluekit wrote, and the hash of each document body it wrote. The run
 * and intent log itself is the journal (journal.ts).
 */
import type Database from 'better-sqlite3';
import type { PlanResource, PlanTarget } from './plan.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS secret_fingerprints (
  base_url TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hmac TEXT NOT NULL,
  PRIMARY KEY (base_url, key_fingerprint, record_id, field)
);
CREATE TABLE IF NOT EXISTS content_hashes (
  base_url TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  record_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (base_url, key_fingerprint, record_id)
);
CREATE TABLE IF NOT EXISTS ownership (
  base_url TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  source_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  natural_key TEXT NOT NULL,
  run_id TEXT NOT NULL,
  PRIMARY KEY (base_url, key_fingerprint, source_id, resource, record_id)
);
`;

export interface OwnedRecord {
  resource: PlanResource;
  organizationId: string;
  recordId: string;
  key: string;
}

export class Ledger {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  markOwned(target: PlanTarget, sourceId: string, runId: string, records: OwnedRecord[]): void {
    const insert = this.db.prepare(
      `INSERT INTO ownership (base_url, key_fingerprint, source_id, resource, organization_id, record_id, natural_key, run_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET natural_key = excluded.natural_key, run_id = excluded.run_id, organization_id = excluded.organization_id`,
    );
    this.db.transaction(() => {
      for (const record of records) {
        insert.run(
          target.baseUrl,
          target.keyFingerprint,
          sourceId,
          record.resource,
          record.organizationId,
          record.recordId,
          record.key,
          runId,
        );
      }
    })();
  }

  /** Ids of the records runs of this source created or matched, for one resource. */
  ownedIds(target: PlanTarget, sourceId: string, resource: PlanResource): Set<string> {
    const rows = this.db
      .prepare(
        'SELECT record_id FROM ownership WHERE base_url = ? AND key_fingerprint = ? AND source_id = ? AND resource = ?',
      )
      .all(target.baseUrl, target.keyFingerprint, sourceId, resource) as Array<{ record_id: string }>;
    return new Set(rows.map((row) => row.record_id));
  }

  /**
   * HMAC fingerprints of secret values gluekit wrote (keyed by a local secret that never enters
   * the journal): a source value with the same fingerprint is unchanged, and costs no request.
   */
  secretFingerprints(target: PlanTarget): Map<string, string> {
    const rows = this.db
      .prepare(
        'SELECT record_id, field, hmac FROM secret_fingerprints WHERE base_url = ? AND key_fingerprint = ?',
      )
      .all(target.baseUrl, target.keyFingerprint) as Array<{
      record_id: string;
      field: string;
      hmac: string;
    }>;
    return new Map(rows.map((row) => [`${row.record_id} ${row.field}`, row.hmac]));
  }

  setSecretFingerprint(target: PlanTarget, recordId: string, field: string, hmac: string): void {
    this.db
      .prepare(
        `INSERT INTO secret_fingerprints (base_url, key_fingerprint, record_id, field, hmac) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET hmac = excluded.hmac`,
      )
      .run(target.baseUrl, target.keyFingerprint, recordId, field, hmac);
  }

  /** The hash of the content gluekit last wrote to a record (a document), to tell a person's edits from ours. */
  contentHashes(target: PlanTarget): Map<string, string> {
    const rows = this.db
      .prepare('SELECT record_id, hash FROM content_hashes WHERE base_url = ? AND key_fingerprint = ?')
      .all(target.baseUrl, target.keyFingerprint) as Array<{ record_id: string; hash: string }>;
    return new Map(rows.map((row) => [row.record_id, row.hash]));
  }

  setContentHash(target: PlanTarget, recordId: string, hash: string): void {
    this.db
      .prepare(
        `INSERT INTO content_hashes (base_url, key_fingerprint, record_id, hash) VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET hash = excluded.hash`,
      )
      .run(target.baseUrl, target.keyFingerprint, recordId, hash);
  }
}
