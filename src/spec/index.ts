/**
 * The operation table: one descriptor per operationId of `spec/itglue.openapi.yaml` (25 in all).
 * Everything that talks about operations (SDK, CLI, MCP, emulator) reads it from here.
 */
import { configurationOperations, configurationsResource } from './configurations.js';
import { contactOperations, contactsResource } from './contacts.js';
import { documentOperations, documentsResource } from './documents.js';
import { organizationOperations, organizationsResource } from './organizations.js';
import { passwordOperations, passwordsResource } from './passwords.js';
import type { OperationSpec, ResourceSpec, ResourceType } from './types.js';

export const operations = [
  ...organizationOperations,
  ...contactOperations,
  ...passwordOperations,
  ...configurationOperations,
  ...documentOperations,
] as const satisfies readonly OperationSpec[];

export type Operation = (typeof operations)[number];
export type OperationId = Operation['operationId'];

const byId = new Map<string, Operation>(operations.map((op) => [op.operationId, op]));

export function getOperation<Id extends OperationId>(id: Id): Extract<Operation, { operationId: Id }> {
  const op = byId.get(id);
  if (!op) throw new Error(`Unknown operationId: ${id}`);
  return op as Extract<Operation, { operationId: Id }>;
}

export const resources: Readonly<Record<ResourceType, ResourceSpec>> = {
  organizations: organizationsResource,
  contacts: contactsResource,
  passwords: passwordsResource,
  configurations: configurationsResource,
  documents: documentsResource,
};

export const RESOURCE_TYPES = Object.keys(resources) as ResourceType[];

export * from './configurations.js';
export * from './contacts.js';
export * from './documents.js';
export type * from './models.js';
export * from './organizations.js';
export * from './params.js';
export * from './passwords.js';
export * from './secrets.js';
export * from './types.js';
