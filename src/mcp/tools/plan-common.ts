/**
 * What the plan_* tools share: inline rows (CSV or JSON text, or a JSON array), the warnings a
 * plan collects, and the result an agent reviews: a plan id, the counts, and the actions that do
 * something. Plans are made by the workflow runtime of the server's data directory
 * (src/workflows/workspace.ts), the one the CLI uses.
 */
import { z } from 'zod';
import type { SourceWarning } from '../../sources/index.js';
import { type Plan, type PlanAction, writeCount } from '../../workflows/engine/plan.js';
import type { WorkflowOption, WorkflowSpec } from '../../workflows/options.js';
import type { StoredPlan } from '../plan-store.js';
import type { ToolAnnotations } from '../tool.js';

/** Inline rows stand for a file named this in messages (`rows:3` is the third line). */
export const ROWS_NAME = 'rows';

/** Planning reads IT Glue and writes nothing there; each call makes a new plan, changing nothing. */
export const PLANNING: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

export const rowsSchema = z
  .union([z.string().min(1).max(10_000_000), z.array(z.record(z.string(), z.unknown())).min(1).max(100_000)])
  .describe('The source rows: CSV text with a header line, JSON text, or a JSON array of objects.');

export function rowsText(rows: string | ReadonlyArray<Record<string, unknown>>): string {
  return typeof rows === 'string' ? rows : JSON.stringify(rows);
}

export const actionLimit = z
  .number()
  .int()
  .min(1)
  .max(1000)
  .default(100)
  .describe('Actions listed at most (default 100); the summary counts them all.');

export function formatSchema(formats: readonly string[]) {
  return z
    .enum(['auto', ...formats] as [string, ...string[]])
    .default('auto')
    .describe(`The export format: ${formats.join(', ')}, or auto to detect it from the headers or keys.`);
}

/** A workflow's options as MCP tool inputs, from the WORKFLOWS table (src/workflows/table.ts). */
export function optionShape<Options extends Record<string, WorkflowOption>>(
  spec: WorkflowSpec<Options>,
): { [K in keyof Options]: ReturnType<Options[K]['schema']> } {
  return Object.fromEntries(
    Object.entries(spec.options).map(([key, declared]) => [
      key,
      declared.schema(z).describe(declared.description),
    ]),
  ) as { [K in keyof Options]: ReturnType<Options[K]['schema']> };
}

/**
 * The warnings a plan reports: the source's, then those the planner finds on the way (each with
 * the source line it is about; one about no line is the planner's own note, not listed).
 */
export function warningCollector(fromSource: readonly SourceWarning[]) {
  const warnings = [...fromSource];
  return {
    warnings,
    onWarning: (warning: { source?: SourceWarning['source'] | undefined; message: string }) => {
      if (warning.source) warnings.push({ source: warning.source, message: warning.message });
    },
  };
}

/** An action as the model reviews it: what, where, why, and the field changes (secrets as "(changed)"). */
export function compactAction(action: PlanAction): Record<string, unknown> {
  const out: Record<string, unknown> = {
    action: action.action,
    resource: action.resource,
    organizationId: action.organizationId,
    key: action.key,
    reason: action.reason,
  };
  if (action.id) out.id = action.id;
  if (action.changes && Object.keys(action.changes).length > 0) out.changes = action.changes;
  if (action.source) out.line = action.source.line;
  return out;
}

export interface PlanResultExtras {
  warnings?: readonly SourceWarning[] | undefined;
  detection?: string | undefined;
  [key: string]: unknown;
}

/** The plan tools' result: id, counts, and the actions that do something (conflicts first). */
export function planResult(stored: StoredPlan, limit: number, extras: PlanResultExtras = {}) {
  const plan: Plan = stored.plan;
  const order = { conflict: 0, create: 1, update: 2, deactivate: 3, skip: 4, unchanged: 5 } as const;
  const listed = plan.actions
    .filter((action) => action.action !== 'unchanged')
    .sort((a, b) => order[a.action] - order[b.action]);
  const writes = writeCount(plan);
  const { warnings, detection, ...rest } = extras;
  return {
    planId: stored.id,
    workflow: plan.workflow,
    target: plan.target.baseUrl,
    expiresAt: new Date(stored.expiresAt).toISOString(),
    summary: plan.summary,
    writes,
    actions: listed.slice(0, limit).map(compactAction),
    ...(listed.length > limit ? { actionsNotListed: listed.length - limit } : {}),
    ...(detection ? { detection } : {}),
    ...(plan.notes && plan.notes.length > 0 ? { notes: plan.notes } : {}),
    ...(warnings && warnings.length > 0
      ? {
          warnings: warnings.slice(0, 50).map((warning) => `line ${warning.source.line}: ${warning.message}`),
        }
      : {}),
    ...rest,
    next:
      plan.summary.conflict > 0
        ? 'The plan has conflicts: review them; apply_plan refuses it unless allowConflicts is true (conflicting actions are then skipped).'
        : writes > 0
          ? 'Nothing was written. Review the actions with the user, then call apply_plan with this planId (available when the server allows writes).'
          : 'Nothing to write: IT Glue already matches the source.',
  };
}
