/**
 * Configuration import, the planning half (pure). Devices match inside one organization by
 * serial number, then asset tag, then MAC address, then hostname; a level counts only when it
 * gives exactly one candidate. Junk serials ("To Be Filled By O.E.M.") count as missing, so
 * white-box PCs never merge. Hostname is used only when a side lacks a valid serial: the same
 * hostname with different valid serials is a replaced machine, created anew with a warning. A
 * serial found in another organization is a conflict, never a move.
 */

import { normalizeHostname, normalizeMac, normalizeSerial } from '../sources/normalize.js';
import type { Configuration } from '../spec/models.js';
import type { FieldChange, PlanAction, SourceRef } from './plan.js';

/** What the planner reads from a source row (the sources' ConfigurationSourceRow satisfies it). */
export interface ConfigurationRow {
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
}

export interface ConfigurationPlanResult {
  actions: PlanAction[];
  warnings: Array<{ source?: SourceRef; message: string }>;
  /** Rows that need a type to be created and have none: input problems. */
  untyped: ConfigurationRow[];
}

function keysOfDevice(device: {
  serialNumber?: string | null;
  assetTag?: string | null;
  macAddress?: string | null;
  hostname?: string | null;
}) {
  return {
    serial: normalizeSerial(device.serialNumber ?? undefined),
    asset: device.assetTag?.trim() ? device.assetTag.trim().toLowerCase() : undefined,
    mac: normalizeMac(device.macAddress ?? undefined),
    host: normalizeHostname(device.hostname ?? undefined),
  };
}

export function configurationKeys(configuration: Configuration): string[] {
  const keys = keysOfDevice(configuration);
  return [
    keys.serial && `serial:${keys.serial}`,
    keys.asset && `asset:${keys.asset}`,
    keys.mac && `mac:${keys.mac}`,
    keys.host && `host:${keys.host}`,
    configuration.name && `name:${configuration.name.trim().toLowerCase()}`,
  ].filter((key): key is string => !!key);
}

function indexBy(
  configurations: readonly Configuration[],
  keyOf: (c: Configuration) => string | undefined,
): Map<string, Configuration[]> {
  const index = new Map<string, Configuration[]>();
  for (const configuration of configurations) {
    const key = keyOf(configuration);
    if (key) index.set(key, [...(index.get(key) ?? []), configuration]);
  }
  return index;
}

function setIfChanged(
  changes: Record<string, FieldChange>,
  attributes: Record<string, unknown>,
  field: string,
  from: unknown,
  to: string | undefined,
): void {
  const value = to?.trim();
  if (!value) return; // never blank a field
  if (typeof from === 'string' && from.trim().toLowerCase() === value.toLowerCase()) return;
  changes[field] = { from: from ?? null, to: value };
  attributes[field] = value;
}

