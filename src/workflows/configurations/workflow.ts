/**
 * Configuration import, end to end: organizations, types and statuses resolved by name, each
 * target organization read once, serials checked across organizations in batches (never a
 * lookup per device), then the plan (configurations-plan.ts) and the writer to apply it.
 */
import type { GlueKit } from '../../client.js';
import { normalizeSerial } from '../../normalize/keys.js';
import type { Configuration } from '../../spec/models.js';
import { appendTo } from '../engine/group.js';
import { ProblemList } from '../engine/input-errors.js';
import type { Journal } from '../engine/journal.js';
import {
  makePlan,
  organizationNamesOf,
  type Plan,
  type PlanAction,
  planTarget,
  type SourceRef,
} from '../engine/plan.js';
import { organizationOfRow, organizationOption, readOrganizations } from '../organizations.js';
import {
  type ConfigurationPlanOptions,
  type ConfigurationRow,
  planConfigurationsForOrganization,
} from './planner.js';

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

/** Serials per cross-organization lookup: one request checks this many (comma means OR). */
const SERIALS_PER_REQUEST = 100;

interface NamedIds {
  byName: Map<string, string>;
  ids: Set<string>;
}

async function lookupIndex(
  client: GlueKit,
  list: 'configuration_types' | 'configuration_statuses',
  signal?: AbortSignal,
): Promise<NamedIds> {
  const entries = await client.lookups.list(list, { signal });
  return {
    byName: new Map(entries.map((e) => [e.name.trim().toLowerCase(), e.id])),
    ids: new Set(entries.map((e) => e.id)),
  };
}

function resolveNamed(index: NamedIds, value: string | undefined): string | undefined {
  const wanted = value?.trim();
  if (!wanted) return undefined;
  if (index.ids.has(wanted)) return wanted;
  return index.byName.get(wanted.toLowerCase());
}

/** Where serials the target organizations lack already live, in batches of SERIALS_PER_REQUEST. */
async function findSerialsElsewhere(
  client: GlueKit,
  serials: ReadonlyMap<string, string>,
  signal?: AbortSignal,
) {
  const found = new Map<string, { organizationId: string; id: string }>();
  const raw = [...serials.values()];
  for (let at = 0; at < raw.length; at += SERIALS_PER_REQUEST) {
    const batch = raw.slice(at, at + SERIALS_PER_REQUEST);
    for await (const device of client.configurations.list({ filter: { serialNumber: batch } }, { signal })) {
      const serial = normalizeSerial(device.serialNumber ?? undefined);
      if (serial) found.set(serial, { organizationId: device.organizationId, id: device.id });
    }
  }
  return found;
}

export async function planConfigurationImport(
  client: GlueKit,
  journal: Journal,
  source: ConfigurationSourceInput,
  options: ConfigurationImportOptions,
  now = new Date(),
): Promise<Plan> {
  const problems = new ProblemList();
  const signal = options.signal;
  const target = planTarget(client);
  const organizations = await readOrganizations(client, signal);
  const fallback = organizationOption(organizations, options.org, problems);
  const rowsByOrganization = new Map<string, ConfigurationRow[]>();
  for (const row of source.rows) {
    const organizationId = organizationOfRow(organizations, row.organization, fallback, row.source, problems);
    if (organizationId) appendTo(rowsByOrganization, organizationId, row);
  }

  const types = await lookupIndex(client, 'configuration_types', signal);
  const defaultType = resolveNamed(types, options.type);
  if (options.type && !defaultType) {
    problems.add({
      option: 'type',
      message: `"${options.type}" is not a configuration type in IT Glue`,
      fix: 'Use an existing configuration type name or id.',
    });
  }
  for (const [from, to] of options.typeMap ?? []) {
    if (!resolveNamed(types, to)) {
      problems.add({
        option: 'typeMap',
        message: `"${from}" maps to "${to}", which is not a configuration type in IT Glue`,
        fix: 'Map it to an existing configuration type name or id.',
      });
    }
  }
  let statusId: string | undefined;
  if (options.status) {
    statusId = resolveNamed(await lookupIndex(client, 'configuration_statuses', signal), options.status);
    if (!statusId)
      problems.add({
        option: 'status',
        message: `"${options.status}" is not a configuration status in IT Glue`,
        fix: 'Use an existing configuration status name or id.',
      });
  }
  const typeMap = new Map([...(options.typeMap ?? [])].map(([from, to]) => [from.trim().toLowerCase(), to]));
  const typeOf = (row: ConfigurationRow): string | undefined => {
    const sourceType = row.type?.trim();
    if (sourceType) {
      const mapped = typeMap.get(sourceType.toLowerCase());
      return resolveNamed(types, mapped ?? sourceType) ?? defaultType;
    }
    return defaultType;
  };

  const targets = new Map<string, Configuration[]>();
  if (!problems.problems.length) {
    for (const organizationId of rowsByOrganization.keys()) {
      targets.set(organizationId, await client.configurations.list({ organizationId }, { signal }).toArray());
    }
  }
  // Serials no target organization has: ask IT Glue once per batch whether another organization does.
  const missing = new Map<string, string>();
  for (const [organizationId, rows] of rowsByOrganization) {
    const have = new Set(
      (targets.get(organizationId) ?? [])
        .map((c) => normalizeSerial(c.serialNumber ?? undefined))
        .filter(Boolean),
    );
    for (const row of rows) {
      const serial = normalizeSerial(row.serialNumber);
      if (serial && !have.has(serial) && row.serialNumber) missing.set(serial, row.serialNumber.trim());
    }
  }
  const elsewhere = problems.problems.length
    ? new Map()
    : await findSerialsElsewhere(client, missing, signal);

  const sourceId = options.sourceId ?? `configurations:${source.format}`;
  const owned = journal.ledger.ownedIds(target, sourceId, 'configurations');
  const actions: PlanAction[] = [];
  for (const [organizationId, rows] of rowsByOrganization) {
    const serialsElsewhere = new Map(
      [...elsewhere].filter(([, where]) => where.organizationId !== organizationId),
    );
    const planOptions: ConfigurationPlanOptions = {
      typeOf,
      statusId,
      archiveMissing: options.archiveMissing === true,
      serialsElsewhere,
    };
    const result = planConfigurationsForOrganization(
      rows,
      { organizationId, configurations: targets.get(organizationId) ?? [], owned },
      planOptions,
    );
    actions.push(...result.actions);
    for (const warning of result.warnings) options.onWarning?.(warning);
    for (const row of result.untyped) {
      problems.add({
        source: row.source,
        field: 'type',
        message: row.type
          ? `"${row.type}" is not a configuration type in IT Glue, and no \`typeMap\` entry names it`
          : 'a new configuration needs a type (IT Glue requires one)',
        fix: 'Pass `type`, add the source type to `typeMap`, or fill the type column.',
      });
    }
  }
  problems.throwIfAny();
  return makePlan(
    {
      workflow: 'configurations',
      target,
      options: {
        source: source.file,
        format: source.format,
        org: fallback?.id ?? null,
        type: defaultType ?? null,
        status: statusId ?? null,
        archiveMissing: options.archiveMissing === true,
      },
      sourceId,
      actions,
      organizationNames: organizationNamesOf(actions, organizations.byId),
    },
    now,
  );
}
