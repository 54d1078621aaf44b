/**
 * The mirror's tables. One `records` table for all five types keeps the views simple (coverage and
 * orphans are one GROUP BY or anti-join), with typed columns for what views filter and sort on and
 * the whole record as JSON for everything else.
 *
 * - `records`: the latest copy of each record; `deleted_at` is set when a complete pass no longer
 *   finds it (views skip those rows, `changes` and `orphans` still explain them).
 * - `history`: field-level differences found between syncs (old → new), for `changes`.
 * - `search`: FTS5 over names, identifiers and notes; its rowid is the record's rowid.
 * - `document_folders`: each organization's document folders, replaced whenever its documents are
 *   read, so views can name a document's folder. Mirrors made before it existed get it on their
 *   next sync (CREATE IF NOT EXISTS); views read it only when it is there.
 * - `resource_state`: per type, the incremental watermark and when the last full pass finished.
 * - `passes`, `pass_units`, `pass_seen`: a full pass in progress (pages or organizations done,
 *   ids seen), so an interrupted pass resumes and deletions are only reconciled after a whole one.
 */

export const SCHEMA_VERSION = 1;

/**
 * Trigram: every 3-character substring is indexed, so a fragment of a serial (`CJ452`), an email
 * domain (`happyfrog.example`), an IP prefix (`10.10.2`) or a hostname prefix matches as typed.
 * bench/mirror.ts compares it with unicode61 + `tokenchars '-@._:'` over a scale:500 mirror
 * (13,454 records): trigram's index is 2.5x larger (5.0 vs 2.0 MiB) and a query takes under 0.4 ms
 * instead of under 0.02 ms, while unicode61 finds no serial fragment, email domain, IP prefix or
 * hostname fragment at all (it keeps `ada@example.com` and `10.1.2.3` as single tokens).
 * Terms shorter than 3 characters cannot use a trigram index; the search view matches those as
 * substrings (LIKE) instead. MAC addresses and phone numbers are also indexed without separators
 * (resources.ts; a change there bumps SEARCH_FORMAT, and the next writable open rebuilds the index).
 */
export const SEARCH_TOKENIZER = 'trigram remove_diacritics 1';

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS records (
  type                TEXT NOT NULL,
  id                  TEXT NOT NULL,
  organization_id     TEXT,
  name                TEXT,
  created_at          TEXT,
  updated_at          TEXT,
  password_updated_at TEXT,
  archived            INTEGER,
  first_seen_at       TEXT NOT NULL,
  deleted_at          TEXT,
  data                TEXT NOT NULL,
  PRIMARY KEY (type, id)
);
CREATE INDEX IF NOT EXISTS records_by_organization ON records (organization_id, type) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS records_by_updated ON records (type, updated_at);

CREATE TABLE IF NOT EXISTS history (
  seq             INTEGER PRIMARY KEY,
  type            TEXT NOT NULL,
  id              TEXT NOT NULL,
  organization_id TEXT,
  kind            TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted', 'restored')),
  changed_at      TEXT NOT NULL,
  detected_at     TEXT NOT NULL,
  changes         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_by_time ON history (changed_at);
CREATE INDEX IF NOT EXISTS history_by_record ON history (type, id);

CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (name, details, notes, tokenize = '${SEARCH_TOKENIZER}');

CREATE TABLE IF NOT EXISTS document_folders (
  id              TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  parent_id       TEXT,
  name            TEXT,
  data            TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_folders_by_organization ON document_folders (organization_id);

CREATE TABLE IF NOT EXISTS resource_state (
  resource        TEXT PRIMARY KEY,
  watermark       TEXT,
  full_synced_at  TEXT,
  last_synced_at  TEXT,
  remote_count    INTEGER
);

CREATE TABLE IF NOT EXISTS passes (
  scope       TEXT PRIMARY KEY,
  started_at  TEXT NOT NULL,
  total_units INTEGER
);
CREATE TABLE IF NOT EXISTS pass_units (
  scope TEXT NOT NULL,
  unit  TEXT NOT NULL,
  PRIMARY KEY (scope, unit)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pass_seen (
  scope TEXT NOT NULL,
  id    TEXT NOT NULL,
  PRIMARY KEY (scope, id)
) WITHOUT ROWID;
`;