export function planConfigurationsForOrganization(
  rows: readonly ConfigurationRow[],
  target: ConfigurationTarget,
  options: ConfigurationPlanOptions,
): ConfigurationPlanResult {
  const { organizationId, configurations } = target;
  const bySerial = indexBy(configurations, (c) => keysOfDevice(c).serial);
  const byAsset = indexBy(configurations, (c) => keysOfDevice(c).asset);
  const byMac = indexBy(configurations, (c) => keysOfDevice(c).mac);
  const byHost = indexBy(configurations, (c) => keysOfDevice(c).host);
  const result: ConfigurationPlanResult = { actions: [], warnings: [], untyped: [] };
  const seen = new Map<string, number>();
  const matched = new Set<string>();
  const base = { resource: 'configurations' as const, organizationId };

  for (const row of rows) {
    const keys = keysOfDevice(row);
    const primaryKey = keys.serial
      ? `serial:${keys.serial}`
      : keys.asset
        ? `asset:${keys.asset}`
        : keys.mac
          ? `mac:${keys.mac}`
          : keys.host
            ? `host:${keys.host}`
            : undefined;
    const at = { ...base, key: primaryKey ?? `line:${row.source.line}`, source: row.source };
    if (!primaryKey) {
      result.actions.push({
        ...at,
        action: 'skip',
        reason: row.serialNumber
          ? `junk serial "${row.serialNumber}" and no asset tag, MAC or hostname to match on`
          : 'no serial, asset tag, MAC or hostname to match on',
      });
      continue;
    }
    const earlier = seen.get(primaryKey);
    if (earlier !== undefined) {
      result.actions.push({
        ...at,
        action: 'skip',
        reason: `duplicate in input: line ${row.source.line} is the same device as line ${earlier}`,
      });
      continue;
    }
    seen.set(primaryKey, row.source.line);

    let candidates: Configuration[] = [];
    let matchedOn = '';
    for (const [level, index, value] of [
      ['serial', bySerial, keys.serial],
      ['asset tag', byAsset, keys.asset],
      ['MAC address', byMac, keys.mac],
    ] as const) {
      if (!value) continue;
      const found = index.get(value) ?? [];
      if (found.length > 0) {
        candidates = found;
        matchedOn = level;
        break;
      }
    }
    if (candidates.length === 0 && keys.host) {
      // Hostname only where a serial cannot decide: a different valid serial means a different machine.
      const sameHost = byHost.get(keys.host) ?? [];
      const compatible = sameHost.filter((c) => !keys.serial || !keysOfDevice(c).serial);
      if (compatible.length < sameHost.length) {
        result.warnings.push({
          source: row.source,
          message: `hostname ${row.hostname} is also on ${sameHost.length - compatible.length} configuration(s) with a different serial: treated as a new machine`,
        });
      }
      candidates = compatible;
      matchedOn = 'hostname';
    }

    if (candidates.length > 1) {
      result.actions.push({
        ...at,
        action: 'conflict',
        reason: `${candidates.length} configurations share this ${matchedOn} (${candidates.map((c) => c.id).join(', ')})`,
      });
      continue;
    }
    const device = candidates[0];
    if (!device) {
      const elsewhere = keys.serial ? options.serialsElsewhere.get(keys.serial) : undefined;
      if (elsewhere) {
        result.actions.push({
          ...at,
          action: 'conflict',
          reason: `serial ${keys.serial} is on configuration ${elsewhere.id} in organization ${elsewhere.organizationId}: not created or moved`,
        });
        continue;
      }
      const typeId = options.typeOf(row);
      if (!typeId) {
        result.untyped.push(row);
        continue;
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
      result.actions.push({ ...at, action: 'create', reason: 'not in IT Glue', attributes });
      continue;
    }

    matched.add(device.id);
    const onRecord = { ...at, id: device.id, precondition: { updatedAt: device.updatedAt } };
    if (device.archived) {
      result.actions.push({
        ...onRecord,
        action: 'skip',
        reason: `matches archived configuration ${device.id} (by ${matchedOn}): not re-created or un-archived`,
      });
      continue;
    }
    if (device.psaIntegration) {
      result.actions.push({
        ...onRecord,
        action: 'skip',
        reason: `synced from ${device.psaIntegration}: IT Glue takes its changes from there`,
      });
      continue;
    }
    const changes: Record<string, FieldChange> = {};
    const attributes: Record<string, unknown> = {};
    setIfChanged(changes, attributes, 'hostname', device.hostname, row.hostname);
    if (keys.serial && !keysOfDevice(device).serial)
      setIfChanged(changes, attributes, 'serialNumber', device.serialNumber, row.serialNumber);
    setIfChanged(changes, attributes, 'assetTag', device.assetTag, row.assetTag);
    if (keys.mac && normalizeMac(device.macAddress ?? undefined) !== keys.mac)
      setIfChanged(changes, attributes, 'macAddress', device.macAddress, keys.mac);
    setIfChanged(changes, attributes, 'primaryIp', device.primaryIp, row.primaryIp);
    if (!device.notes?.trim()) setIfChanged(changes, attributes, 'notes', device.notes, row.notes);
    result.actions.push(
      Object.keys(changes).length > 0
        ? {
            ...onRecord,
            action: 'update',
            reason: `differs from the source (matched by ${matchedOn})`,
            changes,
            attributes,
          }
        : { ...onRecord, action: 'unchanged', reason: `matches the source (by ${matchedOn})` },
    );
  }

  if (options.archiveMissing) {
    if (rows.length === 0) {
      result.actions.push({
        ...base,
        key: `organization:${organizationId}`,
        action: 'skip',
        reason: 'no devices in the source for this organization: nothing is archived',
      });
    } else {
      for (const device of configurations) {
        if (matched.has(device.id) || device.archived) continue;
        const key = configurationKeys(device)[0] ?? `id:${device.id}`;
        const at = { ...base, key, id: device.id, precondition: { updatedAt: device.updatedAt } };
        if (!target.owned.has(device.id)) {
          result.actions.push({
            ...at,
            action: 'skip',
            reason: 'missing from the source, but not created or matched by this source before: left alone',
          });
        } else if (device.psaIntegration) {
          result.actions.push({
            ...at,
            action: 'skip',
            reason: `missing from the source, but synced from ${device.psaIntegration}`,
          });
        } else {
          result.actions.push({
            ...at,
            action: 'deactivate',
            reason: 'missing from the source: archived (never deleted)',
            changes: { archived: { from: device.archived ?? false, to: true } },
            attributes: { archived: true },
            expect: { archived: true },
          });
        }
      }
    }
  }
  return result;
}
