/**
 * Documents: real IT Glue lists them only per organization (`/organizations/{id}/relationships/
 * documents`, root-level documents only, no filters and no sort), so every sync reads one list per
 * organization; there is no cheaper incremental read. Each organization's documents are saved in
 * one transaction with the organization marked done, so an interrupted pass resumes with the
 * organizations it lacks. Documents no organization listed are marked deleted once every
 * organization is in (this includes documents moved into a folder, which the API no longer lists).
 */
import { NotFoundError } from '../core/errors.js';
import { listOrganizationDocuments } from './fetch-plan.js';
import { runPool } from './pool.js';
import type { MirrorRecord } from './resources.js';
import { addCounts, type ResourceTally, type SyncContext } from './sync-context.js';

const SCOPE = 'documents';
/** Organizations whose documents are saved per transaction. */
const SAVE_BATCH = 25;

export async function runDocumentsPass(ctx: SyncContext, tally: ResourceTally): Promise<void> {
  const { store } = ctx;
  const pass = store.passes.get(SCOPE) ?? store.passes.start(SCOPE, ctx.nowIso());
  const history = store.resourceState('documents').fullSyncedAt !== null;
  const organizations = store.liveOrganizationIds();
  store.passes.setTotal(SCOPE, organizations.length);

  const finished: Array<{ organizationId: string; documents: MirrorRecord[] }> = [];
  const readOrganization = async (organizationId: string): Promise<void> => {
    const documents: MirrorRecord[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      try {
        const page = await ctx.request(tally, (options) =>
          listOrganizationDocuments(ctx.client, organizationId, pageNumber, options),
        );
        documents.push(...page.data);
        if (!page.hasNextPage()) break;
      } catch (error) {
        // The organization was deleted after the organizations were read: it has no documents now.
        if (error instanceof NotFoundError) break;
        throw error;
      }
    }
    finished.push({ organizationId, documents });
    ctx.progress({
      resource: 'documents',
      phase: 'documents',
      done: pass.unitsDone.size + finished.length,
      total: organizations.length,
    });
    if (finished.length >= SAVE_BATCH) saveFinished();
  };
  /**
   * Saves the organizations read so far in one transaction: each commit also flushes the search
   * index, so a commit per organization would cost more than the reading.
   */
  const saveFinished = (): void => {
    const batch = finished.splice(0);
    if (batch.length === 0) return;
    const units = batch.map((entry) => entry.organizationId);
    const documents = batch.flatMap((entry) => entry.documents);
    addCounts(
      tally,
      store.savePage('documents', documents, { at: ctx.nowIso(), history, scope: SCOPE, units }),
    );
    for (const unit of units) pass.unitsDone.add(unit);
  };

  try {
    await runPool(
      organizations.filter((id) => !pass.unitsDone.has(id)),
      ctx.concurrency,
      readOrganization,
    );
  } finally {
    // What was read before an abort or a failure is kept, so a resumed pass skips it.
    saveFinished();
  }

  const candidates = store.passes.unseenLiveIds('documents', SCOPE);
  if (candidates.length > 0 && store.passes.seenCount(SCOPE) === 0) {
    tally.warnings.push(
      `No organization listed any documents, but the mirror has ${candidates.length}; nothing was marked deleted.`,
    );
  } else {
    tally.deleted += store.markDeleted('documents', candidates, ctx.nowIso());
  }
  const now = ctx.nowIso();
  tally.remoteCount = store.passes.seenCount(SCOPE);
  store.passes.finish(SCOPE);
  store.updateResourceState('documents', {
    fullSyncedAt: now,
    lastSyncedAt: now,
    remoteCount: tally.remoteCount,
  });
}
