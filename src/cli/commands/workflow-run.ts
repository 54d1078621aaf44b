/**
 * What every workflow command shares after planning: print the plan, save it (--plan-out),
 * refuse conflicts, ask before writing, apply with the journal, and report the run.
 */
import { createInterface } from 'node:readline/promises';
import type { GlueKit } from '../../client.js';
import { writePrivateFile } from '../../core/private-files.js';
import { type ApplyResult, PlanConflictError } from '../../workflows/engine/apply.js';
import { type Plan, writeCount } from '../../workflows/engine/plan.js';
import type { SecretLookup } from '../../workflows/passwords/index.js';
import { type Workspace, withWorkspace } from '../../workflows/workspace.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { withGracefulInterrupt } from '../interrupt.js';
import { type PlanRenderOptions, planJson, renderApplyResult, renderPlan } from '../output/plan.js';
import { UsageError } from '../usage-error.js';

export interface RunFlags {
  planOut?: string;
  apply?: boolean;
  yes?: boolean;
  allowConflicts?: boolean;
  all?: boolean;
}

function reviewOptions(ctx: CliContext, flags: RunFlags): PlanRenderOptions {
  return { all: flags.all === true, wide: ctx.wide };
}

async function confirm(ctx: CliContext, plan: Plan, flags: RunFlags): Promise<boolean> {
  if (flags.yes) return true;
  if (ctx.agent)
    throw new UsageError('--apply with --agent needs --yes: an agent must say it means to write.');
  if (!ctx.interactive) throw new UsageError('--apply needs --yes when no one is at a terminal to confirm.');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(
      `Apply ${writeCount(plan)} write(s) to ${plan.target.baseUrl}? [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

function printPlan(ctx: CliContext, plan: Plan, flags: RunFlags, applied?: ApplyResult): void {
  if (ctx.format !== 'table') process.stdout.write(`${planJson(plan, applied)}\n`);
  else if (!applied) process.stdout.write(`${renderPlan(plan, reviewOptions(ctx, flags))}\n`);
  else process.stdout.write(`${renderApplyResult(applied)}\n`);
}

/** How the plan at hand was made: a moment ago from a fresh read, or saved (re-checked first). */
export interface PlanMade {
  /** A saved plan: re-read what it touches and refuse records changed since. */
  checkPreconditions: boolean;
  /** Password values for its writes, held in memory. */
  secrets?: SecretLookup | undefined;
}

/** A plan a workflow command made, and how (a fresh read, or a saved plan to re-check). */
export interface MadePlan extends Partial<PlanMade> {
  plan: Plan;
}

/**
 * A workflow command's run: the workspace of the CLI's data directory (the one the MCP server
 * uses too) makes the plan, then the plan is shown, saved or applied.
 */
export async function runWorkflow(
  ctx: CliContext,
  flags: RunFlags,
  make: (workspace: Workspace, client: GlueKit) => Promise<MadePlan>,
): Promise<void> {
  const client = ctx.client();
  await withWorkspace(ctx.paths.dataDir, async (workspace) => {
    const { plan, checkPreconditions = false, secrets } = await make(workspace, client);
    await finishPlan(ctx, workspace, client, plan, flags, { checkPreconditions, secrets });
  });
}

/**
 * After a plan was made: show it, save it, and apply it through the workspace when asked. The
 * workspace runs the apply; this only reviews, asks, and reports.
 */
async function finishPlan(
  ctx: CliContext,
  workspace: Workspace,
  client: GlueKit,
  plan: Plan,
  flags: RunFlags,
  made: PlanMade,
): Promise<void> {
  if (flags.planOut) {
    writePrivateFile(flags.planOut, `${JSON.stringify(plan, null, 2)}\n`);
    process.stderr.write(`Plan saved to ${flags.planOut}; apply it with: gluekit apply ${flags.planOut}\n`);
  }
  const hasConflicts = plan.summary.conflict > 0;
  if (!flags.apply) {
    printPlan(ctx, plan, flags);
    if (hasConflicts) process.exitCode = ExitCode.CONFLICT;
    else if (ctx.format === 'table' && writeCount(plan) > 0)
      process.stderr.write('Nothing was written. Add --apply to write.\n');
    return;
  }
  if (ctx.format === 'table') process.stdout.write(`${renderPlan(plan, reviewOptions(ctx, flags))}\n`);
  if (hasConflicts && !flags.allowConflicts) {
    if (ctx.format !== 'table') printPlan(ctx, plan, flags);
    throw new PlanConflictError(
      `Nothing was written: the plan has ${plan.summary.conflict} conflict(s). Resolve them, or pass --allow-conflicts to skip them.`,
      plan.actions.filter((a) => a.action === 'conflict'),
    );
  }
  const outcome = await workspace.apply(client, plan, {
    checkPreconditions: made.checkPreconditions,
    allowConflicts: flags.allowConflicts === true,
    secrets: made.secrets,
    approve: (toApply) => confirm(ctx, toApply, flags),
    stoppable: withGracefulInterrupt,
    onProgress: ctx.interactive
      ? (done, total) => process.stderr.write(`\r${done}/${total} written`)
      : undefined,
  });
  if (outcome.kind === 'nothing-to-write') {
    if (ctx.format === 'table') process.stdout.write('Nothing to write.\n');
    else printPlan(ctx, plan, flags);
    return;
  }
  if (outcome.kind === 'not-approved') {
    process.stderr.write('Not applied.\n');
    return;
  }
  const { result } = outcome;
  if (ctx.interactive) process.stderr.write('\n');
  printPlan(ctx, plan, flags, result);
  if (result.interrupted) process.exitCode = ExitCode.INTERRUPTED;
  else if (result.outcomes.some((o) => o.state === 'failed')) process.exitCode = ExitCode.ERROR;
  else if (result.outcomes.some((o) => o.state === 'conflict')) process.exitCode = ExitCode.CONFLICT;
}
