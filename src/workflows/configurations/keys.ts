/** A device's match keys, on either side: a source row or an IT Glue configuration. */
import { normalizeHostname, normalizeMac, normalizeSerial } from '../../normalize/keys.js';
import type { Configuration } from '../../spec/models.js';

export function keysOfDevice(device: {
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

export type DeviceKeys = ReturnType<typeof keysOfDevice>;

/** Every key of a configuration, for recognising a create whose answer was lost. */
export function configurationKeys(configuration: Configuration): string[] {
  const keys = keysOfDevice(configuration);
  return [
    ...new Set([
      keys.serial && `serial:${keys.serial}`,
      keys.asset && `asset:${keys.asset}`,
      keys.mac && `mac:${keys.mac}`,
      ...hostKeysOf(configuration).map((host) => host && `host:${host}`),
      configuration.name && `name:${configuration.name.trim().toLowerCase()}`,
    ]),
  ].filter((key): key is string => !!key);
}

/** IT Glue's name is often the hostname (and the only one filled in): both are host keys. */
export function hostKeysOf(
  configuration: Pick<Configuration, 'hostname' | 'name'>,
): Array<string | undefined> {
  return [normalizeHostname(configuration.hostname), normalizeHostname(configuration.name)];
}
