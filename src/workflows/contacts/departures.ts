/**
 * People leaving and coming back. IT Glue contacts have no archive flag, so a departed contact is
 * given the `--deactivate-type` contact type and a dated note, and only when this source created
 * or matched it before; never on an empty source; never more than the limit per organization.
 * A contact gluekit deactivated that the source lists as active again gets its type and notes
 * back.
 */
import type { Contact } from '../../spec/models.js';
import type { ChangeSet } from '../engine/changes.js';
import { withDeactivationNote } from '../engine/deactivation-note.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { PlanAction } from '../engine/plan.js';
import { emailsOf } from './merge.js';
import {
  type ActionAt,
  type ContactPlanOptions,
  DEFAULT_MAX_DEACTIVATE_FRACTION,
  type GluekitDeactivation,
  type OrganizationPlan,
} from './plan-types.js';

/** Contacts no row names, with --deactivate-missing; never on an empty source. */
export function planMissingContacts(plan: OrganizationPlan): void {
  const { input, options, problems } = plan;
  const base = { resource: 'contacts' as const, organizationId: input.organizationId };
  if (input.rows.filter((row) => !row.skip).length === 0) {
    // An empty read looks exactly like "everyone left". Never act on it.
    plan.actions.push({
      ...base,
      key: `organization:${input.organizationId}`,
      action: 'skip',
      reason: 'no people in the source for this organization: nothing is deactivated',
    });
    return;
  }
  for (const contact of input.target.contacts) {
    if (plan.matched.has(contact.id) || contact.psaIntegration) continue;
    const onRecord = {
      ...base,
      key: emailsOf(contact)[0] ? `email:${emailsOf(contact)[0]}` : `id:${contact.id}`,
      id: contact.id,
      precondition: { updatedAt: contact.updatedAt },
    };
    plan.deactivations.push(
      deactivation(contact, onRecord, options, 'missing from the source', input.target.owned, problems),
    );
  }
}

export function checkDeactivationLimit(plan: OrganizationPlan): void {
  const { input, options } = plan;
  const writes = plan.deactivations.filter((action) => action.action === 'deactivate');
  const limit = deactivationLimit(options, input.target.contacts.length);
  if (writes.length > limit) {
    plan.problems.add({
      option: 'maxDeactivate',
      message: `the plan deactivates ${writes.length} of ${input.target.contacts.length} contacts in organization ${input.organizationId}, more than the ${limit} allowed`,
      fix: `Check the source is complete; if it is, pass \`maxDeactivate\` ${writes.length} (or a percentage).`,
    });
  }
}

function deactivationLimit(options: ContactPlanOptions, total: number): number {
  const { count, fraction } = options.maxDeactivate ?? {};
  if (count !== undefined) return count;
  return Math.floor(total * (fraction ?? DEFAULT_MAX_DEACTIVATE_FRACTION));
}

export function deactivation(
  contact: Contact,
  at: ActionAt,
  options: ContactPlanOptions,
  why: string,
  owned: ReadonlySet<string>,
  problems: ProblemList,
): PlanAction {
  if (!owned.has(contact.id) && !options.deactivateUnowned) {
    return {
      ...at,
      action: 'skip',
      reason: `${why}, but not created or matched by this source before (pass \`deactivateUnowned\` to include it)`,
    };
  }
  const type = options.deactivateType;
  if (!type) {
    problems.add({
      source: at.source,
      option: 'deactivateType',
      message: `contact ${contact.id} (${contact.name ?? 'no name'}) would be deactivated, and IT Glue contacts have no archive flag`,
      fix: 'Pass `deactivateType` with the contact type that marks departed people (for example "Terminated").',
    });
    return { ...at, action: 'skip', reason: 'no `deactivateType`' };
  }
  if (contact.contactTypeId === type.id)
    return { ...at, action: 'unchanged', reason: `already ${type.name}` };
  const notes = withDeactivationNote(contact.notes, options.today, `${why} (${options.sourceName})`);
  return {
    ...at,
    action: 'deactivate',
    reason: why,
    changes: {
      contactTypeId: { from: contact.contactTypeId, to: type.id },
      notes: { from: contact.notes, to: notes },
    },
    attributes: { contactTypeId: type.id, notes },
    expect: { contactTypeId: type.id },
  };
}

/**
 * Re-activation: the contact still has the type gluekit's last deactivation gave it, and the
 * source lists the person as active. The type goes back to what it was (or the row's own
 * `contact_type`), and the line gluekit added to the notes is taken out again, keeping any
 * notes a person wrote since. A contact that had no type cannot get "none" back (IT Glue takes
 * no empty contact type), so it keeps the type and the reason says to name one. Returns the
 * reason, or undefined when gluekit did not deactivate it.
 */
export function reactivate(
  contact: Contact,
  deactivated: GluekitDeactivation | undefined,
  update: ChangeSet,
): { reason: string; typeKept: boolean } | undefined {
  if (!deactivated || contact.contactTypeId !== deactivated.contactTypeId) return undefined;
  const previousType = deactivated.before.contactTypeId;
  const typeKept = !('contactTypeId' in update.changes) && previousType === null;
  if (!('contactTypeId' in update.changes) && previousType !== null)
    update.set('contactTypeId', contact.contactTypeId, previousType);
  const notes = notesWithoutOurLine(contact.notes ?? null, deactivated);
  if (notes !== (contact.notes ?? null)) update.set('notes', contact.notes ?? null, notes);
  const when = `deactivated by gluekit on ${deactivated.at.slice(0, 10)}`;
  return typeKept
    ? {
        typeKept,
        reason: `active in the source again (${when}), but it had no contact type before and IT Glue cannot clear one: give the row a contact_type to re-activate it`,
      }
    : { typeKept, reason: `active in the source again: re-activated (${when})` };
}

function notesWithoutOurLine(current: string | null, deactivated: GluekitDeactivation): string | null {
  const { notesWritten, before } = deactivated;
  if (current === notesWritten) return before.notes;
  const previous = before.notes ?? '';
  if (current === null || !notesWritten?.startsWith(previous)) return current;
  const ours = notesWritten.slice(previous.length).replace(/^\n/, '');
  if (!ours || !current.includes(ours)) return current;
  return current.replace(`\n${ours}`, '').replace(ours, '').replace(/^\n/, '') || null;
}
