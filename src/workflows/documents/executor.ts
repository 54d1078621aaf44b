/**
 * Writes documents: create, then the body (sections), then publish; remembers the body's hash.
 * A publish that fails after the document and its body were written does not make the write a
 * failure: the document is ours, and the run says "created, not published" (the next plan with
 * --publish sees it unpublished and publishes it).
 */
import type { GlueKit } from '../../client.js';
import { GlueKitError, RequestAbortedError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/transport.js';
import type { SectionInput } from '../../resources/section-rendering.js';
import { IncompleteWriteError, type ResourceExecutor, type TargetRecord } from '../engine/executor.js';
import type { Journal } from '../engine/journal.js';
import type { PlanAction, PlanTarget } from '../engine/plan.js';
import { contentHash } from './decide.js';
import { documentKey } from './matching.js';

export function documentExecutor(client: GlueKit, journal: Journal, target: PlanTarget): ResourceExecutor {
  /** The body, then the publish; returns the publish's error instead of throwing it. */
  const write = async (id: string, action: PlanAction, options: RequestOptions): Promise<unknown> => {
    const { sections, publish } = action.attributes as { sections?: SectionInput[]; publish?: boolean };
    if (sections) {
      const html = await client.documents.setBody(id, sections, options);
      journal.ledger.setContentHash(target, id, contentHash(html));
    }
    if (!publish) return undefined;
    try {
      await client.documents.publish(id, options);
      return undefined;
    } catch (error) {
      if (error instanceof RequestAbortedError) throw error;
      return error;
    }
  };
  const notPublished = (what: string, record: TargetRecord, error: unknown) =>
    new IncompleteWriteError(
      `${what}, not published (${error instanceof Error ? error.message : String(error)}); the next run with \`publish\` publishes it`,
      record,
      { cause: error },
    );
  return {
    resource: 'documents',
    async create(action, options) {
      const {
        sections: _sections,
        publish: _publish,
        ...attributes
      } = action.attributes as Record<string, unknown>;
      const document = (await client.organizations.documents.create(
        action.organizationId,
        attributes as never,
        options,
      )) as unknown as TargetRecord;
      const failed = await write(document.id, action, options);
      if (failed) throw notPublished('created', document, failed);
      return document;
    },
    async update(action, options) {
      const id = action.id as string;
      // The writer knows a body and a publish; anything else (an undo's `content` or `published`:
      // IT Glue cannot unpublish) is refused rather than reported done with nothing sent.
      const other = Object.keys(action.attributes ?? {}).filter((k) => k !== 'sections' && k !== 'publish');
      if (other.length > 0)
        throw new GlueKitError(
          `document ${id}: ${other.join(', ')} cannot be written back by gluekit; restore it in IT Glue (the document's revisions)`,
        );
      const failed = await write(id, action, options);
      const record = (await client.documents.get(id, options)) as unknown as TargetRecord;
      if (failed) throw notPublished(action.attributes?.sections ? 'written' : 'unchanged', record, failed);
      return record;
    },
    // A create whose answer was lost: the document exists; its body is written now.
    async adopted(action, record, options) {
      const failed = await write(record.id, action, options);
      if (failed) throw notPublished('created', record, failed);
    },
    listOrganization: async (organizationId, options) =>
      (await client.organizations.documents
        .list(organizationId, { allFolders: true }, options)
        .toArray()) as unknown as TargetRecord[],
    keysOf: (record) => [documentKey(record.documentFolderId as string | null, String(record.name))],
    get: async (id, options) => (await client.documents.get(id, options)) as unknown as TargetRecord,
  };
}
