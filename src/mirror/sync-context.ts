/**
 * What every pass of a sync shares: the client and the store, the abort signal, a request counter
 * per record type, progress reporting and the per-type tallies that become the summary.
 */
import type { GlueKit } from '../client.js';
import { RequestAbortedError } from '../core/errors.js';
import type { RequestOptions } from '../core/transport.js';
import type { MirrorResource } from './resources.js';
import type { ApplyCounts, MirrorStore } from './store.js';

export interface SyncProgress {
  resource: MirrorResource;
  /** `full`: pages of a full pass; `incremental`: pages read back to the watermark; `confirm`:
   * deletion candidates checked by id; `documents`: organizations whose documents were listed. */
  phase: 'full' | 'incremental' | 'confirm' | 'documents';
  done: number;
  /** Null while not yet known (before the first page answers). */
  total: number | null;
}

export interface ResourceTally {
  resource: MirrorResource;
  mode: 'full' | 'incremental' | 'skipped';
  /** Why a full pass ran (`first sync`, `--full`, `count drift …`, `resumed …`), or why it was skipped. */
  reason: string | null;
  new: number;
  updated: number;
  deleted: number;
  unchanged: number;
  requests: number;
  /** IT Glue's `meta.total-count` (documents: how many the organization lists held). */
  remoteCount: number | null;
  /** Live records in the mirror after the sync. */
  localCount: number;
  warnings: string[];
}

export function emptyTally(resource: MirrorResource): ResourceTally {
  return {
    resource,
    mode: 'incremental',
    reason: null,
    new: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    requests: 0,
    remoteCount: null,
    localCount: 0,
    warnings: [],
  };
}

export function addCounts(tally: ResourceTally, counts: ApplyCounts): void {
  tally.new += counts.new;
  tally.updated += counts.updated;
  tally.unchanged += counts.unchanged;
}

export class SyncContext {
  constructor(
    readonly client: GlueKit,
    readonly store: MirrorStore,
    readonly signal: AbortSignal | undefined,
    /** Pages or organizations read at once per pass; the client's own limit still applies. */
    readonly concurrency: number,
    readonly now: () => Date,
    private readonly onProgress: ((progress: SyncProgress) => void) | undefined,
  ) {}

  nowIso(): string {
    return this.now().toISOString();
  }

  /** Sends one request through the SDK, counted against the record type. */
  async request<T>(tally: ResourceTally, send: (options: RequestOptions) => Promise<T>): Promise<T> {
    this.checkAborted();
    tally.requests++;
    return send(this.signal ? { signal: this.signal } : {});
  }

  checkAborted(): void {
    if (this.signal?.aborted) throw new RequestAbortedError('The sync was aborted');
  }

  progress(progress: SyncProgress): void {
    this.onProgress?.(progress);
  }
}
