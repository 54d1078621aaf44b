/**
 * apply_plan: applies a plan this server made, by id, for the same key that made it. The engine
 * is the CLI's (src/workflows/apply.ts): preconditions are re-read first (time has passed since
 * the plan), every write is journaled, a lost create is adopted rather than sent twice. A plan
 * applies once; its password values, held only in memory, are dropped after.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { GlueKit } from '../../client.js';
import { GlueKitError } from '../../core/errors.js';
import { configurationExecutor } from '../../workflows/configurations/index.js';
import { contactExecutor } from '../../workflows/contacts/index.js';
import { documentExecutor } from '../../workflows/documents/index.js';
import { applyPlan } from '../../workflows/engine/apply.js';
import type { ResourceExecutor } from '../../workflows/engine/executor.js';
import { fingerprinter, loadFingerprintKey } from '../../workflows/engine/fingerprint-key.js';
import type { Journal } from '../../workflows/engine/journal.js';
import type { PlanResource } from '../../workflows/engine/plan.js';
import { passwordExecutor, secretsFromMap } from '../../workflows/passwords/index.js';
import { applyOutput } from '../output-schemas.js';
import type { StoredPlan } from '../plan-store.js';
import { defineTool, type ToolDefinition } from '../tool.js';
import { targetOf, withJournal } from './plan-common.js';

export class PlanNotAvailableError extends GlueKitError {
  override name = 'PlanNotAvailableError';
}

function writers(
  client: GlueKit,
  journal: Journal,
  dataDir: string,
  stored: StoredPlan,
): Partial<Record<PlanResource, ResourceExecutor>> {
  const target = targetOf(client);
  const executors: Partial<Record<PlanResource, ResourceExecutor>> = {
    contacts: contactExecutor(client),
    configurations: configurationExecutor(client),
    documents: documentExecutor(client, journal, target),
  };
  if (stored.plan.workflow === 'passwords') {
    const fingerprint = fingerprinter(loadFingerprintKey(join(dataDir, 'fingerprint.key')));
    executors.passwords = passwordExecutor(
      client,
      journal,
      target,
      fingerprint,
      secretsFromMap(stored.secrets ?? new Map()),
    );
  }
  return executors;
}

function findPlan(stored: StoredPlan | undefined, planId: string): StoredPlan {
  if (!stored) {
    throw new PlanNotAvailableError(
      `There is no plan ${planId} for this key. Plans are kept in memory for an hour by the server that made them, for the key that made them: make a new one with a plan_* tool.`,
    );
  }
  if (stored.applying) throw new PlanNotAvailableError(`Plan ${planId} is being applied right now.`);
  if (stored.appliedRunId) {
    throw new PlanNotAvailableError(
      `Plan ${planId} was already applied (run ${stored.appliedRunId}). Plan again to see what is left to do.`,
    );
  }
  return stored;
}

const applyTool = defineTool({
  name: 'apply_plan',
  title: 'Apply a plan',
  description:
    'Writes a plan made by a plan_* tool of this server to IT Glue, by its planId: creates, updates and deactivations exactly as listed. Records changed in IT Glue since the plan are re-checked and not overwritten; every write is journaled (undo with `gluekit undo RUN_ID`). A plan applies once.',
  input: z.strictObject({
    planId: z.string().min(1).max(100).describe('The planId a plan_* tool returned.'),
    allowConflicts: z
      .boolean()
      .default(false)
      .describe(
        'Skip conflicting actions (and records changed since the plan) instead of refusing the plan.',
      ),
  }),
  output: applyOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  toolsets: ['workflows', 'contacts', 'configurations', 'passwords', 'documents'],
  run: async (args, ctx) => {
    const client = ctx.client();
    const target = targetOf(client);
    const stored = findPlan(ctx.settings.plans.get(args.planId, target), args.planId);
    stored.applying = true;
    try {
      const result = await withJournal(ctx.settings.dataDir, (journal) =>
        applyPlan({
          plan: stored.plan,
          target,
          journal,
          executors: writers(client, journal, ctx.settings.dataDir, stored),
          checkPreconditions: true,
          allowConflicts: args.allowConflicts,
          maxCreateAttempts: client.maxRetries + 1,
          signal: ctx.signal,
        }),
      );
      stored.appliedRunId = result.runId;
      ctx.settings.plans.dropSecrets(stored);
      const outcomes = result.outcomes.map(({ action, state, recordId, error }) => ({
        key: action.key,
        action: action.action,
        state,
        ...(recordId ? { recordId } : {}),
        ...(error ? { error } : {}),
      }));
      return {
        runId: result.runId,
        counts: result.counts,
        interrupted: result.interrupted,
        ...(result.recovered.length > 0 ? { recovered: result.recovered } : {}),
        outcomes: outcomes.slice(0, 200),
        ...(outcomes.length > 200 ? { outcomesNotListed: outcomes.length - 200 } : {}),
        undo: `gluekit undo ${result.runId}`,
      };
    } finally {
      stored.applying = false;
    }
  },
});

export function applyTools(): ToolDefinition[] {
  return [applyTool];
}
