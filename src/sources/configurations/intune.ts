/**
 * Intune managed devices: Microsoft Graph `managedDevice` JSON (`{"value": [...]}` or an array)
 * or the Intune admin center's device export CSV (`Device name`, `Serial number`, `Manufacturer`,
 * `Model`, `OS`, `Primary user UPN`, …).
 *
 * The device name is both name and hostname. The type for a --type-map is `chassisType`
 * (`laptop`, `desktop`, `enterpriseServer`, `phone`, …) when Intune knows it, else `deviceType`
 * (`windowsRT`, `macMDM`, `iPhone`, …): the chassis says what the machine is, the device type
 * mostly what it runs. Intune exports carry no organization: a tenant is one organization, so
 * the rows use --org unless the file adds an `organization` column.
 */
import type { BuildContext, FormatSpec } from '../formats.js';
import type { RecordView } from '../records.js';
import { deviceRow, pickMac } from './devices.js';
import type { ConfigurationFormat, ConfigurationReadOptions, ConfigurationSourceRow } from './types.js';

const FIELDS = {
  deviceName: ['deviceName', 'Device name'],
  serialNumber: ['serialNumber', 'Serial number'],
  manufacturer: ['manufacturer', 'Manufacturer'],
  model: ['model', 'Model'],
  os: ['operatingSystem', 'OS'],
  chassisType: ['chassisType', 'Chassis type'],
  deviceType: ['deviceType', 'Device type'],
  primaryUser: ['userPrincipalName', 'Primary user UPN'],
  primaryUserEmail: ['emailAddress', 'Primary user email address'],
  ethernetMac: ['ethernetMacAddress', 'Ethernet MAC', 'Ethernet MAC address'],
  wifiMac: ['wiFiMacAddress', 'Wi-Fi MAC', 'WiFi MAC address'],
  id: ['id', 'Device ID'],
  organization: ['organization'],
} as const;

type Field = keyof typeof FIELDS;

const SIGNATURE = [
  'deviceName',
  'managedDeviceName',
  'serialNumber',
  'manufacturer',
  'model',
  'operatingSystem',
  'osVersion',
  'chassisType',
  'deviceType',
  'userPrincipalName',
  'userDisplayName',
  'managedDeviceOwnerType',
  'enrolledDateTime',
  'lastSyncDateTime',
  'complianceState',
  'managementAgent',
  'deviceEnrollmentType',
  'joinType',
  'azureADDeviceId',
  'wiFiMacAddress',
  'ethernetMacAddress',
  'Device name',
  'Serial number',
  'OS',
  'OS version',
  'Primary user UPN',
  'Primary user email address',
  'Primary user display name',
  'Device ID',
  'Last check-in',
  'Compliance',
  'Ownership',
];

function deviceClass(chassis: string | undefined, device: string | undefined): string | undefined {
  return chassis && chassis.toLowerCase() !== 'unknown' ? chassis : (device ?? chassis);
}

function buildIntuneDevice(
  view: RecordView<Field>,
  { report }: BuildContext<ConfigurationReadOptions>,
): ConfigurationSourceRow {
  const deviceName = view.text('deviceName');
  const macs = [view.text('ethernetMac'), view.text('wifiMac')].filter(
    (mac): mac is string => mac !== undefined,
  );
  return deviceRow(
    {
      source: { file: report.file, line: view.line },
      organization: view.text('organization'),
      name: deviceName,
      hostname: deviceName,
      serialNumber: view.text('serialNumber'),
      macAddress: pickMac(macs),
      type: deviceClass(view.text('chassisType'), view.text('deviceType')),
      manufacturer: view.text('manufacturer'),
      model: view.text('model'),
      os: view.text('os'),
      externalId: view.text('id'),
      primaryUser: view.text('primaryUser'),
      primaryUserEmail: view.text('primaryUserEmail'),
    },
    report,
  );
}

export const CONFIGURATION_INTUNE: FormatSpec<
  ConfigurationFormat,
  Field,
  ConfigurationSourceRow,
  ConfigurationReadOptions
> = {
  format: 'intune',
  label: 'Intune managed devices (Graph JSON or admin-center export CSV)',
  fields: FIELDS,
  signature: SIGNATURE,
  reads: { csv: true, json: true },
  requires: ['deviceName', 'serialNumber'],
  build: buildIntuneDevice,
};
