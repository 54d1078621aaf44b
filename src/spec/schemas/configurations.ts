import { z } from 'zod';
import { idSchema } from './params.js';

/** Every attribute the document lists for a configuration, all optional. */
const configurationFields = {
  organizationId: idSchema,
  name: z.string(),
  hostname: z.string().nullable(),
  configurationTypeId: idSchema,
  configurationStatusId: idSchema,
  manufacturerId: idSchema.nullable(),
  modelId: idSchema.nullable(),
  locationId: idSchema.nullable(),
  serialNumber: z.string().nullable(),
  assetTag: z.string().nullable(),
  primaryIp: z.string().nullable(),
  macAddress: z.string().nullable(),
  notes: z.string().nullable(),
};
const { organizationId: _organizationId, ...configurationFieldsInOrganization } = configurationFields;

const isoDate = z.iso.date();

/** Real IT Glue configuration attributes beyond the document. */
export const configurationExtensions = z
  .strictObject({
    archived: z.boolean(),
    contactId: idSchema.nullable(),
    operatingSystemId: idSchema.nullable(),
    operatingSystemNotes: z.string().nullable(),
    defaultGateway: z.string().nullable(),
    position: z.string().nullable(),
    restricted: z.boolean(),
    installedAt: isoDate.nullable(),
    purchasedAt: isoDate.nullable(),
    warrantyExpiresAt: isoDate.nullable(),
  })
  .partial();

export const createConfigurationAttributes = z
  .strictObject(configurationFields)
  .partial()
  .required({ organizationId: true, name: true });
export const updateConfigurationAttributes = z.strictObject(configurationFields).partial();
export const createOrganizationConfigurationAttributes = z
  .strictObject(configurationFieldsInOrganization)
  .partial()
  .required({ name: true });
