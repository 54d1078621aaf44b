/**
 * The workflow commands: `contacts sync`, `configurations import`, `passwords mirror`, `docs
 * onboard`, `apply`, `runs list|show` and `undo`. Each plans first (nothing is written without --apply), then hands over to
 * workflow-run.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { readConfigurationSource, readContactSource } from '../../sources/index.js';
import { CONFIGURATION_IMPORT, configurationImportOptions } from '../../workflows/configurations/index.js';
import { CONTACT_SYNC, contactSyncOptions } from '../../workflows/contacts/index.js';
import { parsePlan } from '../../workflows/engine/plan.js';
import { valuesFromFlags } from '../../workflows/options.js';
import { parseTypeMap } from '../../workflows/type-map.js';
import { withWorkspace } from '../../workflows/workspace.js';
import type { CliContext } from '../context.js';
import { printList, printRecord } from '../output/render.js';
import { UsageError } from '../usage-error.js';
import { readFrom, warnAll } from './source-flags.js';
import { type RunFlags, runWorkflow } from './workflow-run.js';

/** Commander's values: `from`, `format`, the run flags, and the workflow's options by flag. */
export interface WorkflowFlags extends RunFlags {
  from: string;
  format?: string;
  [flag: string]: unknown;
}

export async function runContactSync(ctx: CliContext, flags: WorkflowFlags): Promise<void> {
  const source = await readFrom(ctx, flags, CONTACT_SYNC.formats, (file, format) =>
    readContactSource(file, { format }),
  );
  await runWorkflow(ctx, flags, async (workspace, client) => ({
    plan: await workspace.planContactSync(
      client,
      { file: flags.from, format: source.format, rows: source.rows, unusedColumns: source.unusedColumns },
      contactSyncOptions(valuesFromFlags(CONTACT_SYNC, flags)),
    ),
  }));
}

export async function runConfigurationImport(ctx: CliContext, flags: WorkflowFlags): Promise<void> {
  const values = valuesFromFlags(CONFIGURATION_IMPORT, flags);
  const source = await readFrom(ctx, flags, CONFIGURATION_IMPORT.formats, (file, format) =>
    readConfigurationSource(file, { format }),
  );
  const typeMapFile = flags.typeMap as string | undefined;
  const typeMap = typeMapFile ? parseTypeMap(readFileSync(typeMapFile, 'utf8'), typeMapFile) : undefined;
  await runWorkflow(ctx, flags, async (workspace, client) => ({
    plan: await workspace.planConfigurationImport(
      client,
      { file: flags.from, format: source.format, rows: source.rows },
      {
        ...configurationImportOptions(values, typeMap),
        onWarning: (warning) => warnAll(ctx, [warning]),
      },
    ),
  }));
}

export async function runApply(ctx: CliContext, file: string, flags: RunFlags): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read the plan ${file}: ${(error as Error).message}`);
  }
  const plan = parsePlan(text, file);
  await runWorkflow(ctx, { ...flags, apply: true }, async () => ({
    // The journal keeps which file the run came from, for `gluekit runs export`.
    plan: { ...plan, options: { ...plan.options, planFile: resolve(file) } },
    // A saved plan is re-checked: time has passed since it was made.
    checkPreconditions: true,
    // A password plan holds no secrets: they are read again from its source, and checked against
    // the fingerprints the plan recorded.
    secrets:
      plan.workflow === 'passwords'
        ? await (await import('./passwords-mirror.js')).secretsForSavedPlan(plan)
        : undefined,
  }));
}

export async function runRunsList(ctx: CliContext, flags: { limit?: string }): Promise<void> {
  await withWorkspace(ctx.paths.dataDir, async (workspace) => {
    const runs = workspace.listRuns(flags.limit ? Number(flags.limit) : 50).map((run) => ({
      id: run.id,
      workflow: run.workflow,
      status: run.status,
      startedAt: run.startedAt,
      writes: Object.entries(run.counts)
        .map(([state, n]) => `${n} ${state}`)
        .join(', '),
      target: run.baseUrl,
      undoOf: run.undoOf,
    }));
    printList(ctx, runs, { source: 'local', journal: workspace.journalPath }, [
      'id',
      'workflow',
      'status',
      'startedAt',
      'writes',
    ]);
  });
}

export async function runRunsShow(ctx: CliContext, runId: string): Promise<void> {
  await withWorkspace(ctx.paths.dataDir, async (workspace) => {
    const { run, writes } = workspace.getRun(runId);
    if (ctx.format === 'table') {
      printRecord(
        ctx,
        {
          id: run.id,
          workflow: run.workflow,
          status: run.status,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          target: run.baseUrl,
          key: run.keyFingerprint,
          source: run.sourceId,
          undoOf: run.undoOf,
        },
        { source: 'local' },
      );
      process.stdout.write('\n');
      printList(ctx, writes, { source: 'local' }, [
        'seq',
        'action',
        'resource',
        'organizationId',
        'key',
        'recordId',
        'state',
        'error',
      ]);
    } else {
      printRecord(ctx, { ...run, writes }, { source: 'local' });
    }
  });
}

export interface UndoFlags extends RunFlags {
  deactivateType?: string;
}

export async function runUndo(ctx: CliContext, runId: string, flags: UndoFlags): Promise<void> {
  await runWorkflow(ctx, flags, async (workspace, client) => {
    let deactivateType: { id: string; name: string } | undefined;
    if (flags.deactivateType) {
      deactivateType = await client.lookups.resolve('contact_types', flags.deactivateType);
      if (!deactivateType)
        throw new UsageError(`--deactivate-type "${flags.deactivateType}" is not a contact type in IT Glue`);
    }
    return { plan: await workspace.planUndo(client, runId, { deactivateType }) };
  });
}
