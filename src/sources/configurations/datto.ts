/**
 * Datto RMM devices: API JSON (`/v2/account/devices` gives `{"devices": [...]}`) or a CSV of the
 * device list (`Device Hostname`, `Site Name`, `Operating System`, …).
 *
 * The device object has no serial; that lives in the device audit (`/v2/audit/device/{uid}`).
 * When an `audit` object is merged into the device (or its parts sit on the device itself), the
 * BIOS serial is preferred over the baseboard serial: the baseboard serial is the motherboard's,
 * differs from the chassis serial on many OEMs, and reading it first gives wrong keys (§3c, D11).
 * The site is the organization; `deviceType.category` is the type for a --type-map.
 */
import type { BuildContext, FormatSpec } from '../formats.js';
import type { RecordView } from '../records.js';
import { deviceRow, pickIp, pickMac, pickSerial, resolveOrganization } from './devices.js';
import type { ConfigurationFormat, ConfigurationReadOptions, ConfigurationSourceRow } from './types.js';

const FIELDS = {
  hostname: ['hostname', 'Device Hostname'],
  siteName: ['siteName', 'Site Name', 'Site'],
  siteUid: ['siteUid', 'Site UID'],
  category: ['deviceType.category', 'Device Type', 'Device Category'],
  intIpAddress: ['intIpAddress', 'Int IP Address', 'Internal IP Address', 'IP Address'],
  os: ['operatingSystem', 'Operating System'],
  description: ['description', 'Description'],
  uid: ['uid', 'Device UID'],
  biosSerial: ['audit.bios.serialNumber', 'bios.serialNumber', 'Serial Number', 'BIOS Serial Number'],
  baseBoardSerial: ['audit.baseBoard.serialNumber', 'baseBoard.serialNumber', 'Baseboard Serial Number'],
  manufacturer: ['audit.systemInfo.manufacturer', 'systemInfo.manufacturer', 'Manufacturer'],
  model: ['audit.systemInfo.model', 'systemInfo.model', 'Model'],
  macAddresses: ['audit.nics[*].macAddress', 'nics[*].macAddress', 'MAC Address'],
} as const;

type Field = keyof typeof FIELDS;

const SIGNATURE = [
  'uid',
  'siteUid',
  'siteName',
  'hostname',
  'intIpAddress',
  'extIpAddress',
  'deviceType.category',
  'deviceType.type',
  'operatingSystem',
  'lastLoggedInUser',
  'domain',
  'lastSeen',
  'lastAuditDate',
  'creationDate',
  'suspended',
  'deleted',
  'audit',
  'Device Hostname',
  'Site Name',
  'Operating System',
  'Last Seen',
  'Last Audit',
  'Last Reboot',
  'Reboot Required',
  'Last User',
];

const LIST = /[,;\s]+/;

function buildDattoDevice(
  view: RecordView<Field>,
  { report, options }: BuildContext<ConfigurationReadOptions>,
): ConfigurationSourceRow {
  const hostname = view.text('hostname');
  return deviceRow(
    {
      source: { file: report.file, line: view.line },
      organization: resolveOrganization(options, report, view.line, {
        id: view.text('siteUid'),
        name: view.text('siteName'),
        what: 'Datto site',
      }),
      name: hostname,
      hostname,
      serialNumber: pickSerial([view.text('biosSerial'), view.text('baseBoardSerial')]),
      macAddress: pickMac(view.list('macAddresses', LIST)),
      primaryIp: pickIp(view.list('intIpAddress', LIST)),
      type: view.text('category'),
      manufacturer: view.text('manufacturer'),
      model: view.text('model'),
      os: view.text('os'),
      notes: view.raw('description'),
      externalId: view.text('uid'),
    },
    report,
  );
}

export const CONFIGURATION_DATTO: FormatSpec<
  ConfigurationFormat,
  Field,
  ConfigurationSourceRow,
  ConfigurationReadOptions
> = {
  format: 'datto',
  label: 'Datto RMM devices (API JSON or device-list CSV)',
  fields: FIELDS,
  signature: SIGNATURE,
  reads: { csv: true, json: true },
  requires: ['hostname'],
  build: buildDattoDevice,
};
