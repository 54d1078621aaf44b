/**
 * Every zod schema of the operation table, keyed by operationId. Imported lazily, through
 * `loadSchemas()` in ../index.ts, the first time something validates; see there for why.
 */
import type { z } from 'zod';
import type { OperationId } from '../index.js';
import {
  configurationExtensions,
  createConfigurationAttributes,
  createOrganizationConfigurationAttributes,
  updateConfigurationAttributes,
} from './configurations.js';
import {
  contactExtensions,
  createContactAttributes,
  createOrganizationContactAttributes,
  updateContactAttributes,
  updateOrganizationContactAttributes,
} from './contacts.js';
import {
  createDocumentAttributes,
  createOrganizationDocumentAttributes,
  updateDocumentAttributes,
} from './documents.js';
import { createPasswordAttributes, passwordExtensions, updatePasswordAttributes } from './passwords.js';

export interface AttributeSchemas {
  /** Request attributes exactly as the document lists them (camelCase keys). */
  readonly attributes: z.ZodObject;
  /**
   * Attributes real IT Glue accepts that the document does not list (it allows additional
   * properties). Kept apart so the contract test can compare the document's list exactly.
   */
  readonly extensions?: z.ZodObject;
}

/** The body of every create and update: the operations with a request body in the document. */
export const attributeSchemas = {
  createContact: { attributes: createContactAttributes, extensions: contactExtensions },
  updateContact: { attributes: updateContactAttributes, extensions: contactExtensions },
  createOrganizationContact: {
    attributes: createOrganizationContactAttributes,
    extensions: contactExtensions,
  },
  updateOrganizationContact: {
    attributes: updateOrganizationContactAttributes,
    extensions: contactExtensions,
  },
  createPassword: { attributes: createPasswordAttributes, extensions: passwordExtensions },
  updatePassword: { attributes: updatePasswordAttributes, extensions: passwordExtensions },
  createConfiguration: { attributes: createConfigurationAttributes, extensions: configurationExtensions },
  updateConfiguration: { attributes: updateConfigurationAttributes, extensions: configurationExtensions },
  createOrganizationConfiguration: {
    attributes: createOrganizationConfigurationAttributes,
    extensions: configurationExtensions,
  },
  createDocument: { attributes: createDocumentAttributes },
  updateDocument: { attributes: updateDocumentAttributes },
  createOrganizationDocument: { attributes: createOrganizationDocumentAttributes },
} as const satisfies Partial<Record<OperationId, AttributeSchemas>>;

export function attributeSchemasOf(operationId: string): AttributeSchemas | undefined {
  return (attributeSchemas as Partial<Record<string, AttributeSchemas>>)[operationId];
}

const bodies = new Map<string, z.ZodObject>();

/** What a create or update accepts: the document's attributes plus real IT Glue's extensions. */
export function bodySchemaOf(operationId: string): z.ZodObject | undefined {
  const schemas = attributeSchemasOf(operationId);
  if (!schemas) return undefined;
  let body = bodies.get(operationId);
  if (!body) {
    body = schemas.extensions ? schemas.attributes.extend(schemas.extensions.shape) : schemas.attributes;
    bodies.set(operationId, body);
  }
  return body;
}

export * from './configurations.js';
export * from './contacts.js';
export * from './documents.js';
export * from './params.js';
export * from './passwords.js';
