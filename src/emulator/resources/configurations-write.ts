/**
 * Configuration writes. Real IT Glue requires `name` and an existing `configuration_type_id`
 * (its 422 body is verbatim in problems.ts), refuses `relationships` on PATCH, and refuses a PATCH
 * of a PSA-synced configuration unless it only touches the few fields the PSA does not own. The
 * seed profile does not require the type (the document does not) but still checks one that is sent.
 */

import type { ConfigurationRecord } from '../store/records.js';
import type { ApiError } from '../support/api-errors.js';
import { configurationModel } from './configurations.js';
import type { RecordDraft, WritableModel, WriteContext, WriteInput } from './model.js';
import { has, type PermitSpec } from './permit.js';
import { blank, externallySynced, invalid, mustExist, relationshipsNotAllowed } from './problems.js';
import { assignSent, checkLookup, ownedWriter } from './write-support.js';

const STRING_FIELDS = [
  'name',
  'hostname',
  'primaryIp',
  'macAddress',
  'defaultGateway',
  'serialNumber',
  'assetTag',
  'position',
  'installedBy',
  'purchasedBy',
  'notes',
  'operatingSystemNotes',
] as const;
const ID_FIELDS = [
  'configurationTypeId',
  'configurationStatusId',
  'manufacturerId',
  'modelId',
  'operatingSystemId',
  'contactId',
  'locationId',
] as const;
const DATE_FIELDS = ['warrantyExpiresAt', 'installedAt', 'purchasedAt'] as const;
const BOOLEAN_FIELDS = ['archived', 'restricted'] as const;

const ATTRIBUTES: PermitSpec = Object.fromEntries([
  ['organizationId', 'id'],
  ...STRING_FIELDS.map((name) => [name, 'string']),
  ...ID_FIELDS.map((name) => [name, 'id']),
  ...DATE_FIELDS.map((name) => [name, 'date']),
  ...BOOLEAN_FIELDS.map((name) => [name, 'boolean']),
]);

const STORED_FIELDS = [...STRING_FIELDS, ...ID_FIELDS, ...DATE_FIELDS, ...BOOLEAN_FIELDS];

/** What a PATCH may change on a PSA-synced configuration [DOC L1955]. */
const PSA_EDITABLE = new Set([
  'archived',
  'assetTag',
  'notes',
  'purchasedAt',
  'restricted',
  'serialNumber',
  'warrantyExpiresAt',
]);

const MAC_ADDRESS_MAX = 17;

type Draft = RecordDraft<ConfigurationRecord>;

function checkReferences(
  context: WriteContext,
  draft: Draft,
  values: Record<string, unknown>,
  errors: ApiError[],
) {
  const base = context.pointerBase;
  const { tenant } = context;
  const typeRequired = context.profile === 'real' || has(values, 'configurationTypeId');
  if (
    typeRequired &&
    (draft.configurationTypeId === null || !tenant.lookups.configuration_types.get(draft.configurationTypeId))
  ) {
    errors.push(mustExist(base, 'configuration-type'));
  }
  checkLookup(
    context,
    'configuration_statuses',
    values.configurationStatusId,
    'configuration-status',
    errors,
  );
  checkLookup(context, 'manufacturers', values.manufacturerId, 'manufacturer', errors);
  const references: Array<[unknown, { get(id: string): unknown }, string]> = [
    [values.modelId, tenant.models, 'model'],
    [values.operatingSystemId, tenant.operatingSystems, 'operating-system'],
    [values.contactId, tenant.contacts, 'contact'],
    [values.locationId, tenant.locations, 'location'],
  ];
  for (const [id, table, association] of references) {
    if (typeof id === 'string' && !table.get(id)) errors.push(mustExist(base, association));
  }
}

function checkValues(
  context: WriteContext,
  draft: Draft,
  values: Record<string, unknown>,
  errors: ApiError[],
) {
  assignSent(draft, values, STORED_FIELDS);
  if (draft.name === null || draft.name === '') errors.push(blank(context.pointerBase, 'name'));
  if (draft.macAddress !== null && draft.macAddress.length > MAC_ADDRESS_MAX) {
    errors.push(invalid(context.pointerBase, 'macAddress', 'is too long (maximum is 17 characters)'));
  }
  checkReferences(context, draft, values, errors);
}

/** Real IT Glue refuses `relationships` on PATCH, and any PSA-owned field of a PSA-synced record. */
function refuseUpdate(
  context: WriteContext,
  current: ConfigurationRecord,
  input: WriteInput,
  values: Record<string, unknown>,
): ApiError | undefined {
  if (context.profile !== 'real') return undefined;
  if (input.hasRelationships) return relationshipsNotAllowed(context.pointerBase);
  const touchesPsaFields = Object.keys(values).some((name) => !PSA_EDITABLE.has(name));
  if (current.psaIntegration !== null && touchesPsaFields) return externallySynced(context.pointerBase);
  return undefined;
}

export const configurationWriteModel: WritableModel<ConfigurationRecord> = {
  ...configurationModel,
  ...ownedWriter<ConfigurationRecord>({
    permitted: () => ATTRIBUTES,
    refuseUpdate,
    apply: checkValues,
    defaults: () => ({
      name: '',
      hostname: null,
      primaryIp: null,
      macAddress: null,
      defaultGateway: null,
      serialNumber: null,
      assetTag: null,
      position: null,
      installedBy: null,
      purchasedBy: null,
      notes: null,
      operatingSystemNotes: null,
      configurationTypeId: null,
      configurationStatusId: null,
      manufacturerId: null,
      modelId: null,
      operatingSystemId: null,
      contactId: null,
      locationId: null,
      warrantyExpiresAt: null,
      installedAt: null,
      purchasedAt: null,
      archived: false,
      restricted: false,
      myGlue: false,
      psaIntegration: null,
      psaId: null,
      rmmId: null,
      rmmIntegrationType: null,
    }),
  }),
};
