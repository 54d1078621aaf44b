/**
 * Intents a crashed or killed run left pending, resolved before anything new is written: a
 * create is looked up by its natural key and adopted if IT Glue has it; an update is marked
 * failed (idempotent: the next plan repeats it only if it is missing).
 */
import type { RequestOptions } from '../../core/transport.js';
import type { Executors, ResourceExecutor } from './executor.js';
import type { Journal, WriteState } from './journal.js';
import type { PlanTarget } from './plan.js';

/** A pending intent as recovery settled it. */
export interface RecoveredWrite {
  runId: string;
  key: string;
  state: WriteState;
  recordId: string | null;
}

/** Looks a record up by its natural key: one list of its organization, matched here. */
export async function findByKey(
  executor: ResourceExecutor,
  organizationId: string,
  key: string,
  options: RequestOptions,
) {
  const records = await executor.listOrganization(organizationId, options);
  const matches = records.filter((record) => executor.keysOf(record).includes(key));
  return matches;
}

interface RecoveryOptions {
  journal: Journal;
  target: PlanTarget;
  executors: Executors;
}

/**
 * Resolves what a killed run left pending, on its own: for a plan with nothing to write (the
 * killed run may have written everything before it died), so the intents, the run's status and
 * the ownership of what it created are settled all the same.
 */
export async function recoverInterruptedRuns(
  options: RecoveryOptions & { signal?: AbortSignal | undefined },
): Promise<RecoveredWrite[]> {
  return recoverPendingIntents(options, { signal: options.signal });
}

export async function recoverPendingIntents(
  options: RecoveryOptions,
  requestOptions: RequestOptions,
): Promise<RecoveredWrite[]> {
  const recovered: RecoveredWrite[] = [];
  for (const pending of options.journal.pendingWrites(options.target)) {
    const executor = options.executors[pending.resource];
    if (!executor) continue;
    if (pending.action === 'create') {
      const matches = await findByKey(executor, pending.organizationId, pending.key, requestOptions);
      const adopted = matches.length === 1 ? matches[0] : undefined;
      const state: WriteState = adopted ? 'adopted' : 'failed';
      options.journal.recordOutcome(pending.runId, pending.seq, {
        state,
        recordId: adopted?.id,
        error: adopted ? undefined : 'interrupted before IT Glue created it; the next plan creates it',
      });
      recovered.push({ runId: pending.runId, key: pending.key, state, recordId: adopted?.id ?? null });
    } else {
      // An update is idempotent: a fresh plan compares again and repeats it only if it is missing.
      options.journal.recordOutcome(pending.runId, pending.seq, {
        state: 'failed',
        error: 'interrupted; outcome unknown, re-plan to converge',
      });
      recovered.push({ runId: pending.runId, key: pending.key, state: 'failed', recordId: pending.recordId });
    }
  }
  options.journal.closeAbandonedRuns();
  return recovered;
}
