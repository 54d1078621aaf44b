/**
 * Contact sync, end to end: resolve organizations and contact types, read each target
 * organization once, plan (contacts-plan.ts), and the writer the engine applies the plan with.
 */
import type { GlueKit } from '../../client.js';
import { appendTo } from '../engine/group.js';
import { ProblemList } from '../engine/input-errors.js';
import type { Journal } from '../engine/journal.js';
import { makePlan, organizationNamesOf, type Plan, type PlanAction, planTarget } from '../engine/plan.js';
import { organizationOfRow, organizationOption, readOrganizations } from '../organizations.js';
import { type ContactPlanOptions, type ContactRow, planContactsForOrganization } from './planner.js';

export interface ContactSourceInput {
  file: string;
  format: string;
  rows: Array<ContactRow & { organization?: string | undefined }>;
}

export interface ContactSyncOptions {
  /** An organization id or name for rows without an organization column. */
  org?: string | undefined;
  deactivateMissing?: boolean;
  deactivateType?: string | undefined;
  deactivateUnowned?: boolean;
  matchName?: boolean;
  /** Keep `*.onmicrosoft.com` addresses (left out by default: see withoutTenantInternal). */
  includeOnmicrosoft?: boolean;
  /** `N` contacts, or `N%` of an organization's contacts. Default 20%. */
  maxDeactivate?: string | undefined;
  /** Who owns what this run creates or matches; default `contacts:<format>`. */
  sourceId?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * A Microsoft 365 tenant's internal address (`user@contoso.onmicrosoft.com`): mail routing, not
 * an address anyone writes to, so it is no contact email. Matching on it would not help either:
 * IT Glue never holds it unless a sync put it there.
 */
export function isTenantInternal(email: string): boolean {
  return /@(?:[^@]+\.)?onmicrosoft\.com$/i.test(email.trim());
}

/** The rows with tenant-internal addresses left out, and how many were; skipped rows stay as read. */
function withoutTenantInternal<Row extends ContactRow>(
  rows: readonly Row[],
): { rows: Row[]; leftOut: number } {
  let leftOut = 0;
  const kept = rows.map((row) => {
    if (row.skip) return row;
    const emails = row.emails.filter((email) => !isTenantInternal(email));
    leftOut += row.emails.length - emails.length;
    return emails.length === row.emails.length ? row : { ...row, emails };
  });
  return { rows: kept, leftOut };
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

export async function planContactSync(
  client: GlueKit,
  journal: Journal,
  source: ContactSourceInput,
  options: ContactSyncOptions,
  now = new Date(),
): Promise<Plan> {
  const problems = new ProblemList();
  const target = planTarget(client);
  const organizations = await readOrganizations(client, options.signal);
  const fallback = organizationOption(organizations, options.org, problems);
  const { rows: sourceRows, leftOut: tenantInternalLeftOut } = options.includeOnmicrosoft
    ? { rows: source.rows, leftOut: 0 }
    : withoutTenantInternal(source.rows);
  const rowsByOrganization = new Map<string, ContactRow[]>();
  for (const row of sourceRows) {
    const organizationId = organizationOfRow(organizations, row.organization, fallback, row.source, problems);
    if (organizationId) appendTo(rowsByOrganization, organizationId, row);
  }

  const needsTypes =
    options.deactivateType !== undefined || source.rows.some((row) => row.contactType?.trim());
  const contactTypes = new Map<string, string>();
  let deactivateType: ContactPlanOptions['deactivateType'];
  if (needsTypes) {
    for (const type of await client.lookups.list('contact_types', { signal: options.signal })) {
      contactTypes.set(type.name.trim().toLowerCase(), type.id);
      if (
        options.deactivateType &&
        (type.id === options.deactivateType.trim() ||
          type.name.trim().toLowerCase() === options.deactivateType.trim().toLowerCase())
      ) {
        deactivateType = { id: type.id, name: type.name };
      }
    }
    if (options.deactivateType && !deactivateType) {
      problems.add({
        option: 'deactivateType',
        message: `"${options.deactivateType}" is not a contact type in IT Glue`,
        fix: 'Use an existing contact type name or id (see your IT Glue contact types).',
      });
    }
  }
  // Every unknown contact type, reported with the other input problems before anything is read.
  for (const row of source.rows) {
    const type = row.contactType?.trim();
    if (type && !contactTypes.has(type.toLowerCase()) && !/^\d+$/.test(type)) {
      problems.add({
        source: row.source,
        field: 'contact_type',
        message: `"${type}" is not a contact type in IT Glue`,
        fix: 'Use an existing contact type name or id.',
      });
    }
  }
  const maxDeactivate = parseMaxDeactivate(options.maxDeactivate, problems);
  const sourceId = options.sourceId ?? `contacts:${source.format}`;
  const planOptions: ContactPlanOptions = {
    matchName: options.matchName === true,
    deactivateMissing: options.deactivateMissing === true,
    deactivateUnowned: options.deactivateUnowned === true,
    deactivateType,
    contactTypes,
    maxDeactivate,
    today: now.toISOString().slice(0, 10),
    sourceName: source.file,
  };
  const owned = journal.ledger.ownedIds(target, sourceId, 'contacts');
  const actions: PlanAction[] = [];
  if (!problems.problems.length) {
    for (const [organizationId, rows] of rowsByOrganization) {
      const contacts = await client.contacts.list({ organizationId }, { signal: options.signal }).toArray();
      actions.push(
        ...planContactsForOrganization(
          { organizationId, rows, target: { organizationId, contacts, owned } },
          planOptions,
          problems,
        ),
      );
    }
  }
  problems.throwIfAny();
  return makePlan(
    {
      workflow: 'contacts',
      target,
      options: {
        source: source.file,
        format: source.format,
        org: fallback?.id ?? null,
        deactivateMissing: planOptions.deactivateMissing,
        deactivateType: deactivateType ?? null,
        matchName: planOptions.matchName,
        includeOnmicrosoft: options.includeOnmicrosoft === true,
      },
      sourceId,
      actions,
      organizationNames: organizationNamesOf(actions, organizations.byId),
      ...(tenantInternalLeftOut > 0
        ? {
            notes: [
              `${tenantInternalLeftOut} tenant-internal address(es) (*.onmicrosoft.com) left out of contact emails; \`includeOnmicrosoft\` keeps them.`,
            ],
          }
        : {}),
    },
    now,
  );
}
