/**
 * Which organization each source row belongs to: a file's `organization` column (an id, an
 * exact, case-insensitive name, or a short name) or `--org` for the whole file, matched by the one
 * resolver in resources/organization-names.ts against one read of every organization. Never guessed: a row that names no
 * organization, or an unknown one, is an input problem.
 */
import type { GlueKit } from '../client.js';
import {
  OrganizationDirectory,
  type OrganizationMatch,
  organizationNameKey,
} from '../resources/organization-names.js';
import type { Organization } from '../spec/models.js';
import { ProblemList } from './engine/input-errors.js';
import { type PlanTarget, planTarget, type SourceRef } from './engine/plan.js';

export interface OrganizationIndex {
  byId: Map<string, Organization>;
  /** Every organization, for the one resolver (id, name or short name). */
  directory: OrganizationDirectory<Organization>;
}

export async function readOrganizations(client: GlueKit, signal?: AbortSignal): Promise<OrganizationIndex> {
  const all = await client.organizations.list({}, { signal }).toArray();
  return {
    byId: new Map(all.map((organization) => [organization.id, organization])),
    directory: new OrganizationDirectory(all),
  };
}

/** Why `value` names no single organization, for a problem's message. */
function whyNot(match: Exclude<OrganizationMatch<Organization>, { status: 'found' }>, value: string): string {
  if (match.status === 'ambiguous')
    return `"${value}" matches ${match.candidates.length} organizations (${match.candidates.map((o) => `${o.id} ${o.name}`).join(', ')})`;
  const near = match.suggestions.map((o) => `${o.name} (${o.id})`).join(', ');
  return `"${value}" is not an organization of this IT Glue account${near ? `; did you mean ${near}?` : ''}`;
}

/** Resolves `--org` (an id, a name or a short name) once, up front. */
export function resolveOrganizationOption(index: OrganizationIndex, value: string): Organization | string {
  const match = index.directory.match(value);
  return match.status === 'found' ? match.organization : whyNot(match, value);
}

/** `--org` resolved for a whole file, or undefined (after recording the problem when it is wrong). */
export function organizationOption(
  index: OrganizationIndex,
  value: string | undefined,
  problems: ProblemList,
): Organization | undefined {
  if (!value) return undefined;
  const resolved = resolveOrganizationOption(index, value);
  if (typeof resolved !== 'string') return resolved;
  problems.add({
    option: 'organization',
    message: resolved,
    fix: 'Pass an existing organization id, its exact name or its short name.',
  });
  return undefined;
}

/** How a plan starts: no problems yet, its target, one read of every organization, `--org` resolved. */
export async function startPlan(
  client: GlueKit,
  options: { org?: string | undefined; signal?: AbortSignal | undefined },
): Promise<{
  problems: ProblemList;
  target: PlanTarget;
  organizations: OrganizationIndex;
  fallback: Organization | undefined;
}> {
  const problems = new ProblemList();
  const target = planTarget(client);
  const organizations = await readOrganizations(client, options.signal);
  const fallback = organizationOption(organizations, options.org, problems);
  return { problems, target, organizations, fallback };
}

/** The organization id of one row, or undefined after recording why not. */
export function organizationOfRow(
  index: OrganizationIndex,
  rowValue: string | undefined,
  fallback: Organization | undefined,
  source: SourceRef,
  problems: ProblemList,
): string | undefined {
  const value = rowValue?.trim();
  if (!value) {
    if (fallback) return fallback.id;
    problems.add({
      source,
      field: 'organization',
      message: 'no organization',
      fix: 'Add an organization column, or pass `organization` for a file about one organization.',
    });
    return undefined;
  }
  if (
    fallback &&
    (value === fallback.id || organizationNameKey(value) === organizationNameKey(fallback.name))
  )
    return fallback.id;
  const match = index.directory.match(value);
  if (match.status === 'found') return match.organization.id;
  problems.add({
    source,
    field: 'organization',
    message: whyNot(match, value),
    fix:
      match.status === 'ambiguous'
        ? 'Use the organization id instead of its name.'
        : 'Fix the name (it must match exactly, ignoring case), or use the id or the short name.',
  });
  return undefined;
}
