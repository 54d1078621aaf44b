import { z } from 'zod';
import { emailSchema, idSchema } from './params.js';

/** Every attribute the document lists for a contact, all optional. */
const contactFields = {
  organizationId: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  title: z.string(),
  email: emailSchema,
  notes: z.string().nullable(),
  important: z.boolean(),
  contactTypeId: idSchema,
  locationId: idSchema.nullable(),
  archived: z.boolean(),
};
const { organizationId: _orgId, ...contactFieldsInOrganization } = contactFields;

export const contactEmailSchema = z.strictObject({
  value: emailSchema,
  primary: z.boolean().optional(),
  labelName: z.string().min(1).default('Work'),
});

export const contactPhoneSchema = z.strictObject({
  value: z.string().min(1),
  extension: z.string().nullable().optional(),
  primary: z.boolean().optional(),
  labelName: z.string().min(1).default('Work'),
  labelType: z.enum(['phone', 'fax']).optional(),
});

/** Real IT Glue contact attributes beyond the document (emails and phones are arrays there). */
export const contactExtensions = z
  .strictObject({
    contactEmails: z.array(contactEmailSchema),
    contactPhones: z.array(contactPhoneSchema),
    restricted: z.boolean(),
  })
  .partial();

export const createContactAttributes = z
  .strictObject(contactFields)
  .partial()
  .required({ organizationId: true, name: true });
export const updateContactAttributes = z.strictObject(contactFields).partial();
export const createOrganizationContactAttributes = z
  .strictObject(contactFieldsInOrganization)
  .partial()
  .required({ name: true });
export const updateOrganizationContactAttributes = z.strictObject(contactFieldsInOrganization).partial();
