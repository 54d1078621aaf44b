/**
 * Applies a plan: checks it still holds, then writes with bounded concurrency, journaling an
 * intent before each write and the outcome after. A create whose outcome is unknown
 * (AmbiguousWriteError) is never re-sent blindly: the record is looked up by its natural key and
 * adopted if it exists. Intents left pending by a crash are resolved the same way first. The
 * result: exactly one record per key, whatever the network does.
 */
import { DEFAULT_MAX_RETRIES } from '../../client.js';
import {
  AmbiguousWriteError,
  ConflictError,
  RequestAbortedError,
  ValidationError,
} from '../../core/errors.js';
import { IN_FLIGHT_FLOOR } from '../../core/in-flight.js';
import type { RequestOptions } from '../../core/transport.js';
import type { Words } from '../../core/words.js';
import { type Executors, executorFor, IncompleteWriteError, type TargetRecord } from './executor.js';
import type { Journal, WriteState } from './journal.js';
import type { OwnedRecord } from './ledger.js';
import { type Plan, type PlanAction, type PlanTarget, WRITE_ACTIONS } from './plan.js';
import { checkPreconditions, checkTarget } from './preconditions.js';
import { findByKey, type RecoveredWrite, recoverPendingIntents } from './recovery.js';

export { WrongTargetError } from './preconditions.js';
export { recoverInterruptedRuns } from './recovery.js';

export class PlanConflictError extends ConflictError {
  override name = 'PlanConflictError';
  constructor(
    message: string | Words,
    readonly conflicts: PlanAction[],
  ) {
    super(message);
  }
}

export interface ApplyOptions {
  plan: Plan;
  target: PlanTarget;
  journal: Journal;
  executors: Executors;
  /** Re-read the target and refuse records changed since the plan (always, for a saved plan). */
  checkPreconditions: boolean;
  /** Skip conflicting actions instead of refusing the whole plan. */
  allowConflicts?: boolean;
  /** Writes under way at once. Default 8, the client's least in-flight limit: more would journal intents that only wait. */
  concurrency?: number;
  signal?: AbortSignal | undefined;
  /**
   * Creates tried at most this many times while their outcome stays unknown (each try after a
   * lookup showed the record missing): the client's allowance, `client.maxRetries + 1`. Default:
   * the default client's.
   */
  maxCreateAttempts?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ActionOutcome {
  seq: number;
  action: PlanAction;
  state: Exclude<WriteState, 'pending'>;
  recordId?: string | undefined;
  error?: string | undefined;
}

export interface ApplyResult {
  runId: string;
  outcomes: ActionOutcome[];
  counts: Record<string, number>;
  /** Intents a crashed run left pending, resolved before this run wrote anything. */
  recovered: RecoveredWrite[];
  interrupted: boolean;
}

export async function applyPlan(options: ApplyOptions): Promise<ApplyResult> {
  const { plan, journal } = options;
  checkTarget(plan, options.target);
  const requestOptions: RequestOptions = { signal: options.signal };
  const recovered = await recoverPendingIntents(options, requestOptions);

  const conflicts = plan.actions.filter((action) => action.action === 'conflict');
  const stale = options.checkPreconditions
    ? await checkPreconditions(plan, options.executors, requestOptions)
    : [];
  if ((conflicts.length > 0 || stale.length > 0) && !options.allowConflicts) {
    const parts = [
      conflicts.length > 0 ? `${conflicts.length} conflicting action(s)` : '',
      stale.length > 0 ? `${stale.length} record(s) changed in IT Glue since the plan was made` : '',
    ].filter(Boolean);
    throw new PlanConflictError(
      (say) =>
        `Nothing was written: the plan has ${parts.join(' and ')}. Review them, plan again, or ${say.pass('allowConflicts')} to skip them.`,
      [...conflicts, ...stale],
    );
  }
  const staleSet = new Set(stale);
  const runId = journal.startRun(plan);
  const outcomes: ActionOutcome[] = [];
  const work = plan.actions
    .map((action, seq) => ({ action, seq }))
    .filter(({ action }) => WRITE_ACTIONS.has(action.action));
  let next = 0;
  let done = 0;
  let interrupted = false;

  const worker = async () => {
    while (next < work.length) {
      if (options.signal?.aborted) {
        interrupted = true;
        return;
      }
      const item = work[next++] as { action: PlanAction; seq: number };
      if (staleSet.has(item.action)) {
        journal.recordIntent(runId, item.seq, item.action);
        journal.recordOutcome(runId, item.seq, {
          state: 'conflict',
          error: 'changed in IT Glue since the plan was made',
        });
        outcomes.push({
          seq: item.seq,
          action: item.action,
          state: 'conflict',
          error: 'changed since planned',
        });
      } else {
        const outcome = await applyOne(options, runId, item.seq, item.action, requestOptions);
        if (outcome === 'aborted') {
          interrupted = true;
          return;
        }
        outcomes.push(outcome);
      }
      options.onProgress?.(++done, work.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? IN_FLIGHT_FLOOR) }, worker));

