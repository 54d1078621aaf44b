/**
 * NinjaOne devices: API JSON (`/v2/devices-detailed`, an array of device objects) or a CSV whose
 * headers are the API field paths (`system.serialNumber`, `ipAddresses[0]`) or their UI names.
 *
 * The serial is `system.serialNumber`, else `system.biosSerialNumber` (they can differ, and either
 * can be a placeholder; CIPP tries both). The name is the display name, else the system name; the
 * hostname is the system name, else the DNS name. `nodeClass` (`WINDOWS_WORKSTATION`, …) is the
 * type for a --type-map. The device JSON names its organization only by id, so the organization
 * comes from `organizationName`, `references.organization.name`, or the organization map; the
 * location likewise from its name (`references.location.name`, `locationName`), never its id.
 */
import type { BuildContext, FormatSpec } from '../formats.js';
import type { RecordView } from '../records.js';
import { deviceRow, pickIp, pickMac, pickSerial, resolveOrganization } from './devices.js';
import type { ConfigurationFormat, ConfigurationReadOptions, ConfigurationSourceRow } from './types.js';

const FIELDS = {
  displayName: ['displayName', 'Display Name', 'Name'],
  systemName: ['systemName', 'System Name'],
  dnsName: ['dnsName', 'DNS Name'],
  netbiosName: ['netbiosName', 'NetBIOS Name'],
  organizationName: ['organizationName', 'references.organization.name', 'Organization'],
  organizationId: ['organizationId', 'Organization ID'],
  serialNumber: ['system.serialNumber', 'Serial Number'],
  biosSerialNumber: ['system.biosSerialNumber', 'biosSerialNumber', 'BIOS Serial Number'],
  nodeClass: ['nodeClass', 'Node Class', 'Device Class'],
  manufacturer: ['system.manufacturer', 'Manufacturer'],
  model: ['system.model', 'Model'],
  os: ['os.name', 'OS Name', 'Operating System'],
  location: ['references.location.name', 'locationName', 'Location'],
  ipAddresses: ['ipAddresses', 'ipAddresses[0]', 'IP Addresses'],
  macAddresses: ['macAddresses', 'macAddresses[0]', 'MAC Addresses'],
  id: ['id', 'Device ID'],
} as const;

type Field = keyof typeof FIELDS;

const SIGNATURE = [
  'nodeClass',
  'systemName',
  'dnsName',
  'netbiosName',
  'displayName',
  'organizationId',
  'organizationName',
  'locationId',
  'system.serialNumber',
  'system.biosSerialNumber',
  'system.manufacturer',
  'system.model',
  'os.name',
  'ipAddresses',
  'ipAddresses[0]',
  'macAddresses',
  'macAddresses[0]',
  'publicIP',
  'lastContact',
  'approvalStatus',
  'offline',
];

/** Lists in one CSV cell: commas, semicolons or whitespace. */
const LIST = /[,;\s]+/;

function buildNinjaDevice(
  view: RecordView<Field>,
  { report, options }: BuildContext<ConfigurationReadOptions>,
): ConfigurationSourceRow {
  const systemName = view.text('systemName');
  const dnsName = view.text('dnsName');
  return deviceRow(
    {
      source: { file: report.file, line: view.line },
      organization: resolveOrganization(options, report, view.line, {
        id: view.text('organizationId'),
        name: view.text('organizationName'),
        what: 'NinjaOne organization',
      }),
      name: view.text('displayName') ?? systemName ?? dnsName,
      hostname: systemName ?? dnsName ?? view.text('netbiosName'),
      serialNumber: pickSerial([view.text('serialNumber'), view.text('biosSerialNumber')]),
      macAddress: pickMac(view.list('macAddresses', LIST)),
      primaryIp: pickIp(view.list('ipAddresses', LIST)),
      type: view.text('nodeClass'),
      manufacturer: view.text('manufacturer'),
      model: view.text('model'),
      os: view.text('os'),
      location: view.text('location'),
      externalId: view.text('id'),
    },
    report,
  );
}

export const CONFIGURATION_NINJAONE: FormatSpec<
  ConfigurationFormat,
  Field,
  ConfigurationSourceRow,
  ConfigurationReadOptions
> = {
  format: 'ninjaone',
  label: 'NinjaOne devices (API JSON or CSV)',
  fields: FIELDS,
  signature: SIGNATURE,
  reads: { csv: true, json: true },
  requires: ['systemName', 'dnsName', 'displayName', 'serialNumber', 'biosSerialNumber'],
  build: buildNinjaDevice,
};
