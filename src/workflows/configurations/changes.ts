/**
 * What an update of a matched device changes. Text fields compare trimmed and case-insensitively
 * and a blank source value changes nothing; a valid serial and existing notes are never
 * overwritten; a hostname with the same first label is the same. Manufacturer, model, operating
 * system, location and contact change when the source resolves to another id.
 */
import { normalizeHostname, normalizeMac } from '../../normalize/keys.js';
import type { Configuration } from '../../spec/models.js';
import { ChangeSet } from '../engine/changes.js';
import { type DeviceKeys, keysOfDevice } from './keys.js';
import type { ConfigurationRow } from './planner.js';
import { REFERENCE_FIELDS, type ResolvedReferences } from './references.js';

/** Fields compared trimmed and case-insensitively; a valid serial and notes are never overwritten. */
export function configurationChanges(
  device: Configuration,
  row: ConfigurationRow,
  keys: DeviceKeys,
): ChangeSet {
  const update = new ChangeSet();
  const compare = 'trimmed-ignoring-case';
  // `pc-01.contoso.local` and IT Glue's `PC-01` are the same hostname: IT Glue's spelling stays.
  if (normalizeHostname(row.hostname) !== normalizeHostname(device.hostname))
    update.setIfChanged('hostname', device.hostname, row.hostname, compare);
  if (keys.serial && !keysOfDevice(device).serial)
    update.setIfChanged('serialNumber', device.serialNumber, row.serialNumber, compare);
  update.setIfChanged('assetTag', device.assetTag, row.assetTag, compare);
  if (keys.mac && normalizeMac(device.macAddress ?? undefined) !== keys.mac)
    update.setIfChanged('macAddress', device.macAddress, keys.mac, compare);
  update.setIfChanged('primaryIp', device.primaryIp, row.primaryIp, compare);
  if (!device.notes?.trim()) update.setIfChanged('notes', device.notes, row.notes, compare);
  return update;
}

const REFERENCE_NAMES = {
  manufacturerId: ['manufacturer', 'manufacturerName'],
  modelId: ['model', 'modelName'],
  operatingSystemId: ['operating system', 'operatingSystemName'],
  locationId: ['location', 'locationName'],
  contactId: ['contact', 'contactName'],
} as const;

/**
 * A resolved id that differs from the device's is a change (a Lenovo in IT Glue that is a Dell in
 * the RMM); an unresolved or absent name changes nothing. Returns the changes in names
 * (`; manufacturer Lenovo → Dell`), since the plan's changes hold ids.
 */
export function referenceChanges(
  update: ChangeSet,
  device: Configuration,
  references: ResolvedReferences,
): string {
  const named: string[] = [];
  for (const field of REFERENCE_FIELDS) {
    const found = references.found[field];
    if (!found || device[field] === found.id) continue;
    update.set(field, device[field] ?? null, found.id);
    const [label, nameField] = REFERENCE_NAMES[field];
    named.push(`${label} ${device[nameField] ?? '(none)'} → ${found.name}`);
  }
  return named.length > 0 ? `; ${named.join(', ')}` : '';
}
