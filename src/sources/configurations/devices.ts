/**
 * What every device format shares: choosing among the serials, addresses and organization names
 * an RMM reports, and finishing a row with warnings for values the matcher will not use (a junk
 * serial, a malformed MAC), so a user learns why a device matched by hostname instead.
 */

import { normalizeMac } from '../../normalize/keys.js';
import { serialJunkReason } from '../../normalize/serial.js';
import { quoteCell, type SourceReport } from '../errors.js';
import { withoutUndefined } from '../formats.js';
import type { ConfigurationReadOptions, ConfigurationSourceRow } from './types.js';

/**
 * The first serial that can identify the device. NinjaOne reports a system and a BIOS serial and
 * Datto a BIOS and a baseboard one; one of them is often a placeholder. When all are junk, the
 * first is kept as written: the matcher ignores it and the warning names it.
 */
export function pickSerial(candidates: ReadonlyArray<string | undefined>): string | undefined {
  const present = candidates.filter((value): value is string => value !== undefined && value.trim() !== '');
  return present.find((value) => serialJunkReason(value) === undefined) ?? present[0];
}

/** The first real MAC (virtual adapters often report all zeros first), or the first as written. */
export function pickMac(values: readonly string[]): string | undefined {
  return values.find((value) => normalizeMac(value) !== undefined) ?? values[0];
}

const IPV4 = /^(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** The first IPv4 address that is not loopback or link-local (169.254/16); else the first address. */
export function pickIp(values: readonly string[]): string | undefined {
  const usable = values.find((value) => {
    const match = IPV4.exec(value);
    return match !== null && match[1] !== '127' && !value.startsWith('169.254.');
  });
  return usable ?? values.find((value) => IPV4.test(value)) ?? values[0];
}

function lookup(
  map: ConfigurationReadOptions['organizationMap'],
  key: string | undefined,
): string | undefined {
  if (map === undefined || key === undefined) return undefined;
  if (map instanceof Map) return map.get(key);
  const record = map as Readonly<Record<string, string>>;
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The IT Glue organization for an RMM organization or site: the organization map by id, then by
 * name, then the name itself. An id with no name and no map entry cannot be resolved: warn once
 * per id rather than guess (an RMM id is never an IT Glue id).
 */
export function resolveOrganization(
  options: ConfigurationReadOptions,
  report: SourceReport,
  line: number,
  source: { id?: string | undefined; name?: string | undefined; what: string },
): string | undefined {
  const mapped = lookup(options.organizationMap, source.id) ?? lookup(options.organizationMap, source.name);
  if (mapped !== undefined) return mapped;
  if (source.name !== undefined) return source.name;
  if (source.id !== undefined) {
    report.warnOnce(
      `organization:${source.id}`,
      line,
      `${source.what} ${quoteCell(source.id)} has no name in the file and no entry in the organization map; its devices use \`organization\``,
    );
  }
  return undefined;
}

/** The finished row: warnings for unusable keys, and no keys whose value is undefined. */
export function deviceRow(row: ConfigurationSourceRow, report: SourceReport): ConfigurationSourceRow {
  const line = row.source.line;
  if (row.serialNumber !== undefined) {
    const reason = serialJunkReason(row.serialNumber);
    if (reason)
      report.warn(line, `serial number ${quoteCell(row.serialNumber)} is ${reason}: not used for matching`);
  }
  if (row.macAddress !== undefined && normalizeMac(row.macAddress) === undefined) {
    report.warn(
      line,
      `MAC address ${quoteCell(row.macAddress)} is not a usable MAC address: not used for matching`,
    );
  }
  return withoutUndefined(row);
}
