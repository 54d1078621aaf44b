import { z } from 'zod';
import { idSchema } from './params.js';

/** Every attribute the document lists for a password, all optional. */
const passwordFields = {
  organizationId: idSchema,
  name: z.string(),
  username: z.string(),
  // `format: password` in the document: a secret, never logged or printed.
  password: z.string(),
  url: z.string().nullable(),
  notes: z.string().nullable(),
  passwordCategoryId: idSchema.nullable(),
  passwordFolderId: idSchema.nullable(),
  resourceId: idSchema.nullable(),
  resourceType: z.string().nullable(),
};

/** Real IT Glue password attributes beyond the document. */
export const passwordExtensions = z
  .strictObject({
    // The TOTP secret; as secret as the password itself.
    otpSecret: z.string().nullable(),
    archived: z.boolean(),
    restricted: z.boolean(),
  })
  .partial();

export const createPasswordAttributes = z
  .strictObject(passwordFields)
  .partial()
  .required({ organizationId: true, name: true });
export const updatePasswordAttributes = z.strictObject(passwordFields).partial();
