/**
 * How the engine writes one kind of record. Each workflow supplies one; the engine (apply.ts)
 * stays the same for contacts, configurations, passwords and documents.
 */
import { GlueKitError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/transport.js';
import type { PlanAction, PlanResource } from './plan.js';

/** What the engine needs to know about a record: its id, organization and version. */
export interface TargetRecord {
  id: string;
  organizationId: string;
  updatedAt: string;
  [field: string]: unknown;
}

export interface ResourceExecutor {
  readonly resource: PlanResource;
  /** POST. May throw AmbiguousWriteError: the engine then looks the record up before trying again. */
  create(action: PlanAction, options: RequestOptions): Promise<TargetRecord>;
  /** PATCH with the action's attributes (an update or a deactivation). */
  update(action: PlanAction, options: RequestOptions): Promise<TargetRecord>;
  /** Every record of one organization: one list at page size 1000 (preconditions, lookups). */
  listOrganization(organizationId: string, options: RequestOptions): Promise<TargetRecord[]>;
  /** The natural keys a record answers to (`email:…`, `serial:…`), as the planner computes them. */
  keysOf(record: TargetRecord): string[];
  /**
   * Told when a create whose answer was lost is adopted: a writer may record what it wrote, or
   * finish a write of several steps (a document's body).
   */
  adopted?(action: PlanAction, record: TargetRecord, options: RequestOptions): void | Promise<void>;
  /** A fresh read of one record, to check that a write stuck. */
  get(id: string, options: RequestOptions): Promise<TargetRecord>;
}

/**
 * A write that landed, with a later step of it that did not (a document created and written, but
 * not published). The engine records the write as done (the record is owned), with this message
 * as its note, so the next plan sees the missing step as state to settle, not a failed create.
 */
export class IncompleteWriteError extends GlueKitError {
  override name = 'IncompleteWriteError';
  constructor(
    message: string,
    readonly record: TargetRecord,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The writers a run may use, by resource. */
export type Executors = Partial<Record<PlanResource, ResourceExecutor>>;

export function executorFor(executors: Executors, resource: PlanResource): ResourceExecutor {
  const executor = executors[resource];
  if (!executor) throw new GlueKitError(`No writer for ${resource}`);
  return executor;
}

/** Where a plain writer creates: the collection of records under one organization. */
interface OrganizationCollection {
  create(organizationId: string, attributes: never, options: RequestOptions): Promise<unknown>;
}

/** Where a plain writer updates, lists and reads: the top-level collection of records. */
interface RecordCollection {
  update(id: string, attributes: never, options: RequestOptions): Promise<unknown>;
  list(filter: { organizationId: string }, options: RequestOptions): { toArray(): Promise<unknown[]> };
  get(id: string, options: RequestOptions): Promise<unknown>;
}

/**
 * The writer of a record with no secrets and no second step (a contact, a configuration): it
 * creates under the organization and updates, lists and reads at the top level.
 */
export function plainExecutor(
  resource: PlanResource,
  underOrganization: OrganizationCollection,
  records: RecordCollection,
  keysOf: (record: TargetRecord) => string[],
): ResourceExecutor {
  return {
    resource,
    create: async (action, options) =>
      (await underOrganization.create(
        action.organizationId,
        action.attributes as never,
        options,
      )) as TargetRecord,
    update: async (action, options) =>
      (await records.update(action.id as string, action.attributes as never, options)) as TargetRecord,
    listOrganization: async (organizationId, options) =>
      (await records.list({ organizationId }, options).toArray()) as TargetRecord[],
    keysOf,
    get: async (id, options) => (await records.get(id, options)) as TargetRecord,
  };
}
