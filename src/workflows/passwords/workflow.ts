/**
 * Password mirroring, end to end: place each vault entry (organization from --org or --org-map,
 * an embedding from --embed-on, a category), read each organization once, plan, fetch only the
 * values still unknown when --compare-values asks, and the writer that carries the secrets, which
 * live in memory and never in the plan.
 */
import type { GlueKit } from '../../client.js';
import { normalizeHostname, normalizeName, normalizeSerial } from '../../normalize/keys.js';
import type { Configuration, Organization, Password } from '../../spec/models.js';
import type { Fingerprinter } from '../engine/fingerprint-key.js';
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
import type { OrgMap } from '../org-map.js';
import {
  type OrganizationIndex,
  organizationOfRow,
  organizationOption,
  readOrganizations,
} from '../organizations.js';
import {
  type PasswordPlanResult,
  type PlacedRow,
  planPasswordsForOrganization,
  type VaultRow,
} from './planner.js';

export type EmbedOn = 'hostname' | 'serial' | 'name';

/** A vault entry as the readers give it (VaultEntry satisfies this). */
export interface VaultSourceRow extends VaultRow {
  container?: string | undefined;
  organization?: string | undefined;
  category?: string | undefined;
  customFields?: Array<{ name: string; value: string }> | undefined;
}

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

/** Custom fields that name the device a password belongs to. */
const DEVICE_FIELDS = new Set([
  'configuration',
  'device',
  'hostname',
  'host',
  'computer',
  'serial',
  'serial number',
  'serial_number',
]);

function deviceKey(embedOn: EmbedOn, value: string | null | undefined): string | undefined {
  if (embedOn === 'hostname') return normalizeHostname(value);
  if (embedOn === 'serial') return normalizeSerial(value ?? undefined);
  return normalizeName(value);
}

function deviceCandidate(row: VaultSourceRow, rest: string[]): string | undefined {
  const field = row.customFields?.find(
    (f) => DEVICE_FIELDS.has(f.name.trim().toLowerCase()) && f.value.trim(),
  );
  return field?.value.trim() ?? rest.at(-1);
}

function placeRow(
  row: VaultSourceRow,
  organizations: OrganizationIndex,
  fallback: Organization | undefined,
  options: PasswordMirrorOptions,
  problems: ProblemList,
): { organizationId: string; rest: string[] } | undefined {
  if (row.organization?.trim()) {
    const organizationId = organizationOfRow(
      organizations,
      row.organization,
      undefined,
      row.source,
      problems,
    );
    return organizationId ? { organizationId, rest: [] } : undefined;
  }
  if (options.orgMap) {
    const mapped = options.orgMap.lookup(row.container);
    if (!mapped) {
      problems.add({
        source: row.source,
        field: 'container',
        message: `"${row.container ?? '(no folder)'}" of entry "${row.name}" is not in the organization map`,
        fix: 'Add the container to `orgMap` (unmapped entries are never given a default organization).',
      });
      return undefined;
    }
    const organizationId = organizationOfRow(
      organizations,
      mapped.organization,
      undefined,
      row.source,
      problems,
    );
    return organizationId ? { organizationId, rest: mapped.rest } : undefined;
  }
  if (fallback) return { organizationId: fallback.id, rest: [] };
  problems.add({
    source: row.source,
    field: 'organization',
    message: `entry "${row.name}" has no organization`,
    fix: 'Pass `organization` for the whole file, or `orgMap` from vault containers to organizations.',
  });
  return undefined;
}

/** Categories are resolved, never created: an unknown one is an input problem. */
function categoryResolver(
  categories: ReadonlyArray<{ id: string; name: string }>,
  categoryMap: ReadonlyMap<string, string> | undefined,
): (name: string | undefined) => string | undefined {
  return (name) => {
    const wanted = name?.trim();
    if (!wanted) return undefined;
    const mapped =
      categoryMap?.get(wanted) ??
      [...(categoryMap ?? [])].find(([from]) => from.toLowerCase() === wanted.toLowerCase())?.[1] ??
      wanted;
    return categories.find(
      (c) => c.id === mapped.trim() || c.name.toLowerCase() === mapped.trim().toLowerCase(),
    )?.id;
  };
}

interface Placement {
  row: VaultSourceRow;
  organizationId: string;
  rest: string[];
  categoryId?: string;
}

