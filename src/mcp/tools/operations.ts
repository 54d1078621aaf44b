/**
 * One tool per operation of the table in src/spec/ (25): the name is the operationId in
 * snake_case, the input is the operation's own zod schemas (path ids, the filters it declares,
 * sort, and its request attributes, strict), the hints come from `operationHints`, and the call
 * goes through the SDK, which validates again exactly as it does for any caller. Lists are bounded
 * by `limit` and continued with `cursor`.
 */
import { z } from 'zod';
import type { GlueKit } from '../../client.js';
import { GlueKitError } from '../../core/errors.js';
import { snakeKey } from '../../jsonapi/case.js';
import { operations, resources } from '../../spec/index.js';
import type { QueryParamSpec } from '../../spec/params.js';
import { bodySchemaOf, idSchema, querySchemaOf } from '../../spec/schemas/index.js';
import { type OperationSpec, operationHints } from '../../spec/types.js';
import { cursorSchema, decodeCursor, encodeCursor, limitSchema, queryDigest } from '../cursor.js';
import { listOutput, recordOutput } from '../output-schemas.js';
import { compactResource } from '../results.js';
import { defineTool, Revealed, type ToolContext, type ToolDefinition } from '../tool.js';

/** `listOrganizationContacts` → `list_organization_contacts`. */
export function toolNameOf(operationId: string): string {
  return snakeKey(operationId);
}

const FILTER_HELP: Record<string, string> = {
  id: 'Only these record ids (one, or a list: any of them).',
  name: 'Exact name, case-insensitive (one, or a list: any of them).',
  organizationId: 'Only records of this organization id (one, or a list).',
  email: 'Primary email, case-insensitive.',
  serialNumber: 'Exact serial number.',
  assetTag: 'Exact asset tag.',
  hostname: 'Hostname, case-insensitive.',
  updatedAt: 'Changed within this range: {from, to} as RFC 3339 times, either end open.',
  documentFolderId:
    "Only these folders' documents: one id or several (without it, IT Glue lists root-level documents only).",
};

const PATH_HELP: Record<string, string> = {
  id: 'The record id.',
  organizationId: 'The organization id.',
};

export class RevealRefusedError extends GlueKitError {
  override name = 'RevealRefusedError';
}

function filtersOf(op: OperationSpec): QueryParamSpec[] {
  return [...op.query, ...(op.queryExtensions ?? [])].filter((spec) => spec.kind === 'filter');
}

function inputOf(op: OperationSpec): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  const add = (key: string, schema: z.ZodType) => {
    if (key in shape) throw new Error(`${op.operationId}: "${key}" is both a parameter and an attribute`);
    shape[key] = schema;
  };
  for (const param of op.pathParams) add(param.key, idSchema.describe(PATH_HELP[param.key] ?? param.wire));
  if (op.action === 'list') {
    for (const filter of filtersOf(op))
      add(
        filter.key,
        querySchemaOf(filter)
          .optional()
          .describe(FILTER_HELP[filter.key] ?? filter.wire),
      );
    if (op.query.some((spec) => spec.kind === 'sort')) {
      const fields = resources[op.resource].sortFields.join(', ');
      add('sort', z.string().min(1).optional().describe(`Sort by: ${fields}; prefix - for descending.`));
    }
    if (op.operationId === 'listOrganizationDocuments') {
      add(
        'allFolders',
        z.boolean().optional().describe('Documents in every folder too, not only the root (real IT Glue).'),
      );
    }
    add('limit', limitSchema());
    add('cursor', cursorSchema);
  }
  for (const [key, schema] of Object.entries(bodySchemaOf(op.operationId)?.shape ?? {}))
    add(key, schema as z.ZodType);
  if (op.operationId === 'getPassword') {
    add(
      'reveal',
      z
        .boolean()
        .optional()
        .describe(
          'Return the password value too. Only a server started with --allow-password-reveal does; otherwise the call is refused.',
        ),
    );
  }
  return z.strictObject(shape);
}

function describe(op: OperationSpec): string {
  const route = `IT Glue ${op.method} ${op.path}`;
  const secretNote =
    op.resource === 'passwords' ? ' Password values never appear in results (metadata only).' : '';
  if (op.action === 'list') {
    return `${op.summary} (${route}). Returns at most \`limit\` records (default 50) as compact records, with \`nextCursor\` while there are more: pass it back as \`cursor\` with the same arguments.${secretNote}`;
  }
  if (op.action === 'get') {
    const reveal =
      op.operationId === 'getPassword'
        ? ' Metadata only, unless `reveal: true` on a server started with --allow-password-reveal.'
        : '';
    return `${op.summary} by id (${route}).${reveal || secretNote}`;
  }
  const how =
    op.action === 'create'
      ? 'Creates a record; calling it twice creates two.'
      : 'Changes only the attributes given; the others stay as they are.';
  return `${op.summary} (${route}). Writes to IT Glue. ${how} Attributes are camelCase and checked before anything is sent; unknown ones are refused.${secretNote}`;
}

