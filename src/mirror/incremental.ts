/**
 * An incremental pass: only what changed since the watermark, newest first.
 *
 * - `sort=-updated_at,id`, stopping at the first record older than the watermark. The first page
 *   is small (100): with nothing or little changed, one small request answers, and its
 *   `meta.total-count` comes with it. More changes than that are read again from page 1 at size
 *   1000.
 * - Organizations then use `filter[updated_at]` (the only type real IT Glue has it on), which
 *   returns exactly the changed ones. IT Glue may refuse ranges longer than a week, so an older
 *   watermark reads newest-first like the others. (The filter is not the first request: a
 *   filtered list's `total-count` counts the changes, and the count check needs the total.)
 *
 * The read goes back `OVERLAP_MS` before the watermark: an edit committed late with an earlier
 * `updated-at` is still found, and re-reading a record that did not change costs nothing.
 *
 * Afterwards the mirror's count must equal IT Glue's `meta.total-count`. An incremental read
 * cannot see deletions, so when the counts differ the caller runs a full pass of that type.
 */
import type { Page } from '../core/pagination.js';
import { listPage, type PageRequest, type TopLevelResource } from './fetch-plan.js';
import { isoOrNull, type MirrorRecord } from './resources.js';
import { addCounts, type ResourceTally, type SyncContext } from './sync-context.js';

export const OVERLAP_MS = 5 * 60_000;
export const FIRST_PAGE_SIZE = 100;
export const PAGE_SIZE = 1000;
/** "Date ranges longer than a week may be disallowed" (IT Glue's organizations documentation). */
export const FILTER_WINDOW_MS = 7 * 86_400_000;

export type IncrementalOutcome = { drift: false } | { drift: true; remote: number; local: number };

export async function runIncrementalPass(
  ctx: SyncContext,
  resource: TopLevelResource,
  tally: ResourceTally,
): Promise<IncrementalOutcome> {
  const { store } = ctx;
  const state = store.resourceState(resource);
  const from =
    state.watermark === null ? null : new Date(Date.parse(state.watermark) - OVERLAP_MS).toISOString();
  let newest = state.watermark;
  let pages = 0;

  const save = (records: readonly MirrorRecord[]): void => {
    addCounts(tally, store.savePage(resource, records, { at: ctx.nowIso(), history: true }));
    for (const record of records) {
      const updated = isoOrNull(record.updatedAt);
      if (updated !== null && (newest === null || updated > newest)) newest = updated;
    }
  };
  const read = async (request: PageRequest): Promise<Page<MirrorRecord>> => {
    const page = await ctx.request(tally, (options) => listPage(ctx.client, resource, request, options));
    ctx.progress({ resource, phase: 'incremental', done: ++pages, total: null });
    return page;
  };
  /** Newest first until a record older than `from`; returns whether that point was reached. */
  const saveChanged = (page: Page<MirrorRecord>): boolean => {
    const changed: MirrorRecord[] = [];
    for (const record of page.data) {
      const updated = isoOrNull(record.updatedAt);
      if (from !== null && updated !== null && updated < from) {
        save(changed);
        return true;
      }
      changed.push(record);
    }
    save(changed);
    return !page.hasNextPage();
  };
  const readNewestFirst = async (): Promise<void> => {
    for (let pageNumber = 1; ; pageNumber++) {
      if (saveChanged(await read({ pageNumber, pageSize: PAGE_SIZE, sort: 'newest' }))) return;
    }
  };

  const first = await read({ pageNumber: 1, pageSize: FIRST_PAGE_SIZE, sort: 'newest' });
  const remote = first.meta.totalCount;
  if (!saveChanged(first)) {
    // More changes than one small page. Page numbers depend on the page size, so read again from
    // page 1 at size 1000; organizations can ask for exactly the changed ones instead.
    const filterable =
      resource === 'organizations' &&
      from !== null &&
      ctx.now().getTime() - Date.parse(from) <= FILTER_WINDOW_MS;
    if (filterable) {
      for (let pageNumber = 1; ; pageNumber++) {
        const page = await read({ pageNumber, pageSize: PAGE_SIZE, sort: 'newest', updatedFrom: from });
        save(page.data);
        if (!page.hasNextPage()) break;
      }
    } else {
      await readNewestFirst();
    }
  }

  tally.remoteCount = remote;
  const local = store.liveCount(resource);
  if (local !== remote) return { drift: true, remote, local };
  store.updateResourceState(resource, {
    watermark: newest,
    lastSyncedAt: ctx.nowIso(),
    remoteCount: remote,
  });
  return { drift: false };
}
