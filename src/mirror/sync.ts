/**
 * `syncMirror`: brings a tenant's mirror up to date through the SDK. Usable without the CLI (the
 * MCP server exposes it as a tool); it never writes to IT Glue.
 *
 * Per record type:
 * - no complete full pass yet, `full: true`, or an interrupted pass waiting → a full pass
 *   (full-pass.ts), which resumes an interrupted one where it stopped;
 * - otherwise an incremental pass (incremental.ts), and a full pass only if IT Glue's count
 *   then differs from the mirror's;
 * - documents: one list per organization every time (documents-pass.ts), after organizations.
 *
 * Types are independent: one failing does not stop the others (documents wait for
 * organizations). An abort stops everything; what was saved stays saved, and the next sync
 * continues from there.
 */
import type { GlueKit } from '../client.js';
import { RequestAbortedError } from '../core/errors.js';
import { runDocumentsPass } from './documents-pass.js';
import type { TopLevelResource } from './fetch-plan.js';
import { runFullPass } from './full-pass.js';
import { runIncrementalPass } from './incremental.js';
import { MIRROR_RESOURCES, type MirrorResource } from './resources.js';
import type { MirrorStore } from './store.js';
import { emptyTally, type ResourceTally, SyncContext, type SyncProgress } from './sync-context.js';
import { lockForSync } from './sync-lock.js';

export type { ResourceTally, SyncProgress } from './sync-context.js';

export interface SyncOptions {
  client: GlueKit;
  store: MirrorStore;
  /** A full pass for every selected type, even where an incremental one would do. */
  full?: boolean | undefined;
  /** Default: all five types. */
  resources?: readonly MirrorResource[] | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: SyncProgress) => void) | undefined;
  /** Pages (or organizations) read at once within a pass. Default: the client's `maxInFlight`; the client's own limit applies too. */
  concurrency?: number | undefined;
  /** For tests. */
  now?: (() => Date) | undefined;
}

export interface SyncFailure {
  resource: MirrorResource;
  /** The error's class name, e.g. `RateLimitError`. */
  code: string;
  message: string;
  /** The error itself (not serialized). */
  error: unknown;
}

export interface SyncSummary {
  mirror: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Requests sent to IT Glue (pages and lookups; retries inside the SDK are not counted). */
  requests: number;
  resources: ResourceTally[];
  failures: SyncFailure[];
  ok: boolean;
}

export async function syncMirror(options: SyncOptions): Promise<SyncSummary> {
  const { client, store } = options;
  const now = options.now ?? (() => new Date());
  const started = now();
  const ctx = new SyncContext(
    client,
    store,
    options.signal,
    Math.max(1, Math.floor(options.concurrency ?? client.maxInFlight)),
    now,
    options.onProgress,
  );
  const selected = new Set(options.resources ?? MIRROR_RESOURCES);
  const tallies = new Map<MirrorResource, ResourceTally>();
  const failures: SyncFailure[] = [];
  const unlock = lockForSync(store);
  try {
    const run = async (resource: MirrorResource, pass: (tally: ResourceTally) => Promise<void>) => {
      const tally = emptyTally(resource);
      tallies.set(resource, tally);
      try {
        await pass(tally);
      } catch (error) {
        failures.push({
          resource,
          code: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message : String(error),
          error,
        });
      } finally {
        tally.localCount = store.liveCount(resource);
      }
    };
    const topLevel = (resource: TopLevelResource) => (tally: ResourceTally) =>
      syncTopLevel(ctx, resource, tally, options.full === true);
    const organizationsThenDocuments = async () => {
      if (selected.has('organizations')) await run('organizations', topLevel('organizations'));
      if (!selected.has('documents')) return;
      await run('documents', async (tally) => {
        tally.mode = 'full';
        tally.reason = 'IT Glue lists documents only per organization';
        if (failures.some((failure) => failure.resource === 'organizations')) {
          tally.mode = 'skipped';
          tally.reason = 'the organizations could not be read, so their documents cannot be listed';
          return;
        }
        if (store.resourceState('organizations').fullSyncedAt === null) {
          tally.mode = 'skipped';
          tally.reason = 'documents are listed per organization: sync organizations first';
          return;
        }
        await runDocumentsPass(ctx, tally);
      });
    };
    await Promise.all([
      organizationsThenDocuments(),
      ...(['contacts', 'passwords', 'configurations'] as const)
        .filter((resource) => selected.has(resource))
        .map((resource) => run(resource, topLevel(resource))),
    ]);
  } finally {
    unlock();
  }
  if (options.signal?.aborted || failures.some((failure) => failure.error instanceof RequestAbortedError)) {
    throw new RequestAbortedError(
      'The sync was interrupted. Everything read so far is saved: run the sync again to continue where it stopped.',
    );
  }
  const finished = now();
  const resources = MIRROR_RESOURCES.flatMap((resource) => tallies.get(resource) ?? []);
  return {
    mirror: store.path,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    requests: resources.reduce((sum, tally) => sum + tally.requests, 0),
    resources,
    failures,
    ok: failures.length === 0,
  };
}

async function syncTopLevel(
  ctx: SyncContext,
  resource: TopLevelResource,
  tally: ResourceTally,
  forceFull: boolean,
): Promise<void> {
  const state = ctx.store.resourceState(resource);
  const interrupted = ctx.store.passes.get(resource);
  let reason: string | null = null;
  if (interrupted) reason = `resuming the full pass started ${interrupted.startedAt}`;
  else if (forceFull) reason = '`full`';
  else if (state.fullSyncedAt === null) reason = 'first sync';
  if (reason === null) {
    const outcome = await runIncrementalPass(ctx, resource, tally);
    if (!outcome.drift) return;
    reason = `count drift: IT Glue has ${outcome.remote}, the mirror ${outcome.local}`;
  }
  tally.mode = 'full';
  tally.reason = reason;
  await runFullPass(ctx, resource, tally);
}
