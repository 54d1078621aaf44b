/**
 * The Sync button: one sync at a time (a second press while one runs is told so, not queued), the
 * outcome as JSON for the page's script, and the read-only handle reopened afterwards.
 */
import type { SyncSummary } from '../mirror/index.js';

export interface SyncOutcome {
  status: number;
  body: {
    ok: boolean;
    message: string;
    requests?: number;
    durationMs?: number;
    resources?: Array<{ resource: string; new: number; updated: number; deleted: number }>;
    failures?: Array<{ resource: string; message: string }>;
  };
}

export class SyncRunner {
  #running: Promise<SyncOutcome> | null = null;

  constructor(
    private readonly sync: () => Promise<SyncSummary>,
    private readonly afterSync: () => void,
  ) {}

  get running(): boolean {
    return this.#running !== null;
  }

  async run(): Promise<SyncOutcome> {
    if (this.#running) return { status: 409, body: { ok: false, message: 'A sync is already running.' } };
    this.#running = this.#once();
    try {
      return await this.#running;
    } finally {
      this.#running = null;
    }
  }

  /** Waits for a running sync (for a clean shutdown). */
  async settled(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }

  async #once(): Promise<SyncOutcome> {
    let summary: SyncSummary;
    try {
      summary = await this.sync();
    } catch (error) {
      return { status: 502, body: { ok: false, message: (error as Error).message } };
    } finally {
      this.afterSync();
    }
    const changed = summary.resources.reduce(
      (sum, tally) => sum + tally.new + tally.updated + tally.deleted,
      0,
    );
    const failures = summary.failures.map(({ resource, message }) => ({ resource, message }));
    return {
      status: 200,
      body: {
        ok: summary.ok,
        message: summary.ok
          ? `Synced: ${changed} record${changed === 1 ? '' : 's'} changed, ${summary.requests} request${summary.requests === 1 ? '' : 's'} in ${(summary.durationMs / 1000).toFixed(1)} s.`
          : `Sync finished with ${failures.length} failure${failures.length === 1 ? '' : 's'}: ${failures.map((f) => `${f.resource}: ${f.message}`).join('; ')}`,
        requests: summary.requests,
        durationMs: summary.durationMs,
        resources: summary.resources.map(({ resource, new: added, updated, deleted }) => ({
          resource,
          new: added,
          updated,
          deleted,
        })),
        failures,
      },
    };
  }
}
