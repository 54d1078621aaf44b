/**
 * The workflow commands: `contacts sync`, `configurations import`, `passwords mirror`, `docs
 * onboard`, `apply`, `runs list|show` and `undo`. Each plans first (nothing is written without --apply), then hands over to
 * workflow-run.ts.
 */
import { readFileSync } from 'node:fs';
import {
  CONFIGURATION_FORMATS,
  CONTACT_FORMATS,
  readConfigurationSource,
  readContactSource,
} from '../../sources/index.js';
import { planConfigurationImport } from '../../workflows/configurations/index.js';
import { planContactSync } from '../../workflows/contacts/index.js';
import { parsePlan } from '../../workflows/engine/plan.js';
import { planUndo } from '../../workflows/engine/undo.js';
import { parseTypeMap } from '../../workflows/type-map.js';
import type { CliContext } from '../context.js';
import { printList, printRecord } from '../output/render.js';
import { UsageError } from '../usage-error.js';
import { checkFormat, noteDetection, warnAll } from './source-flags.js';
import { finishPlan, openJournal, type RunFlags, writersFor } from './workflow-run.js';

export interface ContactSyncFlags extends RunFlags {
  from: string;
  org?: string;
  format?: string;
  deactivateMissing?: boolean;
  deactivateType?: string;
  deactivateUnowned?: boolean;
  maxDeactivate?: string;
  matchName?: boolean;
  source?: string;
}

export async function runContactSync(ctx: CliContext, flags: ContactSyncFlags): Promise<void> {
  const source = await readContactSource(flags.from, { format: checkFormat(flags.format, CONTACT_FORMATS) });
  noteDetection(ctx, source.detection);
  warnAll(ctx, source.warnings);
  const client = ctx.client();
  const journal = openJournal(ctx);
  try {
    const plan = await planContactSync(
      client,
      journal,
      { file: flags.from, format: source.format, rows: source.rows },
      {
        org: flags.org,
        deactivateMissing: flags.deactivateMissing,
        deactivateType: flags.deactivateType,
        deactivateUnowned: flags.deactivateUnowned,
        maxDeactivate: flags.maxDeactivate,
        matchName: flags.matchName,
        sourceId: flags.source,
      },
    );
    await finishPlan(ctx, client, journal, plan, flags, true);
  } finally {
    journal.close();
  }
}

export interface ConfigurationImportFlags extends RunFlags {
  from: string;
  org?: string;
  format?: string;
  type?: string;
  typeMap?: string;
  status?: string;
  archiveMissing?: boolean;
  source?: string;
}

export async function runConfigurationImport(
  ctx: CliContext,
  flags: ConfigurationImportFlags,
): Promise<void> {
  const source = await readConfigurationSource(flags.from, {
    format: checkFormat(flags.format, CONFIGURATION_FORMATS),
  });
  noteDetection(ctx, source.detection);
  warnAll(ctx, source.warnings);
  const typeMap = flags.typeMap
    ? parseTypeMap(readFileSync(flags.typeMap, 'utf8'), flags.typeMap)
    : undefined;
  const client = ctx.client();
  const journal = openJournal(ctx);
  try {
    const plan = await planConfigurationImport(
      client,
      journal,
      { file: flags.from, format: source.format, rows: source.rows },
      {
        org: flags.org,
        type: flags.type,
        typeMap,
        status: flags.status,
        archiveMissing: flags.archiveMissing,
        sourceId: flags.source,
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
    throw new UsageError(`Cannot read the plan ${file}: ${(error as Error).message}`);
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
    await finishPlan(ctx, client, journal, plan, { ...flags, apply: true }, false, secrets);
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
    const plan = await planUndo(
      journal,
      runId,
      { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
      writersFor(ctx, client, journal),
      { deactivateType },
    );
    await finishPlan(ctx, client, journal, plan, flags, true);
  } finally {
    journal.close();
  }
}
