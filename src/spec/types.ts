import type { PathParamSpec, QueryParamSpec } from './params.js';

/** The five JSON:API resource types the seed document covers. */
export type ResourceType = 'organizations' | 'contacts' | 'passwords' | 'configurations' | 'documents';

export type OperationAction = 'list' | 'get' | 'create' | 'update';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

/**
 * One operation of the seed document. The SDK, the CLI, the MCP tools and the emulator routes are
 * all derived from these descriptors; `test/contract` pins them to `spec/itglue.openapi.yaml`.
 * A create or update takes a body; its attribute schemas are in schemas/ (`attributeSchemasOf`).
 */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The document's path template, e.g. `/organizations/{organization_id}/relationships/contacts`. */
  readonly path: string;
  readonly resource: ResourceType;
  readonly action: OperationAction;
  /** `organization` for the nested `/organizations/{organization_id}/relationships/...` routes. */
  readonly scope: 'global' | 'organization';
  readonly summary: string;
  readonly pathParams: readonly PathParamSpec[];
  readonly query: readonly QueryParamSpec[];
  /** Query parameters real IT Glue has that the document does not (kept apart, like `extensions`). */
  readonly queryExtensions?: readonly QueryParamSpec[];
}

/** Facts about a resource on real IT Glue that both the SDK and the emulator need. */
export interface ResourceSpec {
  readonly type: ResourceType;
  /** Sort fields real IT Glue accepts (snake_case), from the developer documentation. */
  readonly sortFields: readonly string[];
  /** Filter keys real IT Glue applies on the top-level list route (snake_case). */
  readonly realFilters: readonly string[];
  /** Attribute names whose values are secrets (camelCase). */
  readonly secretAttributes: readonly string[];
}

/** MCP-style hints, derived from the HTTP method so they can never disagree with it. */
export function operationHints(op: OperationSpec) {
  return {
    readOnlyHint: op.method === 'GET',
    // A PATCH overwrites what was there; a POST only adds.
    destructiveHint: op.method === 'PATCH',
    idempotentHint: op.method !== 'POST',
    openWorldHint: true,
  } as const;
}
