/**
 * Which organization each source row belongs to: a file's `organization` column (an id or an
 * exact, case-insensitive name) or `--org` for the whole file. Never guessed: a row that names no
 * organization, or an unknown one, is an input problem.
 */
import type { GlueKit } from '../client.js';
import type { Organization } from '../spec/models.js';
import type { ProblemList } from './engine/input-errors.js';
import type { SourceRef } from './engine/plan.js';

export interface OrganizationIndex {
  byId: Map<string, Organization>;
  /** Lowercased, trimmed name → organizations with it (more than one is ambiguous). */
  byName: Map<string, Organization[]>;
}

export async function readOrganizations(client: GlueKit, signal?: AbortSignal): Promise<OrganizationIndex> {
  const byId = new Map<string, Organization>();
  const byName = new Map<string, Organization[]>();
  for await (const organization of client.organizations.list({}, { signal })) {
    byId.set(organization.id, organization);
    const key = organization.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), organization]);
  }
  return { byId, byName };
}

/** Resolves `--org` (an id or a name) once, up front. */
export function resolveOrganizationOption(index: OrganizationIndex, value: string): Organization | string {
  const wanted = value.trim();
  const byId = index.byId.get(wanted);
  if (byId) return byId;
  const named = index.byName.get(wanted.toLowerCase()) ?? [];
  if (named.length === 1) return named[0] as Organization;
  return named.length > 1
    ? `--org "${value}" matches ${named.length} organizations (${named.map((o) => o.id).join(', ')}); pass the id`
    : `--org "${value}" is not an organization of this IT Glue account`;
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
    field: '--org',
    message: resolved,
    fix: 'Pass an existing organization id or its exact name.',
  });
  return undefined;
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
      fix: 'Add an organization column, or pass --org for a file about one organization.',
    });
    return undefined;
  }
  if (fallback && (value === fallback.id || value.toLowerCase() === fallback.name.trim().toLowerCase()))
    return fallback.id;
  if (index.byId.has(value)) return value;
  const named = index.byName.get(value.toLowerCase()) ?? [];
  if (named.length === 1) return (named[0] as Organization).id;
  problems.add({
    source,
    field: 'organization',
    message:
      named.length > 1
        ? `"${value}" matches ${named.length} organizations`
        : `"${value}" is not an organization of this IT Glue account`,
    fix:
      named.length > 1
        ? 'Use the organization id instead of its name.'
        : 'Fix the name (it must match exactly, ignoring case), or use the id.',
  });
  return undefined;
}
