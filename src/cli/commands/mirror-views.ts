/** The offline views over the mirror: each opens it read-only, runs one view and prints it. */

import { terminalText } from '../../core/terminal-text.js';
import {
  changes,
  coverage,
  duplicateContacts,
  type MirrorStore,
  organizationBrief,
  orphans,
  parseResource,
  parseSince,
  resolveOrganization,
  search,
  stalePasswords,
} from '../../mirror/index.js';
import type { CliContext } from '../context.js';
import { changeLine, valueText } from '../output/plan.js';
import { printRecord } from '../output/render.js';
import { renderTable } from '../output/table.js';
import { UsageError } from '../usage-error.js';
import {
  listText,
  type MirrorFlags,
  openMirrorForView,
  positiveIntegerFlag,
  printView,
} from './mirror-support.js';

interface ViewFlags extends MirrorFlags {
  type?: string;
  org?: string;
  limit?: string;
}

/** Runs a view with the mirror open, and closes it whatever happens. */
function withMirror(
  ctx: CliContext,
  flags: MirrorFlags,
  view: (opened: ReturnType<typeof openMirrorForView>) => void,
): void {
  const opened = openMirrorForView(ctx, flags);
  try {
    view(opened);
  } finally {
    opened.store.close();
  }
}

function organizationOf(store: MirrorStore, value: string | undefined): string | undefined {
  return value === undefined ? undefined : resolveOrganization(store, value).id;
}

/** `--type` and `--limit`, checked. */
function typeAndLimit(flags: ViewFlags): {
  type: ReturnType<typeof parseResource> | undefined;
  limit: number | undefined;
} {
  const type = flags.type !== undefined ? parseResource(flags.type, '--type') : undefined;
  return { type, limit: positiveIntegerFlag('--limit', flags.limit) };
}

export async function runSearch(ctx: CliContext, query: string, flags: ViewFlags): Promise<void> {
  const { type, limit } = typeAndLimit(flags);
  withMirror(ctx, flags, ({ store, meta }) => {
    const hits = search(store, { query, type, organizationId: organizationOf(store, flags.org), limit });
    printView(
      ctx,
      hits,
      { ...meta, query },
      ['type', 'id', 'name', 'organizationName', 'matched', 'details'],
      () =>
        hits.map((hit) => ({
          ...hit,
          matched: listText(hit.matched),
          details: Object.entries(hit.details)
            .map(([key, value]) => `${key}: ${value}`)
            .join('; '),
        })),
    );
  });
}

export async function runChanges(ctx: CliContext, flags: ViewFlags & { since: string }): Promise<void> {
  const since = parseSince(flags.since);
  const { type, limit } = typeAndLimit(flags);
  withMirror(ctx, flags, ({ store, meta }) => {
    const result = changes(store, { since, type, organizationId: organizationOf(store, flags.org), limit });
    printView(
      ctx,
      result.changes,
      { ...meta, since, total: result.total },
      ['changedAt', 'change', 'type', 'id', 'name', 'organizationName', 'fields'],
      () =>
        result.changes.map((change) => ({
          ...change,
          // One `field: old → new` per line, values as a plan shows them (lists as `a, b`).
          fields:
            change.differences === null
              ? '(changed before the mirror had a copy)'
              : change.differences
                  .map((difference) =>
                    changeLine(difference.field, difference.from, difference.to, (value) =>
                      brief(value, ctx.wide),
                    ),
                  )
                  .join('\n'),
        })),
      { multiline: true, fitColumn: 'fields' },
    );
  });
}

/** A value cut to 40 characters (unless --wide), so both sides of a change stay in view. */
function brief(value: unknown, wide: boolean): string {
  const text = valueText(value);
  return wide || text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}

export async function runCoverage(ctx: CliContext, flags: ViewFlags & { below?: string }): Promise<void> {
  const below = positiveIntegerFlag('--below', flags.below);
  withMirror(ctx, flags, ({ store, meta }) => {
    const rows = coverage(store, { below, organizationId: organizationOf(store, flags.org) });
    printView(
      ctx,
      rows,
      meta,
      [
        'organizationName',
        'organizationId',
        'contacts',
        'configurations',
        'passwords',
        'documents',
        'archived',
        'missing',
      ],
      () =>
        rows.map((row) => ({ ...row, archived: archivedText(row.archived), missing: listText(row.missing) })),
    );
  });
}

/** `configurations 2 · documents 1`: the archived records, kinds with none left out. */
function archivedText(archived: Record<string, number>): string {
  return Object.entries(archived)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(' · ');
}

