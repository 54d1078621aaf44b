/**
 * The mirror's views as tools (src/mirror/views, the same functions `gluekit search`, `changes`,
 * `coverage`, ... call); sync_mirror (sync.ts) refreshes it. Views read only the local copy:
 * no request to IT Glue, no rate budget spent, and never a password value (the mirror has none).
 */
import { z } from 'zod';
import {
  CHILD_RESOURCES,
  changes,
  coverage,
  duplicateContacts,
  MIRROR_RESOURCES,
  type MirrorStore,
  organizationBrief,
  orphans,
  parseSince,
  resolveOrganization,
  search,
  stalePasswords,
} from '../../mirror/index.js';
import { cursorSchema, limitSchema, windowOf } from '../cursor.js';
import { withMirror } from '../mirror.js';
import { count, recordOutput, viewOutput, windowFields } from '../output-schemas.js';
import { compactRecord } from '../results.js';
import { defineTool, type ToolAnnotations, type ToolDefinition } from '../tool.js';

/** A view reads a local file: nothing changes, and nothing outside this machine is touched. */
const VIEW: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

const FRESHNESS = 'The result says how fresh the mirror is (`mirror.syncedAt`, `mirror.stale`).';

const organization = z
  .string()
  .min(1)
  .optional()
  .describe('Only this organization: its id, or its exact name (case-insensitive).');

const resourceType = z.enum(MIRROR_RESOURCES).optional().describe('Only this record type.');

function organizationId(store: MirrorStore, value: string | undefined): string | undefined {
  return value === undefined ? undefined : resolveOrganization(store, value).id;
}

const searchTool = defineTool({
  name: 'search',
  title: 'Search the mirror',
  description: `Full-text search of the local mirror of IT Glue: names, emails, hostnames, serials, asset tags, MACs, IPs, URLs and notes. Every word must occur; matched literally. ${FRESHNESS}`,
  input: z.strictObject({
    query: z
      .string()
      .min(1)
      .max(500)
      .describe('Words that must all occur, e.g. a serial, an email or an IP.'),
    type: resourceType,
    organization,
    limit: limitSchema(25),
  }),
  output: viewOutput({
    count,
    hits: z.array(z.looseObject({ type: z.string(), id: z.string() })),
  }),
  annotations: VIEW,
  toolsets: ['mirror'],
  run: async (args, ctx) =>
    withMirror(ctx.client(), ctx.settings.dataDir, (store) => {
      const hits = search(store, {
        query: args.query,
        type: args.type,
        organizationId: organizationId(store, args.organization),
        limit: args.limit,
      });
      return { count: hits.length, hits: hits.map(compactRecord) };
    }),
});

const briefTool = defineTool({
  name: 'org_brief',
  title: 'Organization brief',
  description: `Everything the mirror knows about one organization: counts and gaps, contacts, configurations, passwords (metadata only), documents, stale passwords, duplicate contacts and recent changes. ${FRESHNESS}`,
  input: z.strictObject({
    organization: z.string().min(1).describe('The organization: its id, or its exact name.'),
    staleDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(365)
      .describe('Passwords not rotated for this many days count as stale (default 365).'),
    limit: limitSchema(25, 200).describe(
      'Records listed per section at most (default 25); counts are complete.',
    ),
  }),
  output: viewOutput({
    organization: recordOutput,
    counts: z
      .object({
        archived: z.record(z.string(), count).describe('Archived records of each kind, counted apart.'),
      })
      .catchall(count)
      .describe('Current records of each kind (complete), and `archived` apart.'),
    missing: z.array(z.string()).describe('The kinds it has none of.'),
    contacts: z.array(recordOutput),
    configurations: z.array(recordOutput),
    passwords: z.array(recordOutput),
    documents: z.array(recordOutput),
    recentChanges: z.array(z.looseObject({})),
    truncated: z.string().optional(),
  }).loose(),
  annotations: VIEW,
  toolsets: ['mirror', 'organizations'],
  run: async (args, ctx) =>
    withMirror(ctx.client(), ctx.settings.dataDir, (store) => {
      const brief = organizationBrief(store, args.organization, { staleDays: args.staleDays });
      const cut = <T extends object>(items: T[]) => items.slice(0, args.limit).map(compactRecord);
      const truncated = (['contacts', 'configurations', 'passwords', 'documents'] as const).filter(
        (section) => brief[section].length > args.limit,
      );
      return {
        ...brief,
        organization: compactRecord(brief.organization),
        contacts: cut(brief.contacts),
        configurations: cut(brief.configurations),
        passwords: cut(brief.passwords),
        documents: cut(brief.documents),
        recentChanges: brief.recentChanges.map(compactRecord),
        ...(truncated.length > 0
          ? { truncated: `${truncated.join(', ')} list the first ${args.limit}; counts has the totals` }
          : {}),
      };
    }),
});

