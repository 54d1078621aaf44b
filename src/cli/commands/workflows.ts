/**
 * The workflow commands: `contacts sync`, `configurations import`, `passwords mirror`, `docs
 * onboard`, `apply`, `runs list|show` and `undo`. Each plans first (nothing is written without --apply), then hands over to
 * workflow-run.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { readConfigurationSource, readContactSource } from '../../sources/index.js';
import {
  CONFIGURATION_IMPORT,
  configurationImportOptions,
  planConfigurationImport,
} from '../../workflows/configurations/index.js';
import { CONTACT_SYNC, contactSyncOptions, planContactSync } from '../../workflows/contacts/index.js';
import { parsePlan, planTarget } from '../../workflows/engine/plan.js';
import { planUndo } from '../../workflows/engine/undo.js';
import { valuesFromFlags } from '../../workflows/options.js';
import { parseTypeMap } from '../../workflows/type-map.js';
import type { CliContext } from '../context.js';
import { printList, printRecord } from '../output/render.js';
import { UsageError } from '../usage-error.js';
import { checkFormat, noteDetection, warnAll } from './source-flags.js';
import { finishPlan, openJournal, type RunFlags, writersFor } from './workflow-run.js';

/** Commander's values: `from`, `format`, the run flags, and the workflow's options by flag. */
export interface WorkflowFlags extends RunFlags {
  from: string;
  format?: string;
  [flag: string]: unknown;
}

export async function runContactSync(ctx: CliContext, flags: WorkflowFlags): Promise<void> {
  const source = await readContactSource(flags.from, {
    format: checkFormat(flags.format, CONTACT_SYNC.formats),
  });
  noteDetection(ctx, source.detection);
  warnAll(ctx, source.warnings);
  const client = ctx.client();
  const journal = openJournal(ctx);
  try {
    const plan = await planContactSync(
      client,
      journal,
      { file: flags.from, format: source.format, rows: source.rows, unusedColumns: source.unusedColumns },
      contactSyncOptions(valuesFromFlags(CONTACT_SYNC, flags)),
    );
    await finishPlan(ctx, client, journal, plan, flags, true);
  } finally {
    journal.close();
  }
}

export async function runConfigurationImport(ctx: CliContext, flags: WorkflowFlags): Promise<void> {
  const values = valuesFromFlags(CONFIGURATION_IMPORT, flags);
  const source = await readConfigurationSource(flags.from, {
    format: checkFormat(flags.format, CONFIGURATION_IMPORT.formats),
  });
  noteDetection(ctx, source.detection);
  warnAll(ctx, source.warnings);
  const typeMapFile = flags.typeMap as string | undefined;
  const typeMap = typeMapFile ? parseTypeMap(readFileSync(typeMapFile, 'utf8'), typeMapFile) : undefined;
  const client = ctx.client();
  const journal = openJournal(ctx);
  try {
    const plan = await planConfigurationImport(
      client,
      journal,
      { file: flags.from, format: source.format, rows: source.rows },
      {
        ...configurationImportOptions(values, typeMap),
        onWarning: (warning) => warnAll(ctx, [warning]),
      },
    );
    await finishPlan(ctx, client, journal, plan, flags, true);
  } finally {
    journal.close();
  }
}

export async function runApply(ctx: CliContext, file: string, flags: RunFlags): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read the plan ${file}: ${(error as Error).message}`);
  }
  const plan = parsePlan(text, file);
  const client = ctx.client();
  const journal = openJournal(ctx);
  try {
    // A password plan holds no secrets: they are read again from its source, and checked against
    // the fingerprints the plan recorded.
    const secrets =
      plan.workflow === 'passwords'
        ? await (await import('./passwords-mirror.js')).secretsForSavedPlan(plan)
        : undefined;
    // The journal keeps which file the run came from, for `gluekit runs export`.
    const fromFile = { ...plan, options: { ...plan.options, planFile: resolve(file) } };
    await finishPlan(ctx, client, journal, fromFile, { ...flags, apply: true }, false, secrets);
  } finally {
    journal.close();
  }
}

export function runRunsList(ctx: CliContext, flags: { limit?: string }): void {
  const journal = openJournal(ctx);
  try {
    const runs = journal.listRuns(flags.limit ? Number(flags.limit) : 50).map((run) => ({
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
    printList(ctx, runs, { source: 'local', journal: journal.path }, [
      'id',
      'workflow',
      'status',
      'startedAt',
      'writes',
    ]);
  } finally {
    journal.close();
  }
}

export function runRunsShow(ctx: CliContext, runId: string): void {
  const journal = openJournal(ctx);
  try {
    const { run, writes } = journal.getRun(runId);
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
  } finally {
    journal.close();
  }
}

export interface UndoFlags extends RunFlags {
  deactivateType?: string;
}

export async function runUndo(ctx: CliContext, runId: string, flags: UndoFlags): Promise<void> {
  const client = ctx.client();
  const journal = openJournal(ctx);
  try {
    let deactivateType: { id: string; name: string } | undefined;
    if (flags.deactivateType) {
      deactivateType = await client.lookups.resolve('contact_types', flags.deactivateType);
      if (!deactivateType)
        throw new UsageError(`--deactivate-type "${flags.deactivateType}" is not a contact type in IT Glue`);
    }
    const plan = await planUndo(journal, runId, planTarget(client), writersFor(ctx, client, journal), {
      deactivateType,
    });
    await finishPlan(ctx, client, journal, plan, flags, true);
  } finally {
    journal.close();
  }
}