  markOwnership(options, runId, outcomes);
  const failed = outcomes.some((outcome) => outcome.state === 'failed');
  journal.finishRun(runId, interrupted ? 'interrupted' : failed ? 'failed' : 'done');
  outcomes.sort((a, b) => a.seq - b.seq);
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.state] = (counts[outcome.state] ?? 0) + 1;
  return { runId, outcomes, counts, recovered, interrupted };
}

/** Records created or matched become the source's own (only owned records are ever deactivated or archived). */
function markOwnership(options: ApplyOptions, runId: string, outcomes: ActionOutcome[]): void {
  const owned: OwnedRecord[] = [];
  for (const outcome of outcomes) {
    if ((outcome.state === 'done' || outcome.state === 'adopted') && outcome.recordId) {
      owned.push({
        resource: outcome.action.resource,
        organizationId: outcome.action.organizationId,
        recordId: outcome.recordId,
        key: outcome.action.key,
      });
    }
  }
  for (const action of options.plan.actions) {
    if (action.action === 'unchanged' && action.id) {
      owned.push({
        resource: action.resource,
        organizationId: action.organizationId,
        recordId: action.id,
        key: action.key,
      });
    }
  }
  if (owned.length > 0) options.journal.ledger.markOwned(options.target, options.plan.sourceId, runId, owned);
}

function beforeAndAfter(action: PlanAction): {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
} {
  // A create carries what it sends as attributes, not changes: the journal keeps them as `after`
  // (the audit export's field values; the journal redacts any secret).
  if (!action.changes)
    return action.action === 'create' && action.attributes ? { after: action.attributes } : {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(action.changes)) {
    before[field] = change.from;
    after[field] = change.to;
  }
  return { before, after };
}

async function applyOne(
  options: ApplyOptions,
  runId: string,
  seq: number,
  action: PlanAction,
  requestOptions: RequestOptions,
): Promise<ActionOutcome | 'aborted'> {
  const { journal } = options;
  const executor = executorFor(options.executors, action.resource);
  const maxAttempts = options.maxCreateAttempts ?? DEFAULT_MAX_RETRIES + 1;
  const fail = (error: string): ActionOutcome => {
    journal.recordOutcome(runId, seq, { state: 'failed', error });
    return { seq, action, state: 'failed', error };
  };
  try {
    if (action.action === 'create') {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        journal.recordIntent(runId, seq, action);
        try {
          const record = await executor.create(action, requestOptions);
          journal.recordOutcome(runId, seq, {
            state: 'done',
            recordId: record.id,
            ...beforeAndAfter(action),
          });
          return { seq, action, state: 'done', recordId: record.id };
        } catch (error) {
          if (!(error instanceof AmbiguousWriteError)) throw error;
          // The record may exist: adopt it rather than create a second one.
          const matches = await findByKey(executor, action.organizationId, action.key, requestOptions);
          if (matches.length === 1) {
            const adopted = matches[0] as TargetRecord;
            let note: string | undefined;
            try {
              await executor.adopted?.(action, adopted, requestOptions);
            } catch (error) {
              if (!(error instanceof IncompleteWriteError)) throw error;
              note = error.message;
            }
            journal.recordOutcome(runId, seq, {
              state: 'adopted',
              recordId: adopted.id,
              error: note,
              ...beforeAndAfter(action),
            });
            return { seq, action, state: 'adopted', recordId: adopted.id, error: note };
          }
          if (matches.length > 1)
            return fail(
              `${matches.length} records now answer to ${action.key}; resolve the duplicates in IT Glue`,
            );
        }
      }
      return fail(`the outcome stayed unknown after ${maxAttempts} attempts; re-run to converge`);
    }
    journal.recordIntent(runId, seq, action);
    const record = await executor.update(action, requestOptions);
    if (action.expect) {
      const check = await executor.get(record.id, requestOptions);
      const missed = Object.entries(action.expect).filter(([field, value]) => check[field] !== value);
      if (missed.length > 0) {
        const hint =
          action.resource === 'contacts'
            ? 'check that `deactivateType` names a contact type IT Glue lets this contact take'
            : 'IT Glue may refuse this field on a synced record';
        const fields = missed.map(([field]) => field).join(', ');
        return fail(`the write did not stick (${fields} unchanged when read back): ${hint}`);
      }
    }
    journal.recordOutcome(runId, seq, { state: 'done', recordId: record.id, ...beforeAndAfter(action) });
    return { seq, action, state: 'done', recordId: record.id };
  } catch (error) {
    if (error instanceof IncompleteWriteError) {
      // The record was written; a later step was not: done, with what is left said.
      const recordId = error.record.id;
      journal.recordOutcome(runId, seq, {
        state: 'done',
        recordId,
        error: error.message,
        ...beforeAndAfter(action),
      });
      return { seq, action, state: 'done', recordId, error: error.message };
    }
    if (error instanceof RequestAbortedError) return 'aborted';
    if (error instanceof ValidationError && error.status === 422 && action.action !== 'create') {
      // A PSA- or RMM-synced record refuses changes: skipped with IT Glue's reason, never re-created.
      journal.recordOutcome(runId, seq, { state: 'skipped', error: error.message });
      return { seq, action, state: 'skipped', error: error.message };
    }
    return fail(error instanceof Error ? error.message : String(error));
  }
}