const changesTool = defineTool({
  name: 'changes',
  title: 'Recent changes',
  description: `Records created, changed, deleted or restored in IT Glue since a time, newest first, with field-level differences, as the mirror saw them. ${FRESHNESS}`,
  input: z.strictObject({
    since: z
      .string()
      .min(1)
      .describe('A duration (24h, 7d, 2w) or a UTC date or time (2026-01-01, 2026-01-01T09:00:00Z).'),
    type: resourceType,
    organization,
    limit: limitSchema(50, 500),
  }),
  output: viewOutput({
    since: z.string(),
    total: count.describe('Records changed since, before the limit.'),
    changes: z.array(
      z.looseObject({ type: z.string(), id: z.string(), change: z.string(), changedAt: z.string() }),
    ),
  }),
  annotations: VIEW,
  toolsets: ['mirror'],
  run: async (args, ctx) =>
    withMirror(ctx.client(), ctx.settings.dataDir, (store) => {
      const result = changes(store, {
        since: parseSince(args.since, new Date(), 'since'),
        type: args.type,
        organizationId: organizationId(store, args.organization),
        limit: args.limit,
      });
      return { since: result.since, total: result.total, changes: result.changes.map(compactRecord) };
    }),
});

const coverageTool = defineTool({
  name: 'coverage',
  title: 'Documentation coverage',
  description: `Per organization: how many contacts, configurations, passwords and documents it has, thinnest first, and which kinds it has none of. ${FRESHNESS}`,
  input: z.strictObject({
    below: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Only organizations with fewer than this many records of some kind.'),
    organization,
    limit: limitSchema(),
    cursor: cursorSchema,
  }),
  output: viewOutput({
    organizations: z.array(z.looseObject({ organizationId: z.string() })),
    ...windowFields,
  }),
  annotations: VIEW,
  toolsets: ['mirror'],
  run: async (args, ctx) =>
    withMirror(ctx.client(), ctx.settings.dataDir, (store) => {
      const rows = coverage(store, {
        below: args.below,
        organizationId: organizationId(store, args.organization),
      });
      const window = windowOf(rows, args);
      return { organizations: window.items, total: window.total, nextCursor: window.nextCursor };
    }),
});

const staleTool = defineTool({
  name: 'stale_passwords',
  title: 'Stale passwords',
  description: `Passwords not rotated (IT Glue's password-updated-at) for N days, oldest first, with their organization. Metadata only: never a value. ${FRESHNESS}`,
  input: z.strictObject({
    days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(365)
      .describe('Not rotated for this many days (default 365).'),
    organization,
    limit: limitSchema(),
    cursor: cursorSchema,
  }),
  output: viewOutput({
    days: count,
    passwords: z.array(recordOutput),
    ...windowFields,
  }),
  annotations: VIEW,
  toolsets: ['mirror', 'passwords'],
  run: async (args, ctx) =>
    withMirror(ctx.client(), ctx.settings.dataDir, (store) => {
      const groups = stalePasswords(store, {
        days: args.days,
        organizationId: organizationId(store, args.organization),
      });
      const flat = groups
        .flatMap((group) =>
          group.passwords.map((password) => ({
            ...password,
            organizationId: group.organizationId,
            organizationName: group.organizationName,
          })),
        )
        .sort((a, b) => b.ageDays - a.ageDays);
      const window = windowOf(flat, args);
      return {
        days: args.days,
        passwords: window.items.map(compactRecord),
        total: window.total,
        nextCursor: window.nextCursor,
      };
    }),
});

const dupesTool = defineTool({
  name: 'duplicate_contacts',
  title: 'Duplicate contacts',
  description: `Probable duplicate contacts: people sharing an email (any of theirs), or else the same name, within an organization (or across organizations). ${FRESHNESS}`,
  input: z.strictObject({
    organization: organization.describe(
      'Only groups with a contact in this organization (id or exact name).',
    ),
    acrossOrganizations: z
      .boolean()
      .default(false)
      .describe('Compare contacts of different organizations too.'),
    limit: limitSchema(),
    cursor: cursorSchema,
  }),
  output: viewOutput({
    groups: z.array(z.looseObject({ members: z.array(recordOutput) })),
    ...windowFields,
  }),
  annotations: VIEW,
  toolsets: ['mirror', 'contacts'],
  run: async (args, ctx) =>
    withMirror(ctx.client(), ctx.settings.dataDir, (store) => {
      const groups = duplicateContacts(store, {
        organizationId: organizationId(store, args.organization),
        acrossOrganizations: args.acrossOrganizations,
      });
      const window = windowOf(groups, args);
      return {
        groups: window.items.map((group) => ({ ...group, members: group.members.map(compactRecord) })),
        total: window.total,
        nextCursor: window.nextCursor,
      };
    }),
});

const orphansTool = defineTool({
  name: 'orphans',
  title: 'Orphaned records',
  description: `Records whose organization is not in the mirror, or was deleted in IT Glue. ${FRESHNESS}`,
  input: z.strictObject({
    type: z.enum(CHILD_RESOURCES).optional().describe('Only this record type.'),
    limit: limitSchema(),
    cursor: cursorSchema,
  }),
  output: viewOutput({
    orphans: z.array(z.looseObject({ type: z.string(), id: z.string(), reason: z.string() })),
    ...windowFields,
  }),
  annotations: VIEW,
  toolsets: ['mirror'],
  run: async (args, ctx) =>
    withMirror(ctx.client(), ctx.settings.dataDir, (store) => {
      const window = windowOf(orphans(store, { type: args.type }), args);
      return { orphans: window.items.map(compactRecord), total: window.total, nextCursor: window.nextCursor };
    }),
});

export function viewTools(): ToolDefinition[] {
  return [searchTool, briefTool, changesTool, coverageTool, staleTool, dupesTool, orphansTool];
}
