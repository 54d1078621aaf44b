/** The handlers behind `gluekit <resource> list|get|create|update`. */
import type { GlueKit } from '../../client.js';
import { camelKey } from '../../jsonapi/case.js';
import { resolveOrganization } from '../../resources/organization-names.js';
import type { ResourceType } from '../../spec/types.js';
import type { CliContext } from '../context.js';
import { type CapturedRequest, describeDryRun, dryRunFetch } from '../dry-run.js';
import { readPassword, type SecretFlags } from '../input/secret.js';
import type { WriteFlags } from '../input/write-input.js';
import { printList, printRecord } from '../output/render.js';
import { peopleFilters } from '../people-filters.js';
import { FILTER_FLAGS, findOperation, RESOURCE_CLI } from '../resource-commands.js';
import { UsageError } from '../usage-error.js';

export interface ListFlags {
  org?: string;
  filter?: string[];
  sort?: string;
  pageSize?: string;
  page?: string;
  limit?: string;
  all?: boolean;
  [namedFilter: string]: unknown;
}

function positiveInteger(flag: string, raw: string | undefined, max?: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new UsageError(`${flag} must be a positive whole number, got ${JSON.stringify(raw)}`);
  if (max !== undefined && Number(raw) > max)
    throw new UsageError(`${flag} must be at most ${max} (IT Glue's largest page), got ${raw}`);
  return Number(raw);
}

/** A record id on the command line: IT Glue's ids are digits (some above 2^53, so kept as text). */
function recordId(raw: string): string {
  const id = raw.trim();
  if (!/^\d+$/.test(id) || /^0+$/.test(id))
    throw new UsageError(
      `The record id must be a positive whole number (like 1009), got ${JSON.stringify(raw)}`,
    );
  return id;
}

function columnsOf(type: ResourceType): string[] {
  return RESOURCE_CLI.find((r) => r.type === type)?.columns ?? ['id', 'name'];
}

/** Named filter flags and `--filter key=value` → the SDK's filter object (repeats are OR). */
function buildFilter(flags: ListFlags): Record<string, string[]> {
  const filter: Record<string, string[]> = {};
  for (const [key, { option }] of Object.entries(FILTER_FLAGS)) {
    const values = flags[option] as string[] | undefined;
    if (values?.length) filter[key] = values;
  }
  for (const entry of flags.filter ?? []) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`--filter expects key=value, got ${JSON.stringify(entry)}`);
    const key = camelKey(entry.slice(0, at).trim());
    filter[key] = [...(filter[key] ?? []), entry.slice(at + 1)];
  }
  return filter;
}

type AnyResource = {
  list(params: unknown): { toArray(limit?: number): Promise<object[]> } & PromiseLike<{
    data: object[];
    meta: { nextPage: number | null };
  }>;
};

export async function runList(ctx: CliContext, type: ResourceType, flags: ListFlags): Promise<void> {
  const client = ctx.client();
  const params: Record<string, unknown> = { filter: buildFilter(flags) };
  if (flags.sort) params.sort = flags.sort;
  const pageSize = positiveInteger('--page-size', flags.pageSize, 1000);
  if (pageSize !== undefined) params.pageSize = pageSize;
  const page = positiveInteger('--page', flags.page);
  if (page !== undefined) params.pageNumber = page;
  if (flags.org) params.organizationId = (await resolveOrganization(client.organizations, flags.org)).id;
  const limit = positiveInteger('--limit', flags.limit);
  const resource = client[type] as unknown as AnyResource;
  const people = peopleFilters(type, params.filter as Record<string, string[]>, flags.org !== undefined);
  if (people.keep) {
    // Matched here, so every candidate is read; the matches are one page.
    const candidates = await resource
      .list({ ...params, filter: people.filter, pageNumber: undefined })
      .toArray(Number.POSITIVE_INFINITY);
    const records = candidates.filter((record) => people.keep?.(record as Record<string, unknown>));
    printList(
      ctx,
      records.slice(0, limit ?? records.length),
      { source: 'live', next: null },
      columnsOf(type),
    );
    return;
  }
  if (flags.all || limit !== undefined) {
    const records = await resource.list(params).toArray(flags.all ? Number.POSITIVE_INFINITY : limit);
    printList(ctx, records, { source: 'live', next: null }, columnsOf(type));
    return;
  }
  const result = await resource.list(params);
  printList(ctx, result.data, { source: 'live', next: result.meta.nextPage }, columnsOf(type));
}

export interface GetFlags {
  reveal?: boolean;
  copy?: boolean;
}