type Method = (...args: unknown[]) => unknown;

/** The SDK object that serves an operation: `client.contacts`, or `client.organizations.contacts`. */
function resourceOf(client: GlueKit, op: OperationSpec): Record<string, Method> {
  const owner =
    op.scope === 'organization' ? (client.organizations as unknown as Record<string, unknown>) : client;
  return (owner as Record<string, unknown>)[op.resource] as Record<string, Method>;
}

/**
 * The SDK takes the filter as written, and checks it again with the same schema; the range is
 * the one parameter whose parsed form differs from its input form, so it goes back to `{from, to}`.
 */
function sdkFilterValue(key: string, value: unknown): unknown {
  if (key === 'updatedAt' && Array.isArray(value)) {
    const [from, to] = value as string[];
    return { ...(from && from !== '*' ? { from } : {}), ...(to && to !== '*' ? { to } : {}) };
  }
  return value;
}

async function runList(op: OperationSpec, args: Record<string, unknown>, ctx: ToolContext) {
  const limit = args.limit as number;
  const digest = queryDigest(args);
  const position = decodeCursor(args.cursor as string | undefined, digest);
  const filter: Record<string, unknown> = {};
  for (const spec of filtersOf(op)) {
    if (args[spec.key] !== undefined) filter[spec.key] = sdkFilterValue(spec.key, args[spec.key]);
  }
  const params: Record<string, unknown> = { filter, pageSize: limit, pageNumber: position.page };
  if (args.sort !== undefined) params.sort = args.sort;
  if (args.allFolders !== undefined) params.allFolders = args.allFolders;
  const pathValues = op.pathParams.map((param) => args[param.key]);
  const resource = resourceOf(ctx.client(), op);
  const page = (await (resource.list as Method).call(resource, ...pathValues, params, {
    signal: ctx.signal,
  })) as {
    data: object[];
    meta: { totalCount?: number | null; nextPage?: number | null };
  };
  // A list gluekit had to filter itself comes back whole, as one page: it is windowed here.
  const shown = page.data.slice(position.skip, position.skip + limit);
  const skipped = position.skip + shown.length;
  let next: string | null = null;
  if (skipped < page.data.length) next = encodeCursor(digest, { page: position.page, skip: skipped });
  else if (page.meta.nextPage) next = encodeCursor(digest, { page: position.page + 1, skip: 0 });
  return {
    records: shown.map(compactResource),
    count: shown.length,
    total: page.meta.totalCount ?? null,
    nextCursor: next,
  };
}

async function runOne(op: OperationSpec, args: Record<string, unknown>, ctx: ToolContext) {
  const pathValues = op.pathParams.map((param) => args[param.key]);
  const attributes: Record<string, unknown> = {};
  for (const key of Object.keys(bodySchemaOf(op.operationId)?.shape ?? {})) {
    if (args[key] !== undefined) attributes[key] = args[key];
  }
  const options = { signal: ctx.signal };
  const resource = resourceOf(ctx.client(), op);
  const method = (...values: unknown[]) => (resource[op.action] as Method).call(resource, ...values);
  if (op.operationId === 'getPassword' && args.reveal === true) {
    if (!ctx.settings.allowPasswordReveal) {
      throw new RevealRefusedError(
        'This server was started without --allow-password-reveal, so password values are not available to agents. Call get_password without reveal for the metadata, or ask the user to look the value up in IT Glue.',
      );
    }
    const record = (await method(...pathValues, { ...options, reveal: true })) as object;
    return new Revealed(compactResource(record));
  }
  const record = (
    op.action === 'get'
      ? await method(...pathValues, options)
      : await method(...pathValues, attributes, options)
  ) as object;
  return compactResource(record);
}

function operationTool(op: OperationSpec): ToolDefinition {
  return defineTool({
    name: toolNameOf(op.operationId),
    title: op.summary,
    description: describe(op),
    input: inputOf(op),
    output: op.action === 'list' ? listOutput : recordOutput,
    annotations: { ...operationHints(op) },
    toolsets: [op.resource],
    run: (args, ctx) =>
      op.action === 'list'
        ? runList(op, args as Record<string, unknown>, ctx)
        : runOne(op, args as Record<string, unknown>, ctx),
  });
}

/** The 25 operation tools, in the table's order. */
export function operationTools(): ToolDefinition[] {
  return operations.map((op) => operationTool(op));
}
