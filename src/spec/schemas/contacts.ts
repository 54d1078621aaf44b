import { z } from 'zod';
import { emailSchema, extensionsOf, idSchema, requestSchemas } from './params.js';

/** Every attribute the document lists for a contact but its organization, all optional. */
const contactFields = {
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
export const contactExtensions = extensionsOf({
  contactEmails: z.array(contactEmailSchema),
  contactPhones: z.array(contactPhoneSchema),
  restricted: z.boolean(),
});

export const {
  create: createContactAttributes,
  update: updateContactAttributes,
  createInOrganization: createOrganizationContactAttributes,
  updateInOrganization: updateOrganizationContactAttributes,
} = requestSchemas(contactFields);
