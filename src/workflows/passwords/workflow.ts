/**
 * Password mirroring, end to end: place each vault entry (placement.ts: organization from --org or
 * --org-map, a category), embed it (embedding.ts, --embed-on), read each organization once, plan,
 * fetch only the values still unknown when --compare-values asks, and the writer that carries the
 * secrets (executor.ts), which live in memory and never in the plan.
 */
import type { GlueKit } from '../../client.js';
import type { Password } from '../../spec/models.js';
import type { Fingerprinter } from '../engine/fingerprint-key.js';
import { appendTo } from '../engine/group.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { Journal } from '../engine/journal.js';
import { makePlan, organizationNamesOf, type Plan, type PlanAction, type SourceRef } from '../engine/plan.js';
import type { OrgMap } from '../org-map.js';
import { startPlan } from '../organizations.js';
import { type EmbedOn, embedRow, readDevices } from './embedding.js';
import {
  type CategoryChoice,
  categoryList,
  categoryResolver,
  placeRows,
  skippedNote,
  type VaultSourceRow,
} from './placement.js';
import {
  type PasswordPlanResult,
  type PlacedRow,
  planPasswordsForOrganization,
  type VaultRow,
} from './planner.js';

export type { EmbedOn } from './embedding.js';
export type { VaultSourceRow } from './placement.js';

export interface VaultSourceInput {
  file: string;
  format: string;
  rows: VaultSourceRow[];
}

export interface PasswordMirrorOptions {
  org?: string | undefined;
  orgMap?: OrgMap | undefined;
  category?: string | undefined;
  categoryMap?: ReadonlyMap<string, string> | undefined;
  embedOn?: EmbedOn | undefined;
  compareValues?: boolean;
  archiveMissing?: boolean;
  sourceId?: string | undefined;
  /** Reader options recorded in the plan, so `gluekit apply` re-reads the source the same way. */
  readerOptions?: Record<string, unknown> | undefined;
  signal?: AbortSignal | undefined;
  onWarning?: (warning: { source?: SourceRef; message: string }) => void;
}

export interface PasswordMirrorPlan {
  plan: Plan;
  /** Secrets for the plan's writes, by `file:line`. Pass to passwordExecutor; never print or save. */
  secrets: Map<string, Record<string, string>>;
  /** Requests spent fetching values (--compare-values). */
  valueFetches: number;
}

/** The categories, read once: a resolver, the --category default, and the valid values for messages. */
async function readCategories(
  client: GlueKit,
  options: PasswordMirrorOptions,
  problems: ProblemList,
): Promise<CategoryChoice> {
  const categories = await client.lookups.list('password_categories', { signal: options.signal });
  const categoryId = categoryResolver(categories, options.categoryMap);
  const defaultCategory = categoryId(options.category);
  const valid = categoryList(categories);
  if (options.category && !defaultCategory) {
    problems.add({
      option: 'category',
      message: `"${options.category}" is not a password category in IT Glue (${valid})`,
      fix: 'Use one of them, by name or id (gluekit never creates categories).',
    });
  }
  return { categoryId, defaultCategory, valid };
}

