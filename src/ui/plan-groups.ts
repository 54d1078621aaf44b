/**
 * A plan's actions arranged for review: conflicts first (apply refuses the plan while it has
 * any), then each organization with its actions by kind, writes before the rest.
 */
import type { ActionKind, Plan, PlanAction } from '../workflows/engine/plan.js';

/** The order kinds are read in: what will be written first, what will not be touched last. */
export const KIND_ORDER: readonly ActionKind[] = ['create', 'update', 'deactivate', 'skip', 'unchanged'];

export interface OrganizationGroup {
  organizationId: string;
  /** How many actions of each kind, conflicts included. */
  counts: Partial<Record<ActionKind, number>>;
  kinds: Array<{ kind: ActionKind; actions: PlanAction[] }>;
}

export interface PlanGroups {
  conflicts: PlanAction[];
  organizations: OrganizationGroup[];
}

export function groupPlan(plan: Plan, organizationName: (id: string) => string | undefined): PlanGroups {
  const byOrganization = new Map<string, PlanAction[]>();
  for (const action of plan.actions) {
    const list = byOrganization.get(action.organizationId);
    if (list) list.push(action);
    else byOrganization.set(action.organizationId, [action]);
  }
  const organizations = [...byOrganization].map(([organizationId, actions]): OrganizationGroup => {
    const counts: Partial<Record<ActionKind, number>> = {};
    for (const action of actions) counts[action.action] = (counts[action.action] ?? 0) + 1;
    return {
      organizationId,
      counts,
      kinds: KIND_ORDER.map((kind) => ({
        kind,
        actions: actions.filter((action) => action.action === kind),
      })).filter((group) => group.actions.length > 0),
    };
  });
  // Organizations with conflicts first, then those with the most writes, then by name.
  const writes = (group: OrganizationGroup) =>
    (group.counts.create ?? 0) + (group.counts.update ?? 0) + (group.counts.deactivate ?? 0);
  organizations.sort(
    (a, b) =>
      (b.counts.conflict ?? 0) - (a.counts.conflict ?? 0) ||
      writes(b) - writes(a) ||
      (organizationName(a.organizationId) ?? a.organizationId).localeCompare(
        organizationName(b.organizationId) ?? b.organizationId,
      ),
  );
  return { conflicts: plan.actions.filter((action) => action.action === 'conflict'), organizations };
}
