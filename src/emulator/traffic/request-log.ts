/**
 * Request counts for tests and benchmarks: by method, by route template (not the concrete path),
 * by operationId and by status, plus a log of the last writes. A connection destroyed by a fault
 * has no status; it is counted under `reset`.
 */

export interface WriteLogEntry {
  method: string;
  path: string;
  operationId?: string;
  /** The status the handler produced (0 when the request never reached it). */
  status: number;
  /** Ids of the records created or changed. */
  ids: string[];
  committed: boolean;
  /** False when a fault destroyed the connection: the client never saw the status. */
  delivered: boolean;
}

export interface RequestCounts {
  total: number;
  byMethod: Record<string, number>;
  byRoute: Record<string, number>;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  writes: WriteLogEntry[];
}

export interface RequestRecord {
  method: string;
  /** `GET /organizations/{organization_id}/relationships/contacts`. */
  route: string;
  operationId: string | undefined;
  path: string;
  status: number;
  delivered: boolean;
  ids: string[];
  committed: boolean;
}

const MAX_WRITES = 10_000;

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export class RequestLog {
  #counts: RequestCounts = RequestLog.#empty();

  static #empty(): RequestCounts {
    return { total: 0, byMethod: {}, byRoute: {}, byOperation: {}, byStatus: {}, writes: [] };
  }

  record(request: RequestRecord): void {
    const counts = this.#counts;
    counts.total += 1;
    bump(counts.byMethod, request.method);
    bump(counts.byRoute, request.route);
    if (request.operationId !== undefined) bump(counts.byOperation, request.operationId);
    bump(counts.byStatus, request.delivered ? String(request.status) : 'reset');
    if (request.method !== 'POST' && request.method !== 'PATCH') return;
    const entry: WriteLogEntry = {
      method: request.method,
      path: request.path,
      status: request.status,
      ids: request.ids,
      committed: request.committed,
      delivered: request.delivered,
    };
    if (request.operationId !== undefined) entry.operationId = request.operationId;
    counts.writes.push(entry);
    if (counts.writes.length > MAX_WRITES) counts.writes.splice(0, counts.writes.length - MAX_WRITES);
  }

  /** A deep copy, safe to hand out. */
  snapshot(): RequestCounts {
    return structuredClone(this.#counts);
  }

  clear(): void {
    this.#counts = RequestLog.#empty();
  }
}
