/**
 * `gluekit undo RUN`: a plan that reverses a run, reviewed and applied like any other. Updates
 * are restored to their `before` values (secrets cannot be: they were never recorded); records
 * the run created are archived (configurations, passwords, documents) or deactivated (contacts,
 * which IT Glue cannot archive: contact type plus the dated note); deactivations are reverted.
 * Nothing is ever deleted. Applying an undo and planning it again gives nothing to do.
 */
import { GlueKitError } from '../../core/errors.js';
import { REDACTED } from '../../core/redact.js';
import { withDeactivationNote } from './deactivation-note.js';
import type { ResourceExecutor, TargetRecord } from './executor.js';
import type { Journal, WriteRecord } from './journal.js';
import {
  makePlan,
  type Plan,
  type PlanAction,
  type PlanResource,
  type PlanTarget,
  SECRET_CHANGED,
} from './plan.js';

export interface UndoOptions {
  /** The contact type that marks a contact deactivated, when the run did not record one. */
  deactivateType?: { id: string; name: string } | undefined;
  signal?: AbortSignal | undefined;
}

const NOT_RESTORABLE = new Set<unknown>([REDACTED, SECRET_CHANGED]);

/**
 * Whether a record's current value is the recorded one. Only what was recorded is compared: IT
 * Glue adds read-only attributes to what it returns (a phone's `formatted-value`), which a write
 * never sends, so they are not a difference (or an undo would never settle).
 */
function same(current: unknown, recorded: unknown): boolean {
  if (Array.isArray(recorded))
    return (
      Array.isArray(current) &&
      current.length === recorded.length &&
      recorded.every((item, index) => same(current[index], item))
    );
  if (typeof recorded === 'object' && recorded !== null)
    return (
      typeof current === 'object' &&
      current !== null &&
      Object.entries(recorded).every(([key, value]) => same((current as Record<string, unknown>)[key], value))
    );
  return JSON.stringify(current ?? null) === JSON.stringify(recorded ?? null);
}

function undoOfCreate(
  write: WriteRecord,
  current: TargetRecord,
  deactivateType: UndoOptions['deactivateType'],
  runId: string,
  now: Date,
): Omit<PlanAction, 'resource' | 'organizationId' | 'key'> {
  const at = { id: current.id, precondition: { updatedAt: current.updatedAt } };
  if (write.resource === 'contacts') {
    if (!deactivateType) {
      return {
        ...at,
        action: 'skip',
        reason:
          'created by the run, but IT Glue contacts cannot be archived: pass `deactivateType` to deactivate it',
      };
    }
    if (current.contactTypeId === deactivateType.id)
      return { ...at, action: 'unchanged', reason: `already ${deactivateType.name}` };
    const notes = withDeactivationNote(
      current.notes,
      now.toISOString().slice(0, 10),
      `created by run ${runId}, undone`,
    );
    return {
      ...at,
      action: 'deactivate',
      reason: `created by ${write.key}'s run: deactivated`,
      changes: {
        contactTypeId: { from: current.contactTypeId ?? null, to: deactivateType.id },
        notes: { from: current.notes ?? null, to: notes },
      },
      attributes: { contactTypeId: deactivateType.id, notes },
      expect: { contactTypeId: deactivateType.id },
    };
  }
  if (current.archived === true) return { ...at, action: 'unchanged', reason: 'already archived' };
  return {
    ...at,
    action: 'deactivate',
    reason: 'created by the run: archived (never deleted)',
    changes: { archived: { from: current.archived ?? false, to: true } },
    attributes: { archived: true },
    expect: { archived: true },
  };
}

function undoOfChange(
  write: WriteRecord,
  current: TargetRecord,
): Omit<PlanAction, 'resource' | 'organizationId' | 'key'> {
  const at = { id: current.id, precondition: { updatedAt: current.updatedAt } };
  const before = write.before ?? {};
  const restorable = Object.entries(before).filter(([, value]) => !NOT_RESTORABLE.has(value));
  const lost = Object.keys(before).filter((field) => NOT_RESTORABLE.has(before[field]));
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const attributes: Record<string, unknown> = {};
  for (const [field, value] of restorable) {
    if (same(current[field], value)) continue;
    changes[field] = { from: current[field] ?? null, to: value };
    attributes[field] = value;
  }
  const note = lost.length > 0 ? ` (${lost.join(', ')} cannot be restored: secrets are never recorded)` : '';
  if (Object.keys(changes).length === 0)
    return { ...at, action: 'unchanged', reason: `already as before the run${note}` };
  return {
    ...at,
    action: 'update',
    reason: `restore the values from before the run${note}`,
    changes,
    attributes,
  };
}

export async function planUndo(
  journal: Journal,
  runId: string,
  target: PlanTarget,
  executors: Partial<Record<PlanResource, ResourceExecutor>>,
  options: UndoOptions = {},
  now = new Date(),
): Promise<Plan> {
  const { run, writes } = journal.getRun(runId);
  if (run.baseUrl !== target.baseUrl || run.keyFingerprint !== target.keyFingerprint) {
    throw new GlueKitError(
      `Run ${runId} wrote to ${run.baseUrl} with key ${run.keyFingerprint}; undo it against the same tenant.`,
    );
  }
  const recordedType = run.options.deactivateType as { id: string; name: string } | null | undefined;
  const deactivateType = options.deactivateType ?? recordedType ?? undefined;
  const applied = writes.filter(
    (write) => (write.state === 'done' || write.state === 'adopted') && write.recordId,
  );
  // One read per organization and resource, for current values and preconditions.
  const current = new Map<string, TargetRecord>();
  const read = new Set<string>();
  for (const write of applied) {
    const scope = `${write.resource} ${write.organizationId}`;
    if (read.has(scope)) continue;
    read.add(scope);
    const executor = executors[write.resource];
    if (!executor) throw new GlueKitError(`Cannot undo ${write.resource} writes`);
    for (const record of await executor.listOrganization(write.organizationId, { signal: options.signal })) {
      current.set(`${write.resource} ${record.id}`, record);
    }
  }
  const actions: PlanAction[] = applied.map((write) => {
    const base = {
      resource: write.resource,
      organizationId: write.organizationId,
      key: write.key,
      source: write.source ?? undefined,
    };
    const record = current.get(`${write.resource} ${write.recordId}`);
    if (!record)
      return { ...base, id: write.recordId as string, action: 'skip', reason: 'no longer in IT Glue' };
    const undo =
      write.action === 'create'
        ? undoOfCreate(write, record, deactivateType, runId, now)
        : undoOfChange(write, record);
    return { ...base, ...undo };
  });
  return makePlan(
    {
      workflow: 'undo',
      target,
      options: { undoOf: runId, deactivateType: deactivateType ?? null },
      sourceId: run.sourceId,
      actions,
    },
    now,
  );
}