export async function planPasswordMirror(
  client: GlueKit,
  journal: Journal,
  source: VaultSourceInput,
  fingerprint: Fingerprinter,
  options: PasswordMirrorOptions,
  now = new Date(),
): Promise<PasswordMirrorPlan> {
  const { problems, target, organizations, fallback } = await startPlan(client, options);
  const signal = options.signal;
  const category = await readCategories(client, options, problems);
  const { placements, skippedByMap } = placeRows(
    source.rows,
    organizations,
    fallback,
    category,
    options,
    problems,
  );
  problems.throwIfAny();

  const organizationIds = [...new Set(placements.map((p) => p.organizationId).filter((id) => id !== '0'))];
  const devices = await readDevices(client, options.embedOn, organizationIds, signal);
  const placed = placements.map((placement) => embedRow(placement, options.embedOn, devices));
  const sourceIdValue = options.sourceId ?? `passwords:${source.format}`;
  const planned = await planOrganizations(client, placed, {
    owned: journal.ledger.ownedIds(target, sourceIdValue, 'passwords'),
    fingerprints: journal.ledger.secretFingerprints(target),
    fingerprint,
    options,
  });
  const notes = [notComparedNote(planned.actions), skippedNote(skippedByMap)].filter(
    (note): note is string => note !== undefined,
  );
  const plan = makePlan(
    {
      workflow: 'passwords',
      target,
      options: {
        source: source.file,
        format: source.format,
        org: fallback?.id ?? null,
        embedOn: options.embedOn ?? null,
        archiveMissing: options.archiveMissing === true,
        reader: options.readerOptions ?? {},
      },
      sourceId: sourceIdValue,
      actions: planned.actions,
      organizationNames: organizationNamesOf(planned.actions, organizations.byId),
      ...(notes.length > 0 ? { notes } : {}),
    },
    now,
  );
  return { plan, secrets: planned.secrets, valueFetches: planned.valueFetches };
}

/**
 * Reads each organization's passwords once and plans it; with --compare-values, fetches the values
 * still unknown (one request each, asked for explicitly) and plans it again.
 */
async function planOrganizations(
  client: GlueKit,
  placed: readonly PlacedRow[],
  ledger: {
    owned: ReadonlySet<string>;
    fingerprints: ReadonlyMap<string, string>;
    fingerprint: Fingerprinter;
    options: PasswordMirrorOptions;
  },
): Promise<{ actions: PlanAction[]; secrets: Map<string, Record<string, string>>; valueFetches: number }> {
  const { options, owned, fingerprints, fingerprint } = ledger;
  const signal = options.signal;
  const actions: PlanAction[] = [];
  const secrets = new Map<string, Record<string, string>>();
  let valueFetches = 0;
  const byOrganization = new Map<string, PlacedRow[]>();
  for (const row of placed) appendTo(byOrganization, row.organizationId, row);
  for (const [organizationId, rows] of byOrganization) {
    if (organizationId === '0') {
      actions.push(...rows.map((p) => unplacedSkip(organizationId, p.row)));
      continue;
    }
    const passwords: Password[] = await client.passwords.list({ organizationId }, { signal }).toArray();
    const targetState = { passwords, owned, fingerprints, knownValues: new Map<string, string>() };
    const planOptions = { fingerprint, archiveMissing: options.archiveMissing === true };
    let result: PasswordPlanResult = planPasswordsForOrganization(
      organizationId,
      rows,
      targetState,
      planOptions,
    );
    if (options.compareValues && result.valueUnknown.length > 0) {
      for (const id of result.valueUnknown) {
        const revealed = await client.passwords.get(id, { reveal: true, signal });
        if (revealed.password !== undefined) targetState.knownValues.set(id, revealed.password);
        valueFetches++;
      }
      result = planPasswordsForOrganization(organizationId, rows, targetState, planOptions);
    }
    actions.push(...result.actions);
    for (const warning of result.warnings) options.onWarning?.(warning);
    for (const [at, value] of result.secrets) secrets.set(at, value);
  }
  return { actions, secrets, valueFetches };
}

/** Says how many values were not compared, and how to settle them, instead of calling them unchanged. */
function notComparedNote(actions: readonly PlanAction[]): string | undefined {
  const notCompared = actions.filter((action) => action.notCompared).length;
  if (notCompared === 0) return undefined;
  return `${notCompared} password value${notCompared === 1 ? ' was' : 's were'} not compared (not written by gluekit, and the source has no modification time): \`compareValues\` settles ${notCompared === 1 ? 'it' : 'them'}, one request each.`;
}

/** A skipped entry with no organization to report it under. */
function unplacedSkip(organizationId: string, row: VaultRow): PlanAction {
  return {
    resource: 'passwords' as const,
    organizationId,
    key: `line:${row.source.line}`,
    source: row.source,
    action: 'skip' as const,
    reason: row.skip?.reason ?? 'skipped',
  };
}
