/**
 * A full pass over a top-level list: every page at size 1000 in `id` order, several at once. A
 * page is saved in slices of SAVE_SLICE records, one transaction each, and marked done in the
 * transaction of its last slice, so an interrupted pass resumes at the pages it lacks (a page
 * read again is saved again: its records then count as unchanged).
 *
 * Deletions are reconciled only after every page is in, and only for records confirmed gone: the
 * live records the pass did not see are looked up by id (`filter[id]`, 100 per request), because
 * page-number paging over a list that changed mid-pass can skip a record without it being
 * deleted. What the lookup still finds is saved; the rest is marked deleted. A pass that saw
 * nothing at all never deletes anything: an empty answer is more likely a fault than an empty
 * tenant.
 */
import { GlueKitError } from '../core/errors.js';
import { listByIds, listPage, type TopLevelResource } from './fetch-plan.js';
import type { PassState } from './passes.js';
import { runPool } from './pool.js';
import { addCounts, type ResourceTally, type SyncContext } from './sync-context.js';

export const FULL_PAGE_SIZE = 1000;
/** Ids per `filter[id]` lookup: keeps the URL well under any gateway's limit. */
export const ID_LOOKUP_CHUNK = 100;
/**
 * Records saved per transaction. Saving 1000 records (and their search entries) holds the thread
 * for a few hundred milliseconds, longer than a round trip: every answer that lands meanwhile
 * waits, and no request goes out, so the pages and document lists in flight dry up. Between
 * slices the answers that landed are handled and their slots refilled.
 */
export const SAVE_SLICE = 200;

/** Lets the answers that landed be handled (and the next requests go out) before going on. */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runFullPass(
  ctx: SyncContext,
  resource: TopLevelResource,
  tally: ResourceTally,
): Promise<void> {
  const { store } = ctx;
  const scope = resource;
  const pass: PassState = store.passes.get(scope) ?? store.passes.start(scope, ctx.nowIso());
  const history = store.resourceState(resource).fullSyncedAt !== null;
  let totalPages = pass.totalUnits;

  const readPage = async (pageNumber: number): Promise<void> => {
    const page = await ctx.request(tally, (options) =>
      listPage(ctx.client, resource, { pageNumber, pageSize: FULL_PAGE_SIZE, sort: 'id' }, options),
    );
    for (let from = 0; ; from += SAVE_SLICE) {
      const last = from + SAVE_SLICE >= page.data.length;
      const counts = store.savePage(resource, page.data.slice(from, from + SAVE_SLICE), {
        at: ctx.nowIso(),
        history,
        scope,
        units: last ? [String(pageNumber)] : [],
      });
      addCounts(tally, counts);
      if (last) break;
      await letOthersRun();
    }
    pass.unitsDone.add(String(pageNumber));
    tally.remoteCount = page.meta.totalCount;
    if (totalPages === null || page.meta.totalPages > totalPages) {
      totalPages = page.meta.totalPages;
      store.passes.setTotal(scope, totalPages);
    }
    ctx.progress({ resource, phase: 'full', done: pass.unitsDone.size, total: totalPages });
  };

  if (totalPages === null) await readPage(1);
  // The list can grow while it is read; keep going until every page IT Glue last reported is in.
  for (;;) {
    const pending: number[] = [];
    for (let page = 1; page <= (totalPages ?? 0); page++)
      if (!pass.unitsDone.has(String(page))) pending.push(page);
    if (pending.length === 0) break;
    await runPool(pending, ctx.concurrency, readPage);
  }

  await reconcile(ctx, resource, tally);
  const now = ctx.now();
  store.passes.finish(scope);
  store.updateResourceState(resource, {
    watermark: fullPassWatermark(store.maxUpdatedAt(resource), pass.startedAt, now),
    fullSyncedAt: now.toISOString(),
    lastSyncedAt: now.toISOString(),
    remoteCount: tally.remoteCount,
  });
}

/**
 * Where the next incremental read may stop. A record edited while the pass ran may have been
 * read before the edit, yet carry an `updated-at` older than the newest one seen. Every such edit
 * happened after the pass began, and the newest `updated-at` seen is no later than the pass's
 * end, so going back from it by the pass's duration reaches the pass's start in IT Glue's own
 * clock (no comparison with this machine's clock, which may be off).
 */
export function fullPassWatermark(
  maxUpdatedAt: string | null,
  passStartedAt: string,
  now: Date,
): string | null {
  if (maxUpdatedAt === null) return null;
  const duration = Math.max(0, now.getTime() - Date.parse(passStartedAt));
  return new Date(Date.parse(maxUpdatedAt) - duration).toISOString();
}

async function reconcile(ctx: SyncContext, resource: TopLevelResource, tally: ResourceTally): Promise<void> {
  const { store } = ctx;
  const candidates = store.passes.unseenLiveIds(resource, resource);
  if (candidates.length === 0) return;
  if (store.passes.seenCount(resource) === 0) {
    tally.warnings.push(
      `IT Glue listed no ${resource}, but the mirror has ${candidates.length}; nothing was marked deleted. ` +
        'If they really are gone, sync again with `full` once IT Glue answers normally, or delete the mirror.',
    );
    return;
  }
  const chunks: string[][] = [];
  for (let at = 0; at < candidates.length; at += ID_LOOKUP_CHUNK)
    chunks.push(candidates.slice(at, at + ID_LOOKUP_CHUNK));
  const history = store.resourceState(resource).fullSyncedAt !== null;
  let checked = 0;
  await runPool(chunks, ctx.concurrency, async (ids) => {
    const page = await ctx.request(tally, (options) => listByIds(ctx.client, resource, ids, options));
    const wanted = new Set(ids);
    const stray = page.data.find((record) => !wanted.has(record.id));
    if (stray) {
      // A lookup that returns other records means the id filter was not applied: nothing it
      // failed to return can be called deleted.
      throw new GlueKitError(
        `IT Glue ignored filter[id] on ${resource} (it returned ${stray.id}, which was not asked for); no deletions were reconciled`,
      );
    }
    const found = new Set(page.data.map((record) => record.id));
    addCounts(tally, store.savePage(resource, page.data, { at: ctx.nowIso(), history }));
    tally.deleted += store.markDeleted(
      resource,
      ids.filter((id) => !found.has(id)),
      ctx.nowIso(),
    );
    checked += ids.length;
    ctx.progress({ resource, phase: 'confirm', done: checked, total: candidates.length });
  });
}