export async function runGet(
  ctx: CliContext,
  type: ResourceType,
  id: string,
  flags: GetFlags,
): Promise<void> {
  recordId(id);
  if (type === 'passwords' && ctx.field === 'password' && !flags.reveal)
    throw new UsageError('--field password prints the value only with --reveal: add --reveal.');
  const client = ctx.client();
  if (type === 'passwords') {
    const record = await client.passwords.get(id, { reveal: flags.reveal === true || flags.copy === true });
    if (flags.copy) {
      const { copyToClipboard } = await import('../clipboard.js');
      await copyToClipboard(record.password ?? '');
      process.stderr.write('Password copied to the clipboard.\n');
      if (!flags.reveal) delete record.password;
    }
    // The value is printed only with --reveal; otherwise it was never fetched (or was dropped after --copy).
    printRecord(ctx, record, { source: 'live' });
    if (!flags.reveal && ctx.format === 'table')
      process.stderr.write('(password hidden: add --reveal to show it)\n');
    return;
  }
  // An organization may be named as anywhere else (`orgs get "Happy Frog Dental"`, `orgs get HFD`);
  // the get that follows returns the full record, which lists truncate.
  const wanted =
    type === 'organizations' && !/^\d+$/.test(id.trim())
      ? (await resolveOrganization(client.organizations, id)).id
      : id;
  const resource = client[type] as unknown as { get(id: string): Promise<object> };
  printRecord(ctx, await resource.get(wanted), { source: 'live' });
}

export interface WriteCommandFlags extends WriteFlags, SecretFlags {
  org?: string;
  dryRun?: boolean;
}

/** A client for a write: the real one, or one whose writes are captured for --dry-run. */
export function writeClient(ctx: CliContext, captured: CapturedRequest[] | undefined): GlueKit {
  if (!captured) return ctx.client();
  const connection = ctx.connection();
  // A dry run needs no key: nothing is written, and the header is printed masked anyway.
  return ctx.client({ fetch: dryRunFetch(captured), apiKey: connection.apiKey ?? 'dry-run', maxRetries: 0 });
}

async function withPassword(
  ctx: CliContext,
  type: ResourceType,
  attributes: Record<string, unknown>,
  flags: WriteCommandFlags,
  creating: boolean,
) {
  if (type !== 'passwords') {
    if (flags.passwordStdin || flags.passwordEnv)
      throw new UsageError('--password-stdin and --password-env apply to passwords only');
    return;
  }
  const password = await readPassword(flags, ctx.interactive && !flags.dryRun, creating);
  if (password !== undefined) attributes.password = password;
}

export async function runWrite(
  ctx: CliContext,
  type: ResourceType,
  action: 'create' | 'update',
  id: string | undefined,
  flags: WriteCommandFlags,
): Promise<void> {
  if (id !== undefined) recordId(id);
  const captured: CapturedRequest[] | undefined = flags.dryRun ? [] : undefined;
  const client = writeClient(ctx, captured);
  const orgId = flags.org ? (await resolveOrganization(client.organizations, flags.org)).id : undefined;
  const nested = orgId !== undefined ? findOperation(type, action, 'organization') : undefined;
  if (orgId !== undefined && !nested && !(type === 'passwords' && action === 'create')) {
    throw new UsageError(`The document has no organization-scoped ${action} for ${type}; drop --org`);
  }
  const op = nested ?? findOperation(type, action, 'global');
  if (!op) throw new UsageError(`${type} cannot be ${action}d through the IT Glue API document`);
  // Loaded here, not above: it types values by the schemas, which a list or a get never needs.
  const { buildAttributes } = await import('../input/write-input.js');
  const attributes = buildAttributes(op, flags);
  if (orgId !== undefined && !nested) attributes.organizationId = orgId;
  await withPassword(ctx, type, attributes, flags, action === 'create');

  const record = await callWrite(client, type, action, id, orgId, nested !== undefined, attributes);
  if (captured) {
    if (ctx.format === 'table') process.stdout.write(`${describeDryRun(captured)}\n`);
    else printRecord(ctx, { dryRun: true, requests: captured }, { source: 'live' });
    return;
  }
  printRecord(ctx, record, { source: 'live' });
}

async function callWrite(
  client: GlueKit,
  type: ResourceType,
  action: 'create' | 'update',
  id: string | undefined,
  orgId: string | undefined,
  nested: boolean,
  attributes: Record<string, unknown>,
): Promise<object> {
  const attrs = attributes as never;
  if (action === 'update') {
    if (id === undefined) throw new UsageError('update needs the record id');
    if (type === 'contacts' && nested)
      return client.organizations.contacts.update(orgId as string, id, attrs);
    const resource = client[type] as unknown as { update(id: string, params: never): Promise<object> };
    return resource.update(id, attrs);
  }
  if (nested) {
    if (type === 'contacts') return client.organizations.contacts.create(orgId as string, attrs);
    if (type === 'configurations') return client.organizations.configurations.create(orgId as string, attrs);
    if (type === 'documents') return client.organizations.documents.create(orgId as string, attrs);
  }
  const resource = client[type] as unknown as { create(params: never): Promise<object> };
  return resource.create(attrs);
}
