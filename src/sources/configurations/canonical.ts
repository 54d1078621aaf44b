/**
 * gluekit's own device format, as CSV or JSON: `organization`, `name`, `hostname`,
 * `serial_number`, `asset_tag`, `mac_address`, `primary_ip`, `type`, `manufacturer`, `model`,
 * `os`, `location`, `primary_user` (an email address), `notes`, `external_id`. JSON keys may be camelCase or snake_case. Notes are kept exactly
 * as written (line breaks and indentation are content); every other value is trimmed.
 */
import { type BuildContext, canonicalSpec, type FormatSpec } from '../formats.js';
import type { RecordView } from '../records.js';
import { deviceRow } from './devices.js';
import type { ConfigurationFormat, ConfigurationReadOptions, ConfigurationSourceRow } from './types.js';

const FIELDS = {
  organization: ['organization', 'organization_name', 'org', 'org_name', 'company', 'client', 'customer'],
  organizationId: ['organization_id', 'org_id', 'itglue_organization_id'],
  name: ['name', 'configuration_name', 'device_name'],
  hostname: ['hostname', 'host_name', 'host', 'computer_name'],
  serialNumber: ['serial_number', 'serial', 'serial_no', 'sn', 'service_tag'],
  assetTag: ['asset_tag', 'asset_number', 'asset'],
  macAddress: ['mac_address', 'mac'],
  primaryIp: ['primary_ip', 'ip_address', 'ip'],
  type: ['type', 'configuration_type', 'device_type'],
  manufacturer: ['manufacturer', 'make', 'vendor'],
  model: ['model'],
  os: ['os', 'operating_system'],
  location: ['location', 'location_name'],
  primaryUser: ['primary_user', 'primary_user_upn', 'primary_user_email', 'user_email'],
  notes: ['notes', 'description'],
  externalId: ['external_id', 'source_id', 'id'],
} as const;

type Field = keyof typeof FIELDS;

const SIGNATURE = [
  'organization',
  'organization_id',
  'name',
  'hostname',
  'serial_number',
  'asset_tag',
  'mac_address',
  'primary_ip',
  'type',
  'manufacturer',
  'model',
  'os',
  'location',
  'primary_user',
  'notes',
  'external_id',
];

function buildCanonicalDevice(
  view: RecordView<Field>,
  { report }: BuildContext<ConfigurationReadOptions>,
): ConfigurationSourceRow {
  return deviceRow(
    {
      source: { file: report.file, line: view.line },
      organization: view.text('organizationId') ?? view.text('organization'),
      name: view.text('name'),
      hostname: view.text('hostname'),
      serialNumber: view.text('serialNumber'),
      assetTag: view.text('assetTag'),
      macAddress: view.text('macAddress'),
      primaryIp: view.text('primaryIp'),
      type: view.text('type'),
      manufacturer: view.text('manufacturer'),
      model: view.text('model'),
      os: view.text('os'),
      location: view.text('location'),
      primaryUser: view.text('primaryUser'),
      notes: view.raw('notes'),
      externalId: view.text('externalId'),
    },
    report,
  );
}

/** A file must have one of these to be read as this format. */
const REQUIRES: readonly Field[] = ['name', 'hostname', 'serialNumber', 'assetTag', 'macAddress'];

type Spec = FormatSpec<ConfigurationFormat, Field, ConfigurationSourceRow, ConfigurationReadOptions>;
const SPEC = { fields: FIELDS, signature: SIGNATURE, requires: REQUIRES, build: buildCanonicalDevice };
export const CONFIGURATION_CSV: Spec = canonicalSpec('csv', 'configuration', SPEC);
export const CONFIGURATION_JSON: Spec = canonicalSpec('json', 'configuration', SPEC);