/** Each row's organization and category; problems for rows that have none. */
function placeRows(
  source: VaultSourceInput,
  organizations: OrganizationIndex,
  fallback: Organization | undefined,
  categoryId: (name: string | undefined) => string | undefined,
  defaultCategory: string | undefined,
  options: PasswordMirrorOptions,
  problems: ProblemList,
): Placement[] {
  const placements: Placement[] = [];
  for (const row of source.rows) {
    if (row.skip) {
      // Skipped entries still need an organization to be reported under; use the fallback or none.
      placements.push({ row, organizationId: fallback?.id ?? '0', rest: [] });
      continue;
    }
    const place = placeRow(row, organizations, fallback, options, problems);
    if (!place) continue;
    let category = defaultCategory;
    if (row.category?.trim()) {
      category = categoryId(row.category);
      if (!category) {
        problems.add({
          source: row.source,
          field: 'category',
          message: `"${row.category}" is not a password category in IT Glue`,
          fix: 'Map it with `categoryMap`, or create the category in IT Glue first.',
        });
        continue;
      }
    }
    placements.push({ ...place, row, ...(category ? { categoryId: category } : {}) });
  }
  return placements;
}

/** With --embed-on: each organization's configurations by the chosen key, one list each. */
async function readDevices(
  client: GlueKit,
  embedOn: EmbedOn | undefined,
  organizationIds: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Map<string, Map<string, Configuration[]>>> {
  const devices = new Map<string, Map<string, Configuration[]>>();
  if (!embedOn) return devices;
  for (const organizationId of organizationIds) {
    const index = new Map<string, Configuration[]>();
    for await (const device of client.configurations.list({ organizationId }, { signal })) {
      const key = deviceKey(
        embedOn,
        embedOn === 'name' ? device.name : embedOn === 'hostname' ? device.hostname : device.serialNumber,
      );
      if (key) index.set(key, [...(index.get(key) ?? []), device]);
    }
    devices.set(organizationId, index);
  }
  return devices;
}

/** A placement with its embedding: on the one configuration it names, or unplaced with the reason. */
function embedRow(
  placement: Placement,
  embedOn: EmbedOn | undefined,
  devices: ReadonlyMap<string, ReadonlyMap<string, Configuration[]>>,
): PlacedRow {
  const { row, organizationId, rest, categoryId: category } = placement;
  const base: PlacedRow = { row, organizationId, ...(category ? { categoryId: category } : {}) };
  if (!embedOn || row.skip) return base;
  const candidate = deviceCandidate(row, rest);
  if (!candidate) return base;
  const key = deviceKey(embedOn, candidate);
  const found = key ? (devices.get(organizationId)?.get(key) ?? []) : [];
  if (found.length === 1) {
    const device = found[0] as Configuration;
    return {
      ...base,
      embed: { resourceType: 'Configuration', resourceId: device.id, label: `configuration ${device.name}` },
    };
  }
  // Never silently general: a password meant for a device that cannot be found is reported.
  return {
    ...base,
    unplaced:
      found.length > 1
        ? `"${candidate}" matches ${found.length} configurations by ${embedOn}; not embedded, not created`
        : `no configuration with ${embedOn} "${candidate}" in this organization; not created as a general password`,
  };
}

export async function planPasswordMirror(
  client: GlueKit,
  journal: Journal,
  source: VaultSourceInput,
  fingerprint: Fingerprinter,
  options: PasswordMirrorOptions,
  now = new Date(),
): Promise<PasswordMirrorPlan> {
  const problems = new ProblemList();
  const signal = options.signal;
  const target = planTarget(client);
  const organizations = await readOrganizations(client, signal);
  const fallback = organizationOption(organizations, options.org, problems);
  const categories = await client.lookups.list('password_categories', { signal });
  const categoryId = categoryResolver(categories, options.categoryMap);
  const defaultCategory = categoryId(options.category);
  if (options.category && !defaultCategory) {
    problems.add({
      option: 'category',
      message: `"${options.category}" is not a password category in IT Glue`,
      fix: 'Use an existing category name or id (gluekit never creates categories).',
    });
  }
  const placements = placeRows(
    source,
    organizations,
    fallback,
    categoryId,
    defaultCategory,
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
      ...notesOf(planned.actions),
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
function notesOf(actions: readonly PlanAction[]): { notes?: string[] } {
  const notCompared = actions.filter((action) => action.notCompared).length;
  if (notCompared === 0) return {};
  return {
    notes: [
      `${notCompared} password value${notCompared === 1 ? ' was' : 's were'} not compared (not written by gluekit, and the source has no modification time): \`compareValues\` settles ${notCompared === 1 ? 'it' : 'them'}, one request each.`,
    ],
  };
}

/** A skipped entry with no organization to report it under. */
function unplacedSkip(organizationId: string, row: VaultSourceRow): PlanAction {
  return {
    resource: 'passwords' as const,
    organizationId,
    key: `line:${row.source.line}`,
    source: row.source,
    action: 'skip' as const,
    reason: row.skip?.reason ?? 'skipped',
  };
}
