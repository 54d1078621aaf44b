/**
 * What every workflow command shares after planning: print the plan, save it (--plan-out),
 * refuse conflicts, ask before writing, apply with the journal, and report the run.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { GlueKit } from '../../client.js';
import { writePrivateFile } from '../../core/private-files.js';
import { configurationExecutor } from '../../workflows/configurations/index.js';
import { contactExecutor } from '../../workflows/contacts/index.js';
import { documentExecutor } from '../../workflows/documents/index.js';
import {
  type ApplyResult,
  applyPlan,
  PlanConflictError,
  recoverInterruptedRuns,
} from '../../workflows/engine/apply.js';
import type { ResourceExecutor } from '../../workflows/engine/executor.js';
import {
  type Fingerprinter,
  fingerprinter,
  loadFingerprintKey,
} from '../../workflows/engine/fingerprint-key.js';
import { Journal } from '../../workflows/engine/journal.js';
import { type Plan, type PlanResource, planTarget, writeCount } from '../../workflows/engine/plan.js';
import { passwordExecutor, type SecretLookup } from '../../workflows/passwords/index.js';
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

export function openJournal(ctx: CliContext): Journal {
  return Journal.open(join(ctx.paths.dataDir, 'journal.sqlite'));
}

export function executorsFor(client: GlueKit): Partial<Record<PlanResource, ResourceExecutor>> {
  return { contacts: contactExecutor(client), configurations: configurationExecutor(client) };
}

export function fingerprintsFor(ctx: CliContext): Fingerprinter {
  return fingerprinter(loadFingerprintKey(join(ctx.paths.dataDir, 'fingerprint.key')));
}

/**
 * Every writer a plan may need. Passwords need their secrets: from the plan just made (kept in
 * memory), or, for a saved plan, re-read from its source by the caller.
 */
export function writersFor(
  ctx: CliContext,
  client: GlueKit,
  journal: Journal,
  secrets: SecretLookup = () => ({}),
): Partial<Record<PlanResource, ResourceExecutor>> {
  const target = planTarget(client);
  return {
    ...executorsFor(client),
    documents: documentExecutor(client, journal, target),
    passwords: passwordExecutor(client, journal, target, fingerprintsFor(ctx), secrets),
  };
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

/**
 * After a plan was made: show it, save it, and apply it when asked. `fresh` is true when the plan
 * was made from a read a moment ago (no precondition re-read needed), false for a saved plan.
 */
export async function finishPlan(
  ctx: CliContext,
  client: GlueKit,
  journal: Journal,
  plan: Plan,
  flags: RunFlags,
  fresh: boolean,
  secrets?: SecretLookup,
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
  if (writeCount(plan) === 0) {
    // A run killed after its last write still has intents pending: settle them even so.
    await recoverInterruptedRuns({
      journal,
      target: planTarget(client),
      executors: writersFor(ctx, client, journal, secrets),
    });
    if (ctx.format === 'table') process.stdout.write('Nothing to write.\n');
    else printPlan(ctx, plan, flags);
    return;
  }
  if (!(await confirm(ctx, plan, flags))) {
    process.stderr.write('Not applied.\n');
    return;
  }
  await withGracefulInterrupt(async (signal) => {
    const result = await applyPlan({
      plan,
      target: planTarget(client),
      journal,
      executors: writersFor(ctx, client, journal, secrets),
      checkPreconditions: !fresh,
      allowConflicts: flags.allowConflicts === true,
      maxCreateAttempts: client.maxRetries + 1,
      signal,
      onProgress: ctx.interactive
        ? (done, total) => process.stderr.write(`\r${done}/${total} written`)
        : undefined,
    });
    if (ctx.interactive) process.stderr.write('\n');
    printPlan(ctx, plan, flags, result);
    if (result.interrupted) process.exitCode = ExitCode.INTERRUPTED;
    else if (result.outcomes.some((o) => o.state === 'failed')) process.exitCode = ExitCode.ERROR;
    else if (result.outcomes.some((o) => o.state === 'conflict')) process.exitCode = ExitCode.CONFLICT;
  });
}
