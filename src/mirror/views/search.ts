/**
 * `search`: every record whose names, emails, phone numbers, hostnames, serial numbers, asset
 * tags, MAC addresses, IPs, usernames, URLs or notes contain all the query's terms, best first.
 * Terms are matched literally (see fts.ts); each hit names its organization and the fields that
 * matched.
 */
import { MirrorInputError } from '../errors.js';
import { classifyTerms, containsTerm, likePattern, matchExpression } from '../fts.js';
import { type MirrorResource, SEARCH_FIELDS } from '../resources.js';
import type { MirrorStore } from '../store.js';
import { organizationName, organizationsById, parseData, type Stored, stringOrNull } from './common.js';
import { documentFolderPaths, folderOf } from './folders.js';

export interface SearchOptions {
  query: string;
  type?: MirrorResource | undefined;
  organizationId?: string | undefined;
  /** Default 50. */
  limit?: number | undefined;
}

export interface SearchHit {
  type: MirrorResource;
  id: string;
  name: string | null;
  organizationId: string | null;
  organizationName: string | null;
  /** The fields whose values contain a term, e.g. `serialNumber`, `contactEmails`. */
  matched: string[];
  /**
   * A few identifying fields of the record's type (email, hostname, serial, username, …); a
   * document in a folder has `folder`, the folder's path.
   */
  details: Record<string, unknown>;
}

const DETAIL_FIELDS: Record<MirrorResource, readonly string[]> = {
  organizations: ['shortName', 'organizationTypeName', 'organizationStatusName'],
  contacts: ['email', 'title'],
  configurations: [
    'hostname',
    'serialNumber',
    'assetTag',
    'primaryIp',
    'macAddress',
    'configurationTypeName',
    'archived',
  ],
  passwords: ['username', 'url', 'passwordCategoryName', 'archived'],
  documents: ['published', 'archived'],
};

interface HitRow {
  type: MirrorResource;
  id: string;
  name: string | null;
  organization_id: string | null;
  data: string;
}

export function search(store: MirrorStore, options: SearchOptions): SearchHit[] {
  const terms = classifyTerms(options.query);
  if (terms.indexed.length === 0 && terms.short.length === 0) {
    throw new MirrorInputError('The search query is empty: give one or more words, e.g. "SN-123"');
  }
  const limit = options.limit ?? 50;
  const match = matchExpression(terms);
  const params: Record<string, string | number> = { limit };
  const where = ['r.deleted_at IS NULL'];
  if (match !== null) {
    where.push('search MATCH @match');
    params.match = match;
  }
  terms.short.forEach((term, index) => {
    const name = `short${index}`;
    params[name] = likePattern(term);
    where.push(
      `(search.name LIKE @${name} ESCAPE '\\' OR search.details LIKE @${name} ESCAPE '\\' OR search.notes LIKE @${name} ESCAPE '\\')`,
    );
  });
  if (options.type) {
    where.push('r.type = @type');
    params.type = options.type;
  }
  if (options.organizationId) {
    where.push('r.organization_id = @organizationId');
    params.organizationId = options.organizationId;
  }
  // The name counts most, then identifiers, then notes.
  const order = match !== null ? 'bm25(search, 10.0, 4.0, 1.0)' : 'r.type, r.name';
  const rows = store.db
    .prepare<Record<string, string | number>, HitRow>(
      `SELECT r.type, r.id, r.name, r.organization_id, r.data
       FROM search JOIN records r ON r.rowid = search.rowid
       WHERE ${where.join(' AND ')}
       ORDER BY ${order} LIMIT @limit`,
    )
    .all(params);
  const organizations = organizationsById(store);
  const folders = rows.some((row) => row.type === 'documents') ? documentFolderPaths(store) : new Map();
  const allTerms = [...terms.indexed, ...terms.short];
  return rows.map((row) => {
    const record = parseData(row);
    const folder = row.type === 'documents' ? folderOf(folders, record) : null;
    return {
      type: row.type,
      id: row.id,
      name: row.name,
      organizationId: row.organization_id,
      organizationName: organizationName(organizations, row.organization_id, record),
      matched: matchedFields(row.type, record, allTerms),
      details: folder === null ? details(row.type, record) : { folder, ...details(row.type, record) },
    };
  });
}

function matchedFields(type: MirrorResource, record: Stored, terms: readonly string[]): string[] {
  return SEARCH_FIELDS[type]
    .filter((field) => field.values(record).some((value) => terms.some((term) => containsTerm(value, term))))
    .map((field) => field.field);
}

function details(type: MirrorResource, record: Stored): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS[type]) {
    const value = record[field];
    if (value !== null && value !== undefined && value !== '')
      out[field] = typeof value === 'string' ? stringOrNull(value) : value;
  }
  return out;
}
