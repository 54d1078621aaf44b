/**
 * Configurations: fields and the view (attributes per facts §5.4). `hostname` is a filter of the
 * seed document only; real IT Glue ignores it.
 */
import type { ConfigurationRecord } from '../store/records.js';
import { contactFullName, type Tenant } from '../store/tenant.js';
import { field, type ResourceModel, recordFields, resourceUrl } from './model.js';

function referenceNames(config: ConfigurationRecord, tenant: Tenant): Record<string, unknown> {
  const type =
    config.configurationTypeId === null
      ? undefined
      : tenant.lookups.configuration_types.get(config.configurationTypeId);
  const contact = config.contactId === null ? undefined : tenant.contacts.get(config.contactId);
  const nameIn = (table: { get(id: string): { name: string } | undefined }, id: string | null) =>
    id === null ? null : (table.get(id)?.name ?? null);
  return {
    'configuration-type-id': config.configurationTypeId,
    'configuration-type-name': type?.name ?? null,
    'configuration-type-kind': type?.kind ?? null,
    'configuration-status-id': config.configurationStatusId,
    'configuration-status-name': tenant.lookupName('configuration_statuses', config.configurationStatusId),
    'manufacturer-id': config.manufacturerId,
    'manufacturer-name': tenant.lookupName('manufacturers', config.manufacturerId),
    'model-id': config.modelId,
    'model-name': nameIn(tenant.models, config.modelId),
    'operating-system-id': config.operatingSystemId,
    'operating-system-name': nameIn(tenant.operatingSystems, config.operatingSystemId),
    'contact-id': config.contactId,
    'contact-name': contact ? contactFullName(contact) : null,
    'location-id': config.locationId,
    'location-name': nameIn(tenant.locations, config.locationId),
  };
}

export const configurationModel: ResourceModel<ConfigurationRecord> = {
  type: 'configurations',
  fields: recordFields<ConfigurationRecord>(
    {
      name: 'text',
      organization_id: 'id',
      configuration_type_id: 'id',
      configuration_status_id: 'id',
      contact_id: 'id',
      serial_number: 'text',
      mac_address: 'text',
      asset_tag: 'text',
      psa_id: 'text',
      rmm_id: 'text',
      rmm_integration_type: 'text',
      archived: 'boolean',
      // The seed document's filter (the seed profile only).
      hostname: 'text',
    },
    { psa_integration_type: field('text', (config) => config.psaIntegration) },
  ),
  attributes(config, view) {
    const { tenant } = view;
    const organization = tenant.organizations.get(config.organizationId);
    return {
      'organization-id': config.organizationId,
      'organization-name': organization?.name ?? null,
      'organization-short-name': organization?.shortName ?? null,
      'resource-url': resourceUrl(config.organizationId, 'configurations', config.id),
      name: config.name,
      hostname: config.hostname,
      'primary-ip': config.primaryIp,
      'mac-address': config.macAddress,
      'default-gateway': config.defaultGateway,
      'serial-number': config.serialNumber,
      'asset-tag': config.assetTag,
      position: config.position,
      'installed-by': config.installedBy,
      'purchased-by': config.purchasedBy,
      notes: config.notes,
      'operating-system-notes': config.operatingSystemNotes,
      'warranty-expires-at': config.warrantyExpiresAt,
      'installed-at': config.installedAt,
      'purchased-at': config.purchasedAt,
      'created-at': config.createdAt,
      'updated-at': config.updatedAt,
      ...referenceNames(config, tenant),
      archived: config.archived,
      restricted: config.restricted,
      'my-glue': config.myGlue,
      'psa-integration': config.psaIntegration,
    };
  },
};
