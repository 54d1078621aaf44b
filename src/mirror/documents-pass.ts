/**
 * Documents: real IT Glue lists them only per organization (`/organizations/{id}/relationships/
 * documents`), and without `filter[document_folder_id]` only those at the root level. So every
 * sync reads, per organization, its folders and its root-level documents (two requests, sent
 * together), then the documents of all its folders at once (one more request per
 * FOLDERS_PER_REQUEST folders, none when it has no folders); there is no cheaper incremental read.
 * A server that lists every document at the root (the document's own model, the emulator's seed
 * profile) shows it by listing foldered documents there: then the folder lists are not read.
 *
 * Each organization's documents and folders are saved in one transaction with the organization
 * marked done, so an interrupted pass resumes with the organizations it lacks. Documents no
 * organization listed are marked deleted once every organization is in.
 */
import { NotFoundError } from '../core/errors.js';
import type { Page } from '../core/pagination.js';
import type { RequestOptions } from '../core/transport.js';
import type { Document, DocumentFolder } from '../spec/models.js';
import { FOLDERS_PER_REQUEST, listDocumentFolders, listOrganizationDocuments } from './fetch-plan.js';
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

  const finished: Array<{ organizationId: string; documents: MirrorRecord[]; folders: DocumentFolder[] }> =
    [];
  /** Every page of one list; null when the organization is gone (deleted after it was read). */
  const readAll = async <T>(
    read: (pageNumber: number, options: RequestOptions) => Promise<Page<T>>,
  ): Promise<T[] | null> => {
    const records: T[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      try {
        const page = await ctx.request(tally, (options) => read(pageNumber, options));
        records.push(...page.data);
        if (!page.hasNextPage()) return records;
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    }
  };
  const readOrganization = async (organizationId: string): Promise<void> => {
    const [folders, root] = await Promise.all([
      readAll((n, options) => listDocumentFolders(ctx.client, organizationId, n, options)),
      readAll((n, options) => listOrganizationDocuments(ctx.client, organizationId, n, options)),
    ]);
    const documents = new Map<string, Document>((root ?? []).map((document) => [document.id, document]));
    const rootListsFolders = [...documents.values()].some((document) => document.documentFolderId != null);
    if (folders && root && !rootListsFolders) {
      const folderIds = folders.map((folder) => folder.id);
      for (let at = 0; at < folderIds.length; at += FOLDERS_PER_REQUEST) {
        const chunk = folderIds.slice(at, at + FOLDERS_PER_REQUEST);
        const inFolders = await readAll((n, options) =>
          listOrganizationDocuments(ctx.client, organizationId, n, options, chunk),
        );
        for (const document of inFolders ?? []) documents.set(document.id, document);
      }
    }
    finished.push({ organizationId, documents: [...documents.values()], folders: folders ?? [] });
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
    const folders = batch.flatMap((entry) => entry.folders);
    store.db.transaction(() => {
      store.replaceFolders(units, folders);
      addCounts(
        tally,
        store.savePage('documents', documents, { at: ctx.nowIso(), history, scope: SCOPE, units }),
      );
    })();
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
