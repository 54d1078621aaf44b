import { z } from 'zod';
import { extensionsOf, idSchema, requestSchemas } from './params.js';

/** Every attribute the document lists for a configuration but its organization, all optional. */
const configurationFields = {
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

const isoDate = z.iso.date();

/** Real IT Glue configuration attributes beyond the document. */
export const configurationExtensions = extensionsOf({
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
});

export const {
  create: createConfigurationAttributes,
  update: updateConfigurationAttributes,
  createInOrganization: createOrganizationConfigurationAttributes,
} = requestSchemas(configurationFields);
