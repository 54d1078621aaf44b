import { z } from 'zod';
import { extensionsOf, idSchema, requestSchemas } from './params.js';

/** Every attribute the document lists for a password but its organization, all optional. */
const passwordFields = {
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
export const passwordExtensions = extensionsOf({
  // The TOTP secret; as secret as the password itself.
  otpSecret: z.string().nullable(),
  archived: z.boolean(),
  restricted: z.boolean(),
});

export const { create: createPasswordAttributes, update: updatePasswordAttributes } =
  requestSchemas(passwordFields);
