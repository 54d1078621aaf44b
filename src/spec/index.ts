/**
 * The operation table: one descriptor per operationId of `spec/itglue.openapi.yaml` (25 in all).
 * Everything that talks about operations (SDK, CLI, MCP, emulator) reads it from here.
 *
 * Its shape, and why:
 * - Descriptors are plain data (method, path, path and query parameters, resource, action,
 *   scope): `<resource>.ts` and `params.ts` here, with no zod. Importing this module costs
 *   almost nothing, so `import { GlueKit } from 'gluekit'` and a one-shot CLI call stay close
 *   to Node's own start-up.
 * - The zod schemas live in `schemas/`: request attributes per operationId (`attributeSchemas`,
 *   `bodySchemaOf`), and each query parameter's schema derived from its descriptor
 *   (`querySchemaOf`). zod alone takes about 100 ms to load, so they are reached through
 *   `loadSchemas()`, the first time an operation has something to validate. Code that needs them
 *   up front anyway (the MCP tools, the emulator, the CLI's write commands) may import
 *   `schemas/index.js` directly.
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

export type SpecSchemas = typeof import('./schemas/index.js');

let schemas: Promise<SpecSchemas> | undefined;

/** The zod schemas of the table (see above): loaded once, the first time anything asks. */
export function loadSchemas(): Promise<SpecSchemas> {
  schemas ??= import('./schemas/index.js');
  return schemas;
}

export * from './configurations.js';
export * from './contacts.js';
export * from './documents.js';
export * from './ids.js';
export type * from './models.js';
export * from './organizations.js';
export * from './params.js';
export * from './passwords.js';
export * from './secrets.js';
export * from './types.js';
