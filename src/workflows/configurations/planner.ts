/**
 * Configuration import, the planning half (pure). Devices match inside one organization by
 * serial number, then asset tag, then MAC address, then hostname; a level counts only when it
 * gives exactly one candidate. Junk serials ("To Be Filled By O.E.M.") count as missing, so
 * white-box PCs never merge. Hostname is used only when a side lacks a valid serial: the same
 * hostname with different valid serials is a replaced machine, created anew with a warning. A
 * serial found in another organization is a conflict, never a move. Hostnames compare by their
 * first label (`pc-01.contoso.local` is `PC-01`), against IT Glue's hostname and its name.
 * Manufacturer, model, operating system, location and the primary user's contact are set from
 * names the lists resolve (references.ts); a name IT Glue lacks is reported and left unset.
 */

import type { Configuration } from '../../spec/models.js';
import type { PlanAction, SourceRef } from '../engine/plan.js';
import { configurationChanges, referenceChanges } from './changes.js';
import { configurationKeys, type DeviceKeys, hostKeysOf, keysOfDevice } from './keys.js';
import { planMissingConfigurations } from './missing.js';
import {
  NO_REFERENCES,
  REFERENCE_FIELDS,
  type ReferenceNames,
  type ReferenceResolver,
  type ResolvedReferences,
  referenceResolver,
} from './references.js';

export { configurationKeys };

/** What the planner reads from a source row (the sources' ConfigurationSourceRow satisfies it). */
export interface ConfigurationRow extends ReferenceNames {
  source: SourceRef;
  name?: string | undefined;
  hostname?: string | undefined;
  serialNumber?: string | undefined;
  assetTag?: string | undefined;
  macAddress?: string | undefined;
  primaryIp?: string | undefined;
  type?: string | undefined;
  notes?: string | undefined;
}

export interface ConfigurationTarget {
  organizationId: string;
  configurations: Configuration[];
  owned: ReadonlySet<string>;
}

export interface ConfigurationPlanOptions {
  /** The configuration type id for a row, or undefined when none can be found. */
  typeOf: (row: ConfigurationRow) => string | undefined;
  statusId?: string | undefined;
  archiveMissing: boolean;
  /** Normalized serial → where it already lives, for serials in other organizations. */
  serialsElsewhere: ReadonlyMap<string, { organizationId: string; id: string }>;
  /** Manufacturer, model, OS, location and contact ids for a row's names (default: none known). */
  references?: ReferenceResolver | undefined;
}

export interface ConfigurationPlanResult {
  actions: PlanAction[];
  warnings: Array<{ source?: SourceRef; message: string }>;
  /** Rows that need a type to be created and have none: input problems. */
  untyped: ConfigurationRow[];
  /** Why a name a row gives is left unset, once per row ("manufacturer "Acme" is not in IT Glue"). */
  unresolved: string[];
}

function indexBy(
  configurations: readonly Configuration[],
  keysOf: (c: Configuration) => ReadonlyArray<string | undefined>,
): Map<string, Configuration[]> {
  const index = new Map<string, Configuration[]>();
  for (const configuration of configurations) {
    for (const key of new Set(keysOf(configuration))) {
      if (key) index.set(key, [...(index.get(key) ?? []), configuration]);
    }
  }
  return index;
}

/** What planning one organization carries from row to row. */
interface OrganizationPlan {
  target: ConfigurationTarget;
  options: ConfigurationPlanOptions;
  indexes: Record<'serial' | 'asset' | 'mac' | 'host', Map<string, Configuration[]>>;
  references: ReferenceResolver;
  result: ConfigurationPlanResult;
  /** Primary key → the line that had it first. */
  seen: Map<string, number>;
  /** Configurations a row matched: never "missing from the source". */
  matched: Set<string>;
}

type ActionAt = Omit<PlanAction, 'action' | 'reason'>;

export function planConfigurationsForOrganization(
  rows: readonly ConfigurationRow[],
  target: ConfigurationTarget,
  options: ConfigurationPlanOptions,
): ConfigurationPlanResult {
  const { configurations } = target;
  const plan: OrganizationPlan = {
    target,
    options,
    indexes: {
      serial: indexBy(configurations, (c) => [keysOfDevice(c).serial]),
      asset: indexBy(configurations, (c) => [keysOfDevice(c).asset]),
      mac: indexBy(configurations, (c) => [keysOfDevice(c).mac]),
      host: indexBy(configurations, hostKeysOf),
    },
    references: options.references ?? referenceResolver(NO_REFERENCES),
    result: { actions: [], warnings: [], untyped: [], unresolved: [] },
    seen: new Map(),
    matched: new Set(),
  };
  for (const row of rows) planRow(plan, row);
  if (options.archiveMissing)
    plan.result.actions.push(...planMissingConfigurations(target, plan.matched, rows.length));
  return plan.result;
}

/** The strongest key a row has: serial, then asset tag, MAC address, hostname. */
function primaryKeyOf(keys: DeviceKeys): string | undefined {
  if (keys.serial) return `serial:${keys.serial}`;
  if (keys.asset) return `asset:${keys.asset}`;
  if (keys.mac) return `mac:${keys.mac}`;
  return keys.host ? `host:${keys.host}` : undefined;
}

