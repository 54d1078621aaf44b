/**
 * `--embed-on hostname|serial|name`: the configuration a vault entry names (a device field, or the
 * rest of its container path), found in one list of the organization's configurations. An entry
 * whose device cannot be found, or matches several, is reported, never made general.
 */
import type { GlueKit } from '../../client.js';
import { normalizeHostname, normalizeName, normalizeSerial } from '../../normalize/keys.js';
import type { Configuration } from '../../spec/models.js';
import type { Placement, VaultSourceRow } from './placement.js';
import type { PlacedRow } from './planner.js';

export type EmbedOn = 'hostname' | 'serial' | 'name';

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

/** With --embed-on: each organization's configurations by the chosen key, one list each. */
export async function readDevices(
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
export function embedRow(
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
