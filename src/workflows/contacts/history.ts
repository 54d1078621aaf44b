/** What gluekit itself did to contacts before, from the journal: the last deactivation of each. */
import type { Journal } from '../engine/journal.js';
import type { PlanTarget } from '../engine/plan.js';
import type { GluekitDeactivation } from './plan-types.js';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function gluekitDeactivations(journal: Journal, target: PlanTarget): Map<string, GluekitDeactivation> {
  const found = new Map<string, GluekitDeactivation>();
  for (const [id, write] of journal.lastAppliedWrites(target, 'contacts', 'deactivate')) {
    const typeGiven = text(write.after?.contactTypeId);
    if (!typeGiven) continue;
    found.set(id, {
      contactTypeId: typeGiven,
      before: { contactTypeId: text(write.before?.contactTypeId), notes: text(write.before?.notes) },
      notesWritten: text(write.after?.notes),
      at: write.outcomeAt ?? write.intentAt,
    });
  }
  return found;
}
