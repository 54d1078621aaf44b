/**
 * Configuration import, end to end: organizations resolved (organizations.ts), types and statuses
 * checked (settings.ts), what IT Glue has read once (reads.ts), then each organization planned
 * (planner.ts); executor.ts writes the plan.
 */
import type { GlueKit } from '../../client.js';
import { appendTo } from '../engine/group.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { Journal } from '../engine/journal.js';
import { makePlan, organizationNamesOf, type Plan, type PlanAction, type SourceRef } from '../engine/plan.js';
import { organizationOfRow, startPlan } from '../organizations.js';
import {
  type ConfigurationPlanOptions,
  type ConfigurationRow,
  planConfigurationsForOrganization,
} from './planner.js';
import { type ConfigurationReads, readForPlan } from './reads.js';
import { NO_REFERENCES, referenceResolver } from './references.js';
import { type ConfigurationSettings, resolveSettings } from './settings.js';

export interface ConfigurationSourceInput {
  file: string;
  format: string;
  rows: Array<ConfigurationRow & { organization?: string | undefined }>;
}

export interface ConfigurationImportOptions {
  org?: string | undefined;
  /** A configuration type (name or id) for rows that name none. */
  type?: string | undefined;
  /** Source type (an RMM device class, say) → IT Glue type name or id. */
  typeMap?: ReadonlyMap<string, string> | undefined;
  status?: string | undefined;
  archiveMissing?: boolean;
  sourceId?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Warnings for the person (hostname collisions), with their source line. */
  onWarning?: (warning: { source?: SourceRef; message: string }) => void;
}

export async function planConfigurationImport(
  client: GlueKit,
  journal: Journal,
  source: ConfigurationSourceInput,
  options: ConfigurationImportOptions,
  now = new Date(),
): Promise<Plan> {
  const { problems, target, organizations, fallback } = await startPlan(client, options);
  const signal = options.signal;
  const rowsByOrganization = new Map<string, ConfigurationRow[]>();
  for (const row of source.rows) {
    const organizationId = organizationOfRow(organizations, row.organization, fallback, row.source, problems);
    if (organizationId) appendTo(rowsByOrganization, organizationId, row);
  }
  const settings = await resolveSettings(client, options, problems, signal);
  // Input problems so far make the plan moot: nothing more is read.
  const reads = problems.problems.length
    ? NOTHING_READ
    : await readForPlan(client, rowsByOrganization, signal);
  const sourceId = options.sourceId ?? `configurations:${source.format}`;
  const owned = journal.ledger.ownedIds(target, sourceId, 'configurations');
  const planned = planOrganizations(rowsByOrganization, reads, settings, owned, options, problems);
  problems.throwIfAny();
  return makePlan(
    {
      workflow: 'configurations',
      target,
      options: {
        source: source.file,
        format: source.format,
        org: fallback?.id ?? null,
        type: settings.defaultType ?? null,
        status: settings.statusId ?? null,
        archiveMissing: options.archiveMissing === true,
      },
      sourceId,
      actions: planned.actions,
      organizationNames: organizationNamesOf(planned.actions, organizations.byId),
      ...(planned.notes.length > 0 ? { notes: planned.notes } : {}),
    },
    now,
  );
}

const NOTHING_READ: ConfigurationReads = {
  targets: new Map(),
  elsewhere: new Map(),
  references: NO_REFERENCES,
};

/** Each organization's rows against its configurations; untyped new devices become input problems. */
function planOrganizations(
  rowsByOrganization: ReadonlyMap<string, ConfigurationRow[]>,
  reads: ConfigurationReads,
  settings: ConfigurationSettings,
  owned: ReadonlySet<string>,
  options: ConfigurationImportOptions,
  problems: ProblemList,
): { actions: PlanAction[]; notes: string[] } {
  const actions: PlanAction[] = [];
  const unresolved: string[] = [];
  const references = referenceResolver(reads.references);
  for (const [organizationId, rows] of rowsByOrganization) {
    const planOptions: ConfigurationPlanOptions = {
      typeOf: settings.typeOf,
      statusId: settings.statusId,
      archiveMissing: options.archiveMissing === true,
      serialsElsewhere: new Map(
        [...reads.elsewhere].filter(([, at]) => at.organizationId !== organizationId),
      ),
      references,
    };
    const configurations = reads.targets.get(organizationId) ?? [];
    const result = planConfigurationsForOrganization(
      rows,
      { organizationId, configurations, owned },
      planOptions,
    );
    actions.push(...result.actions);
    unresolved.push(...result.unresolved);
    for (const warning of result.warnings) options.onWarning?.(warning);
    for (const row of result.untyped) {
      problems.add({
        source: row.source,
        field: 'type',
        message: row.type
          ? `"${row.type}" is not a configuration type in IT Glue, and no \`typeMap\` entry names it`
          : 'a new configuration needs a type (IT Glue requires one)',
        fix: `Pass \`type\`, add the source type to \`typeMap\`, or fill the type column. ${settings.validTypes}`,
      });
    }
  }
  return { actions, notes: unresolvedNotes(unresolved) };
}

/** One note per value left unset, with how many devices name it. */
function unresolvedNotes(unresolved: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const reason of unresolved) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const notes = [...counts].map(
    ([reason, count]) => `${reason}: left unset on ${count} device${count === 1 ? '' : 's'}`,
  );
  if (notes.length > 0)
    notes.push(
      'gluekit never creates manufacturers, models, operating systems, locations or contacts: add the value in IT Glue (or fix the source) and plan again.',
    );
  return notes;
}
