/**
 * apply_plan: applies a plan this server made, by id, for the same key that made it, through the
 * workflow runtime the CLI uses (src/workflows/workspace.ts): preconditions are re-read first
 * (time has passed since the plan), every write is journaled, a lost create is adopted rather than
 * sent twice. A plan applies once; its password values, held only in memory, are dropped after.
 */
import { z } from 'zod';
import { GlueKitError } from '../../core/errors.js';
import { planTarget } from '../../workflows/engine/plan.js';
import { secretsFromMap } from '../../workflows/passwords/index.js';
import { withWorkspace } from '../../workflows/workspace.js';
import { applyOutput } from '../output-schemas.js';
import type { StoredPlan } from '../plan-store.js';
import { defineTool, type ToolDefinition } from '../tool.js';

export class PlanNotAvailableError extends GlueKitError {
  override name = 'PlanNotAvailableError';
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
    const stored = findPlan(ctx.settings.plans.get(args.planId, planTarget(client)), args.planId);
    stored.applying = true;
    try {
      const outcome = await withWorkspace(ctx.settings.dataDir, (workspace) =>
        workspace.apply(client, stored.plan, {
          checkPreconditions: true,
          allowConflicts: args.allowConflicts,
          secrets: stored.secrets ? secretsFromMap(stored.secrets) : undefined,
          signal: ctx.signal,
          // Every apply answers with a run id, even for a plan with nothing to do.
          alwaysRecordRun: true,
        }),
      );
      // No approval is asked and every plan records a run: an apply always ends applied.
      if (outcome.kind !== 'applied') throw new GlueKitError(`apply ended ${outcome.kind}`);
      const { result } = outcome;
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
