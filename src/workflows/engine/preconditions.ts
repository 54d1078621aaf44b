/**
 * What apply checks before its first write: that the plan is for this tenant and key, and (for a
 * saved plan, always) that no record it changes was changed in IT Glue since it was planned.
 */
import { GlueKitError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/transport.js';
import { type Executors, executorFor, type TargetRecord } from './executor.js';
import { appendTo } from './group.js';
import { type Plan, type PlanAction, type PlanTarget, WRITE_ACTIONS } from './plan.js';

export class WrongTargetError extends GlueKitError {
  override name = 'WrongTargetError';
}

/** Re-reads each organization once and marks actions whose record changed since planning. */
export async function checkPreconditions(
  plan: Plan,
  executors: Executors,
  requestOptions: RequestOptions,
): Promise<PlanAction[]> {
  const byScope = new Map<string, PlanAction[]>();
  for (const action of plan.actions) {
    if (!WRITE_ACTIONS.has(action.action) || !action.precondition || !action.id) continue;
    const scope = `${action.resource} ${action.organizationId}`;
    appendTo(byScope, scope, action);
  }
  const stale: PlanAction[] = [];
  for (const actions of byScope.values()) {
    const first = actions[0] as PlanAction;
    const current = new Map<string, TargetRecord>();
    for (const record of await executorFor(executors, first.resource).listOrganization(
      first.organizationId,
      requestOptions,
    )) {
      current.set(record.id, record);
    }
    for (const action of actions) {
      const record = current.get(action.id as string);
      if (!record || record.updatedAt !== action.precondition?.updatedAt) stale.push(action);
    }
  }
  return stale;
}

export function checkTarget(plan: Plan, target: PlanTarget): void {
  if (plan.target.baseUrl !== target.baseUrl || plan.target.keyFingerprint !== target.keyFingerprint) {
    throw new WrongTargetError(
      `This plan was made for ${plan.target.baseUrl} with key ${plan.target.keyFingerprint}, not ${target.baseUrl} with key ${target.keyFingerprint}. Plan again against this tenant.`,
    );
  }
}
