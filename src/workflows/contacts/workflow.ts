/**
 * Contact sync, end to end: choose who is synced (audience.ts), resolve organizations and contact
 * types, read each target organization once, plan (planner.ts), and make the plan the engine
 * applies with the contact writer (executor.ts).
 */
import type { GlueKit } from '../../client.js';
import { appendTo } from '../engine/group.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { Journal } from '../engine/journal.js';
import { makePlan, organizationNamesOf, type Plan, type PlanAction } from '../engine/plan.js';
import { organizationOfRow, startPlan } from '../organizations.js';
import { chooseAudience } from './audience.js';
import { readContactTypes } from './contact-types.js';
import { gluekitDeactivations } from './history.js';
import { type ContactPlanOptions, type ContactRow, planContactsForOrganization } from './planner.js';

export { isTenantInternal } from './audience.js';

export interface ContactSourceInput {
  file: string;
  format: string;
  rows: Array<ContactRow & { organization?: string | undefined }>;
  /** Columns with data the format does not read (the source's `unusedColumns`): named in a plan note. */
  unusedColumns?: readonly string[] | undefined;
}

export interface ContactSyncOptions {
  /** An organization id or name for rows without an organization column. */
  org?: string | undefined;
  deactivateMissing?: boolean;
  deactivateType?: string | undefined;
  deactivateUnowned?: boolean;
  matchName?: boolean;
  /** Keep `*.onmicrosoft.com` addresses (left out by default: see audience.ts). */
  includeOnmicrosoft?: boolean;
  /** Sync only people the source lists with a licence. */
  licensedOnly?: boolean;
  /** `domain:contoso.com`, `group:NAME` or a UPN pattern (`svc-*@contoso.com`): people not synced. */
  exclude?: readonly string[] | undefined;
  /** `N` contacts, or `N%` of an organization's contacts. Default 20%. */
  maxDeactivate?: string | undefined;
  /** Who owns what this run creates or matches; default `contacts:<format>`. */
  sourceId?: string | undefined;
  signal?: AbortSignal | undefined;
}

export function parseMaxDeactivate(
  value: string | undefined,
  problems: ProblemList,
): ContactPlanOptions['maxDeactivate'] {
  if (value === undefined) return undefined;
  const match = /^(\d+)(%?)$/.exec(value.trim());
  if (!match) {
    problems.add({
      option: 'maxDeactivate',
      message: `"${value}" is not a count or a percentage`,
      fix: 'Write it like 25 or 10%.',
    });
    return undefined;
  }
  const number = Number(match[1]);
  return match[2] ? { fraction: number / 100 } : { count: number };
}

/** The one note about dropped data: columns that carry data no field reads. */
function unusedColumnsNote(columns: readonly string[] | undefined): string[] {
  if (!columns || columns.length === 0) return [];
  const names = columns.map((name) => `"${name}"`).join(', ');
  return [`${columns.length} column(s) with data are not synced: ${names}.`];
}

export async function planContactSync(
  client: GlueKit,
  journal: Journal,
  source: ContactSourceInput,
  options: ContactSyncOptions,
  now = new Date(),
): Promise<Plan> {
  const { problems, target, organizations, fallback } = await startPlan(client, options);
  const audience = chooseAudience(source.rows, options, problems);
  const rowsByOrganization = new Map<string, ContactRow[]>();
  for (const row of audience.rows) {
    const organizationId = organizationOfRow(organizations, row.organization, fallback, row.source, problems);
    if (organizationId) appendTo(rowsByOrganization, organizationId, row);
  }
  const types = await readContactTypes(client, source.rows, options.deactivateType, problems, options.signal);
  const sourceId = options.sourceId ?? `contacts:${source.format}`;
  const planOptions: ContactPlanOptions = {
    matchName: options.matchName === true,
    deactivateMissing: options.deactivateMissing === true,
    deactivateUnowned: options.deactivateUnowned === true,
    deactivateType: types.deactivateType,
    contactTypes: types.byName,
    maxDeactivate: parseMaxDeactivate(options.maxDeactivate, problems),
    today: now.toISOString().slice(0, 10),
    sourceName: source.file,
  };
  const owned = journal.ledger.ownedIds(target, sourceId, 'contacts');
  const deactivated = gluekitDeactivations(journal, target);
  const actions: PlanAction[] = [];
  if (!problems.problems.length) {
    for (const [organizationId, rows] of rowsByOrganization) {
      const contacts = await client.contacts.list({ organizationId }, { signal: options.signal }).toArray();
      const organizationTarget = { organizationId, contacts, owned, deactivated };
      actions.push(
        ...planContactsForOrganization(
          { organizationId, rows, target: organizationTarget },
          planOptions,
          problems,
        ),
      );
    }
  }
  problems.throwIfAny();
  const notes = [...unusedColumnsNote(source.unusedColumns), ...audience.notes];
  return makePlan(
    {
      workflow: 'contacts',
      target,
      options: {
        source: source.file,
        format: source.format,
        org: fallback?.id ?? null,
        deactivateMissing: planOptions.deactivateMissing,
        deactivateType: types.deactivateType ?? null,
        matchName: planOptions.matchName,
        includeOnmicrosoft: options.includeOnmicrosoft === true,
        licensedOnly: options.licensedOnly === true,
        exclude: [...(options.exclude ?? [])],
      },
      sourceId,
      actions,
      organizationNames: organizationNamesOf(actions, organizations.byId),
      ...(notes.length > 0 ? { notes } : {}),
    },
    now,
  );
}
