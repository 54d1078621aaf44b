/**
 * The plan: what a workflow will do, computed from source rows and one fresh read of the target,
 * before anything is written. It is a JSON document people review and agents parse, that
 * `gluekit apply` applies later, and that never holds a secret value.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';

export const ACTION_KINDS = ['create', 'update', 'deactivate', 'unchanged', 'skip', 'conflict'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const WRITE_ACTIONS: ReadonlySet<ActionKind> = new Set(['create', 'update', 'deactivate']);

export type WorkflowName = 'contacts' | 'configurations' | 'passwords' | 'documents' | 'undo';
export type PlanResource = 'contacts' | 'configurations' | 'passwords' | 'documents';

export interface SourceRef {
  file: string;
  line: number;
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** Shown instead of a secret in `changes`. */
export const SECRET_CHANGED = '(changed)';

export interface PlanAction {
  action: ActionKind;
  resource: PlanResource;
  organizationId: string;
  /** The target record, when one exists. */
  id?: string | undefined;
  /** The natural key the record was matched on, e.g. `email:ada@example.com` or `serial:5CG1234XYZ`. */
  key: string;
  /** field → {from, to}; secrets appear only as "(changed)". */
  changes?: Record<string, FieldChange> | undefined;
  /** The SDK attributes a write sends (camelCase, never a secret). */
  attributes?: Record<string, unknown> | undefined;
  reason: string;
  source?: SourceRef | undefined;
  /** The target's `updatedAt` when it was read: a record changed since is not written. */
  precondition?: { updatedAt: string } | undefined;
  /** How to verify a write stuck (read back), e.g. the contact type of a deactivation. */
  expect?: Record<string, unknown> | undefined;
  /**
   * For a write that carries secrets (a password mirror): which secret fields it sets, with the
   * HMAC fingerprint of each value (never the value), so an apply from a saved plan can check it
   * re-read the same values from the source.
   */
  secrets?: Record<string, string> | undefined;
  /**
   * A secret value that could not be compared without fetching it (a password mirror without
   * --compare-values): counted apart in the summary, never as unchanged.
   */
  notCompared?: boolean | undefined;
}

export interface PlanTarget {
  baseUrl: string;
  keyFingerprint: string;
}

/** The tenant and key a client talks to: what a plan, a run and the ledger are bound to. */
export function planTarget(client: { baseUrl: string; keyFingerprint: string }): PlanTarget {
  return { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint };
}

export interface Plan {
  version: 1;
  workflow: WorkflowName;
  createdAt: string;
  target: PlanTarget;
  /** The options the plan was made with (organization, deactivation type, ...), for the journal and undo. */
  options: Record<string, unknown>;
  /** Who owns what: records created or matched by runs with the same source id count as ours. */
  sourceId: string;
  /** Counts by action kind, plus `notCompared` when some values could not be compared. */
  summary: PlanSummary;
  actions: PlanAction[];
  /** Organization id → name, for people reading the plan (the actions hold ids). */
  organizationNames?: Record<string, string> | undefined;
  /**
   * What people should know about the plan as a whole: what the planner left out of the actions
   * (addresses not synced) or could not settle (values not compared, and how to).
   */
  notes?: string[] | undefined;
}

export type PlanSummary = Record<ActionKind, number> & { notCompared?: number };

export function summarize(actions: readonly PlanAction[]): PlanSummary {
  const summary: PlanSummary = Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<
    ActionKind,
    number
  >;
  for (const action of actions) summary[action.action]++;
  const notCompared = actions.filter((action) => action.notCompared).length;
  if (notCompared > 0) summary.notCompared = notCompared;
  return summary;
}

export function makePlan(
  fields: Omit<Plan, 'version' | 'createdAt' | 'summary'>,
  now: Date = new Date(),
): Plan {
  return { version: 1, createdAt: now.toISOString(), ...fields, summary: summarize(fields.actions) };
}

/** The names of the organizations these actions touch, from the organizations the planner read. */
export function organizationNamesOf(
  actions: readonly PlanAction[],
  byId: ReadonlyMap<string, { name: string }>,
): Record<string, string> {
  const names: Record<string, string> = {};
  for (const action of actions) {
    const organization = byId.get(action.organizationId);
    if (organization) names[action.organizationId] = organization.name;
  }
  return names;
}

/**
 * Records the plan matched and leaves as they are. Applying a plan makes them the source's own
 * (ledger), so a plan with no write but some matches is still applied: it costs no request, and
 * without it a person whose data never changed could never be deactivated later as this source's.
 * Planning stays free of side effects; only applying records anything. Undo owns nothing.
 */
export function matchCount(plan: Plan): number {
  if (plan.workflow === 'undo') return 0;
  return plan.actions.filter((action) => action.action === 'unchanged' && action.id !== undefined).length;
}

export function writeCount(plan: Plan): number {
  return plan.actions.filter((action) => WRITE_ACTIONS.has(action.action)).length;
}

/** A stable digest of what a plan will write, recorded in the journal with the run. */
export function planDigest(plan: Plan): string {
  const writes = plan.actions.filter((action) => WRITE_ACTIONS.has(action.action));
  return createHash('sha256')
    .update(JSON.stringify([plan.workflow, plan.target, writes]))
    .digest('hex')
    .slice(0, 16);
}

const actionSchema = z.object({
  action: z.enum(ACTION_KINDS),
  resource: z.enum(['contacts', 'configurations', 'passwords', 'documents']),
  organizationId: z.string().regex(/^\d+$/),
  id: z.string().regex(/^\d+$/).optional(),
  key: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  reason: z.string(),
  source: z.object({ file: z.string(), line: z.number().int() }).optional(),
  precondition: z.object({ updatedAt: z.string() }).optional(),
  expect: z.record(z.string(), z.unknown()).optional(),
  secrets: z.record(z.string(), z.string()).optional(),
  notCompared: z.boolean().optional(),
});

const planSchema = z.object({
  version: z.literal(1),
  workflow: z.enum(['contacts', 'configurations', 'passwords', 'documents', 'undo']),
  createdAt: z.string(),
  target: z.object({ baseUrl: z.string(), keyFingerprint: z.string() }),
  options: z.record(z.string(), z.unknown()),
  sourceId: z.string(),
  summary: z.record(z.string(), z.number()),
  actions: z.array(actionSchema),
  organizationNames: z.record(z.string(), z.string()).optional(),
  notes: z.array(z.string()).optional(),
});

export class PlanFileError extends InputError {
  override name = 'PlanFileError';
}

/** Reads a saved plan, refusing anything that is not one (with the first problem and where). */
export function parsePlan(text: string, file: string): Plan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const result = planSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new PlanFileError(
      `${file} is not a gluekit plan: ${where}: ${issue?.message}. Make plans with \`planOut\`.`,
    );
  }
  const plan = result.data as Plan;
  return { ...plan, summary: summarize(plan.actions) };
}