function planRow(plan: OrganizationPlan, row: ConfigurationRow): void {
  const { result } = plan;
  const keys = keysOfDevice({ ...row, hostname: row.hostname ?? row.name });
  const primaryKey = primaryKeyOf(keys);
  const at = {
    resource: 'configurations' as const,
    organizationId: plan.target.organizationId,
    key: primaryKey ?? `line:${row.source.line}`,
    source: row.source,
  };
  if (!primaryKey) {
    result.actions.push({
      ...at,
      action: 'skip',
      reason: row.serialNumber
        ? `junk serial "${row.serialNumber}" and no asset tag, MAC or hostname to match on`
        : 'no serial, asset tag, MAC or hostname to match on',
    });
    return;
  }
  const earlier = plan.seen.get(primaryKey);
  if (earlier !== undefined) {
    result.actions.push({
      ...at,
      action: 'skip',
      reason: `duplicate in input: line ${row.source.line} is the same device as line ${earlier}`,
    });
    return;
  }
  plan.seen.set(primaryKey, row.source.line);

  const { candidates, matchedOn } = findCandidates(plan, row, keys);
  if (candidates.length > 1) {
    result.actions.push({
      ...at,
      action: 'conflict',
      reason: `${candidates.length} configurations share this ${matchedOn} (${candidates.map((c) => c.id).join(', ')})`,
    });
    return;
  }
  const device = candidates[0];
  const references = plan.references(row, plan.target.organizationId);
  result.unresolved.push(...references.unresolved);
  if (!device) planNewConfiguration(plan, at, row, keys, references);
  else planMatchedConfiguration(plan, at, device, row, keys, matchedOn, references);
}

/** `; left unset: manufacturer "Acme" is not in IT Glue`, or nothing. */
function unsetNote(references: ResolvedReferences): string {
  return references.unresolved.length > 0 ? `; left unset: ${references.unresolved.join('; ')}` : '';
}

/** A level counts only when it finds someone; hostname only where a serial cannot decide. */
function findCandidates(
  plan: OrganizationPlan,
  row: ConfigurationRow,
  keys: DeviceKeys,
): { candidates: Configuration[]; matchedOn: string } {
  const { indexes } = plan;
  for (const [level, index, value] of [
    ['serial', indexes.serial, keys.serial],
    ['asset tag', indexes.asset, keys.asset],
    ['MAC address', indexes.mac, keys.mac],
  ] as const) {
    if (!value) continue;
    const found = index.get(value) ?? [];
    if (found.length > 0) return { candidates: found, matchedOn: level };
  }
  if (!keys.host) return { candidates: [], matchedOn: '' };
  // Hostname only where a serial cannot decide: a different valid serial means a different machine.
  const sameHost = indexes.host.get(keys.host) ?? [];
  const compatible = sameHost.filter((c) => !keys.serial || !keysOfDevice(c).serial);
  const shown = row.hostname ?? row.name;
  if (compatible.length < sameHost.length) {
    plan.result.warnings.push({
      source: row.source,
      message: `hostname ${shown} is also on ${sameHost.length - compatible.length} configuration(s) with a different serial: treated as a new machine`,
    });
  }
  return { candidates: compatible, matchedOn: 'hostname' };
}

function planNewConfiguration(
  plan: OrganizationPlan,
  at: ActionAt,
  row: ConfigurationRow,
  keys: DeviceKeys,
  references: ResolvedReferences,
): void {
  const { result, options } = plan;
  const elsewhere = keys.serial ? options.serialsElsewhere.get(keys.serial) : undefined;
  if (elsewhere) {
    result.actions.push({
      ...at,
      action: 'conflict',
      reason: `serial ${keys.serial} is on configuration ${elsewhere.id} in organization ${elsewhere.organizationId}: not created or moved`,
    });
    return;
  }
  const typeId = options.typeOf(row);
  if (!typeId) {
    result.untyped.push(row);
    return;
  }
  const attributes: Record<string, unknown> = {
    name: (row.name ?? row.hostname ?? keys.serial ?? '').trim(),
    configurationTypeId: typeId,
  };
  if (row.hostname?.trim()) attributes.hostname = row.hostname.trim();
  if (keys.serial) attributes.serialNumber = row.serialNumber?.trim(); // never a junk serial
  if (row.assetTag?.trim()) attributes.assetTag = row.assetTag.trim();
  if (keys.mac) attributes.macAddress = keys.mac;
  if (row.primaryIp?.trim()) attributes.primaryIp = row.primaryIp.trim();
  if (row.notes?.trim()) attributes.notes = row.notes.trim();
  if (options.statusId) attributes.configurationStatusId = options.statusId;
  for (const field of REFERENCE_FIELDS) {
    const found = references.found[field];
    if (found) attributes[field] = found.id;
  }
  result.actions.push({
    ...at,
    action: 'create',
    reason: `not in IT Glue${unsetNote(references)}`,
    attributes,
  });
}

function planMatchedConfiguration(
  plan: OrganizationPlan,
  at: ActionAt,
  device: Configuration,
  row: ConfigurationRow,
  keys: DeviceKeys,
  matchedOn: string,
  references: ResolvedReferences,
): void {
  const { result } = plan;
  plan.matched.add(device.id);
  const onRecord = { ...at, id: device.id, precondition: { updatedAt: device.updatedAt } };
  if (device.archived) {
    result.actions.push({
      ...onRecord,
      action: 'skip',
      reason: `matches archived configuration ${device.id} (by ${matchedOn}): not re-created or un-archived`,
    });
    return;
  }
  if (device.psaIntegration) {
    result.actions.push({
      ...onRecord,
      action: 'skip',
      reason: `synced from ${device.psaIntegration}: IT Glue takes its changes from there`,
    });
    return;
  }
  const update = configurationChanges(device, row, keys);
  const named = referenceChanges(update, device, references);
  const note = unsetNote(references);
  result.actions.push(
    update.isEmpty
      ? { ...onRecord, action: 'unchanged', reason: `matches the source (by ${matchedOn})${note}` }
      : {
          ...onRecord,
          action: 'update',
          reason: `differs from the source (matched by ${matchedOn})${named}${note}`,
          changes: update.changes,
          attributes: update.attributes,
        },
  );
}
