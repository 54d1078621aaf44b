/**
 * Where each vault entry goes before anything is read from IT Glue: its organization (the entry's
 * own, --org-map by container, or --org) and its category (the entry's, through --category-map,
 * or --category). Categories are resolved, never created; an unknown one, an unmapped container
 * or an entry with no organization is an input problem. A container the map skips on purpose is
 * left out and counted.
 */
import type { Organization } from '../../spec/models.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { OrgMap } from '../org-map.js';
import { type OrganizationIndex, organizationOfRow } from '../organizations.js';
import type { VaultRow } from './planner.js';

/** A vault entry as the readers give it (VaultEntry satisfies this). */
export interface VaultSourceRow extends VaultRow {
  container?: string | undefined;
  organization?: string | undefined;
  category?: string | undefined;
  customFields?: Array<{ name: string; value: string }> | undefined;
}

export interface Placement {
  row: VaultSourceRow;
  organizationId: string;
  rest: string[];
  categoryId?: string;
}

export interface PlacementOptions {
  orgMap?: OrgMap | undefined;
}

/** Placements, and the entries the org map skipped on purpose by the map's container key. */
export interface Placements {
  placements: Placement[];
  skippedByMap: Map<string, number>;
}

type Place = { organizationId: string; rest: string[] } | { skippedBy: string } | undefined;

function placeRow(
  row: VaultSourceRow,
  organizations: OrganizationIndex,
  fallback: Organization | undefined,
  options: PlacementOptions,
  problems: ProblemList,
): Place {
  if (row.organization?.trim()) {
    const organizationId = organizationOfRow(
      organizations,
      row.organization,
      undefined,
      row.source,
      problems,
    );
    return organizationId ? { organizationId, rest: [] } : undefined;
  }
  if (options.orgMap) {
    const mapped = options.orgMap.lookup(row.container);
    if (!mapped) {
      problems.add({
        source: row.source,
        field: 'container',
        message: `"${row.container ?? '(no folder)'}" of entry "${row.name}" is not in the organization map`,
        fix: 'Add the container to `orgMap` (unmapped entries are never given a default organization), or map it to null to skip it.',
      });
      return undefined;
    }
    if (mapped.skip) return { skippedBy: mapped.container };
    const organizationId = organizationOfRow(
      organizations,
      mapped.organization,
      undefined,
      row.source,
      problems,
    );
    return organizationId ? { organizationId, rest: mapped.rest } : undefined;
  }
  if (fallback) return { organizationId: fallback.id, rest: [] };
  problems.add({
    source: row.source,
    field: 'organization',
    message: `entry "${row.name}" has no organization`,
    fix: 'Pass `organization` for the whole file, or `orgMap` from vault containers to organizations.',
  });
  return undefined;
}

/** The valid values, for a message: `its categories: "Email", "Wi-Fi"` (the first 20). */
export function categoryList(categories: ReadonlyArray<{ name: string }>): string {
  if (categories.length === 0) return 'IT Glue has no password categories';
  const names = categories.map((c) => `"${c.name}"`).sort();
  const more =
    names.length > 20 ? `, and ${names.length - 20} more (the password-categories lookup lists them)` : '';
  return `the categories are: ${names.slice(0, 20).join(', ')}${more}`;
}

/** Categories are resolved, never created: an unknown one is an input problem. */
export function categoryResolver(
  categories: ReadonlyArray<{ id: string; name: string }>,
  categoryMap: ReadonlyMap<string, string> | undefined,
): (name: string | undefined) => string | undefined {
  return (name) => {
    const wanted = name?.trim();
    if (!wanted) return undefined;
    const mapped =
      categoryMap?.get(wanted) ??
      [...(categoryMap ?? [])].find(([from]) => from.toLowerCase() === wanted.toLowerCase())?.[1] ??
      wanted;
    return categories.find(
      (c) => c.id === mapped.trim() || c.name.toLowerCase() === mapped.trim().toLowerCase(),
    )?.id;
  };
}

export interface CategoryChoice {
  categoryId: (name: string | undefined) => string | undefined;
  defaultCategory: string | undefined;
  /** Said in each unknown category's message. */
  valid: string;
}

/** Each row's organization and category; problems for rows that have none. */
export function placeRows(
  rows: readonly VaultSourceRow[],
  organizations: OrganizationIndex,
  fallback: Organization | undefined,
  category: CategoryChoice,
  options: PlacementOptions,
  problems: ProblemList,
): Placements {
  const placements: Placement[] = [];
  const skippedByMap = new Map<string, number>();
  for (const row of rows) {
    if (row.skip) {
      // Skipped entries still need an organization to be reported under; use the fallback or none.
      placements.push({ row, organizationId: fallback?.id ?? '0', rest: [] });
      continue;
    }
    const place = placeRow(row, organizations, fallback, options, problems);
    if (!place) continue;
    if ('skippedBy' in place) {
      skippedByMap.set(place.skippedBy, (skippedByMap.get(place.skippedBy) ?? 0) + 1);
      continue;
    }
    let categoryId = category.defaultCategory;
    if (row.category?.trim()) {
      categoryId = category.categoryId(row.category);
      if (!categoryId) {
        problems.add({
          source: row.source,
          field: 'category',
          message: `"${row.category}" is not a password category in IT Glue (${category.valid})`,
          fix: 'Map it to one of them with `categoryMap`, or create the category in IT Glue first.',
        });
        continue;
      }
    }
    placements.push({ ...place, row, ...(categoryId ? { categoryId } : {}) });
  }
  return { placements, skippedByMap };
}

/** The plan's note for entries the org map skipped on purpose, or none. */
export function skippedNote(skippedByMap: ReadonlyMap<string, number>): string | undefined {
  const total = [...skippedByMap.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return undefined;
  const each = [...skippedByMap].map(([container, n]) => `"${container}": ${n}`).join(', ');
  return `${total} ${total === 1 ? 'entry was' : 'entries were'} skipped on purpose by the organization map (${each}).`;
}