export async function runOrphans(ctx: CliContext, flags: ViewFlags): Promise<void> {
  const type = flags.type !== undefined ? parseResource(flags.type, '--type') : undefined;
  if (type === 'organizations')
    throw new UsageError(
      '--type organizations: organizations cannot be orphans; use contacts, passwords, configurations or documents',
    );
  withMirror(ctx, flags, ({ store, meta }) => {
    const rows = orphans(store, { type });
    printView(ctx, rows, meta, ['type', 'id', 'name', 'organizationId', 'organizationName', 'reason']);
  });
}

export async function runStalePasswords(
  ctx: CliContext,
  flags: ViewFlags & { days?: string },
): Promise<void> {
  const days = positiveIntegerFlag('--days', flags.days) ?? 365;
  withMirror(ctx, flags, ({ store, meta }) => {
    const groups = stalePasswords(store, { days, organizationId: organizationOf(store, flags.org) });
    printView(
      ctx,
      groups,
      { ...meta, days },
      ['organizationName', 'id', 'name', 'username', 'lastRotated', 'ageDays'],
      () =>
        groups.flatMap((group) =>
          group.passwords.map((password) => ({
            organizationName: group.organizationName,
            organizationId: group.organizationId,
            ...password,
            lastRotated: password.passwordUpdatedAt ?? 'never (created)',
          })),
        ),
    );
  });
}

export async function runDuplicateContacts(
  ctx: CliContext,
  flags: ViewFlags & { acrossOrgs?: boolean },
): Promise<void> {
  withMirror(ctx, flags, ({ store, meta }) => {
    const groups = duplicateContacts(store, {
      organizationId: organizationOf(store, flags.org),
      acrossOrganizations: flags.acrossOrgs === true,
    });
    printView(
      ctx,
      groups,
      { ...meta, acrossOrganizations: flags.acrossOrgs === true },
      ['group', 'matchedOn', 'key', 'id', 'name', 'emails', 'organizationName'],
      () =>
        groups.flatMap((group, index) =>
          group.members.map((member) => ({
            group: index + 1,
            matchedOn: group.matchedOn,
            key: listText(group.keys),
            ...member,
            emails: listText(member.emails),
          })),
        ),
    );
  });
}

export async function runOrganizationBrief(
  ctx: CliContext,
  idOrName: string,
  flags: ViewFlags & { days?: string },
): Promise<void> {
  const staleDays = positiveIntegerFlag('--days', flags.days) ?? 365;
  withMirror(ctx, flags, ({ store, meta }) => {
    const brief = organizationBrief(store, idOrName, { staleDays });
    if (ctx.format !== 'table') {
      printRecord(ctx, brief, meta);
      return;
    }
    const org = brief.organization;
    const bold = (text: string) => (ctx.color ? `\u001b[1m${text}\u001b[22m` : text);
    const lines = [
      bold(
        `${terminalText(String(org.name))} (${org.id})${org.deletedAt ? ` — deleted in IT Glue (found ${org.deletedAt})` : ''}`,
      ),
      terminalText(
        [org.organizationTypeName, org.organizationStatusName, org.shortName].filter(Boolean).join(' · '),
      ),
      `contacts ${brief.counts.contacts} · configurations ${brief.counts.configurations} · passwords ${brief.counts.passwords} · documents ${brief.counts.documents}` +
        (archivedText(brief.counts.archived) ? ` · archived: ${archivedText(brief.counts.archived)}` : '') +
        (brief.missing.length ? ` · missing: ${brief.missing.join(', ')}` : ''),
      `stale passwords (${brief.stalePasswords.days}+ days): ${brief.stalePasswords.count} · duplicate contact groups: ${brief.duplicateContactGroups}`,
    ];
    if (typeof org.alert === 'string' && org.alert) lines.push(`alert: ${terminalText(org.alert)}`);
    const section = (title: string, rows: readonly Record<string, unknown>[], columns: string[]) => {
      if (rows.length === 0) return;
      lines.push(
        '',
        bold(title),
        renderTable(
          columns,
          rows.map((row) => columns.map((column) => row[column])),
          bold,
        ),
      );
    };
    section('Contacts', brief.contacts, ['id', 'name', 'title', 'email', 'phone']);
    section('Configurations', brief.configurations, [
      'id',
      'name',
      'type',
      'hostname',
      'serialNumber',
      'primaryIp',
      'archived',
    ]);
    section('Passwords', brief.passwords, [
      'id',
      'name',
      'username',
      'category',
      'passwordUpdatedAt',
      'archived',
    ]);
    section('Documents', brief.documents, ['id', 'name', 'folder', 'published', 'updatedAt', 'archived']);
    section(
      'Recent changes',
      brief.recentChanges.map((change) => ({
        ...change,
        fields: change.differences?.map((d) => d.field).join(', ') ?? '',
      })),
      ['changedAt', 'change', 'type', 'name', 'fields'],
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
