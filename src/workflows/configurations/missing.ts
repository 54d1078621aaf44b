/**
 * Configurations the source no longer lists. Only what this source created or matched before is
 * archived (never deleted); a PSA-synced one is left to the PSA; an empty source archives nothing.
 */
import type { Configuration } from '../../spec/models.js';
import type { PlanAction } from '../engine/plan.js';
import { configurationKeys } from './keys.js';
import type { ConfigurationTarget } from './planner.js';

/** With --archive-missing: owned configurations no row matched are archived; never on an empty source. */
export function planMissingConfigurations(
  target: ConfigurationTarget,
  matched: ReadonlySet<string>,
  rowCount: number,
): PlanAction[] {
  const actions: PlanAction[] = [];
  const base = { resource: 'configurations' as const, organizationId: target.organizationId };
  if (rowCount === 0) {
    return [
      {
        ...base,
        key: `organization:${target.organizationId}`,
        action: 'skip',
        reason: 'no devices in the source for this organization: nothing is archived',
      },
    ];
  }
  for (const device of target.configurations) {
    if (matched.has(device.id) || device.archived) continue;
    const key = configurationKeys(device)[0] ?? `id:${device.id}`;
    const at = { ...base, key, id: device.id, precondition: { updatedAt: device.updatedAt } };
    actions.push(missingAction(at, device, target.owned));
  }
  return actions;
}

function missingAction(
  at: Omit<PlanAction, 'action' | 'reason'>,
  device: Configuration,
  owned: ReadonlySet<string>,
): PlanAction {
  if (!owned.has(device.id)) {
    return {
      ...at,
      action: 'skip',
      reason: 'missing from the source, but not created or matched by this source before: left alone',
    };
  }
  if (device.psaIntegration) {
    return {
      ...at,
      action: 'skip',
      reason: `missing from the source, but synced from ${device.psaIntegration}`,
    };
  }
  return {
    ...at,
    action: 'deactivate',
    reason: 'missing from the source: archived (never deleted)',
    changes: { archived: { from: device.archived ?? false, to: true } },
    attributes: { archived: true },
    expect: { archived: true },
  };
}
