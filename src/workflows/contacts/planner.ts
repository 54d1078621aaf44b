/**
 * Contact sync, the planning half: a pure function from source rows and one fresh read of each
 * target organization to actions. No request is made here.
 *
 * Matching stays inside one organization. A row's key is its set of normalized emails (primary,
 * UPN, proxy addresses); a contact's is every entry of `contact-emails`. Emails that intersect
 * match; pointing at two contacts is a conflict. Names match only with --match-name, and only for
 * rows without an email and exactly one candidate. Nothing is ever blanked; emails and phones are
 * merged, never replaced (merge.ts); a PSA-synced contact is skipped, never re-created. Leaving
 * and coming back are departures.ts.
 */

import { normalizeEmail, normalizeName } from '../../normalize/keys.js';
import type { Contact } from '../../spec/models.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { PlanAction } from '../engine/plan.js';
import { checkDeactivationLimit, deactivation, planMissingContacts, reactivate } from './departures.js';
import { contactChanges, emailsOf, fullName, newContactAttributes } from './merge.js';
import type {
  ActionAt,
  ContactIndexes,
  ContactPlanInput,
  ContactPlanOptions,
  ContactRow,
  OrganizationPlan,
} from './plan-types.js';

export * from './plan-types.js';

function indexContacts(contacts: readonly Contact[]): ContactIndexes {
  const byEmail = new Map<string, Contact[]>();
  const byName = new Map<string, Contact[]>();
  for (const contact of contacts) {
    for (const email of new Set(emailsOf(contact)))
      byEmail.set(email, [...(byEmail.get(email) ?? []), contact]);
    const name = contact.name ? normalizeName(contact.name) : undefined;
    if (name) byName.set(name, [...(byName.get(name) ?? []), contact]);
  }
  return { byEmail, byName };
}

/** Plans one organization. `problems` collects input errors (they stop the whole run). */
export function planContactsForOrganization(
  input: ContactPlanInput,
  options: ContactPlanOptions,
  problems: ProblemList,
): PlanAction[] {
  const plan: OrganizationPlan = {
    input,
    options,
    problems,
    indexes: indexContacts(input.target.contacts),
    claimed: new Map(),
    matched: new Set(),
    actions: [],
    deactivations: [],
  };
  for (const row of input.rows) planRow(plan, row);
  if (options.deactivateMissing) planMissingContacts(plan);
  checkDeactivationLimit(plan);
  return [...plan.actions, ...plan.deactivations];
}

/** A row's emails (normalized, and as written, first of each), name and natural key. */
function rowIdentity(row: ContactRow) {
  const emails = [
    ...new Set(row.emails.map((email) => normalizeEmail(email)).filter((email): email is string => !!email)),
  ];
  const rawEmails = row.emails.filter((email, index) => {
    const normalized = normalizeEmail(email);
    return normalized && row.emails.findIndex((other) => normalizeEmail(other) === normalized) === index;
  });
  const name = fullName(row);
  const key = emails[0]
    ? `email:${emails[0]}`
    : name
      ? `name:${normalizeName(name)}`
      : `line:${row.source.line}`;
  return { emails, rawEmails, name, key };
}

function planRow(plan: OrganizationPlan, row: ContactRow): void {
  const { emails, rawEmails, name, key } = rowIdentity(row);
  const at = {
    resource: 'contacts' as const,
    organizationId: plan.input.organizationId,
    key,
    source: row.source,
  };
  if (row.skip) {
    // Left out on purpose (a guest, an exclusion), not departed: never "missing from the source".
    for (const contact of findCandidates(plan, emails, undefined) ?? []) plan.matched.add(contact.id);
    plan.actions.push({ ...at, action: 'skip', reason: row.skip.reason });
    return;
  }
  const earlier = emails.map((email) => plan.claimed.get(email)).find((line) => line !== undefined);
  if (earlier !== undefined) {
    plan.actions.push({
      ...at,
      action: 'skip',
      reason: `duplicate in input: line ${row.source.line} has an email of line ${earlier}`,
    });
    return;
  }
  for (const email of emails) plan.claimed.set(email, row.source.line);
  const contactType = resolveContactType(plan, row);
  if (!contactType.ok) return;

  const candidates = findCandidates(plan, emails, name);
  if (!candidates) {
    plan.actions.push({
      ...at,
      action: 'skip',
      reason: name
        ? 'no email address to match on (add one, or pass `matchName`)'
        : 'no email address and no name',
    });
    return;
  }
  if (candidates.length > 1) {
    plan.actions.push({
      ...at,
      action: 'conflict',
      reason: `matches ${candidates.length} contacts (${candidates.map((c) => c.id).join(', ')}); merge them in IT Glue or fix the source`,
    });
    return;
  }
  const contact = candidates[0];
  if (!contact) plan.actions.push(planNewContact(at, row, { emails, rawEmails, name }, contactType.id));
  else planMatchedContact(plan, at, contact, row, rawEmails, contactType.id);
}

/** The row's contact type id: undefined when it names none; not ok (a problem) when unknown. */
function resolveContactType(
  plan: OrganizationPlan,
  row: ContactRow,
): { ok: true; id: string | undefined } | { ok: false } {
  const named = row.contactType?.trim();
  if (!named) return { ok: true, id: undefined };
  const id = plan.options.contactTypes.get(named.toLowerCase()) ?? (/^\d+$/.test(named) ? named : undefined);
  if (id) return { ok: true, id };
  plan.problems.add({
    source: row.source,
    field: 'contact_type',
    message: `"${row.contactType}" is not a contact type in IT Glue`,
    fix: 'Use an existing contact type name or id.',
  });
  return { ok: false };
}

/** Contacts a row may be: by any of its emails, else by name with --match-name; undefined when it has no key. */
function findCandidates(
  plan: OrganizationPlan,
  emails: readonly string[],
  name: string | undefined,
): Contact[] | undefined {
  if (emails.length > 0) {
    const found = new Map<string, Contact>();
    for (const email of emails)
      for (const contact of plan.indexes.byEmail.get(email) ?? []) found.set(contact.id, contact);
    return [...found.values()];
  }
  if (plan.options.matchName && name) return plan.indexes.byName.get(normalizeName(name) ?? '') ?? [];
  return undefined;
}

function planNewContact(
  at: ActionAt,
  row: ContactRow,
  identity: { emails: readonly string[]; rawEmails: readonly string[]; name: string | undefined },
  contactTypeId: string | undefined,
): PlanAction {
  if (row.active === false)
    return { ...at, action: 'skip', reason: 'departed (inactive in the source) and not in IT Glue' };
  if (!identity.name && identity.emails.length === 0)
    return { ...at, action: 'skip', reason: 'nothing to create: no name and no email' };
  return {
    ...at,
    action: 'create',
    reason: 'not in IT Glue',
    attributes: newContactAttributes(row, identity.rawEmails, contactTypeId),
  };
}

function planMatchedContact(
  plan: OrganizationPlan,
  at: ActionAt,
  contact: Contact,
  row: ContactRow,
  rawEmails: readonly string[],
  contactTypeId: string | undefined,
): void {
  plan.matched.add(contact.id);
  const onRecord = { ...at, id: contact.id, precondition: { updatedAt: contact.updatedAt } };
  if (contact.psaIntegration) {
    plan.actions.push({
      ...onRecord,
      action: 'skip',
      reason: `PSA-synced (${contact.psaIntegration}): IT Glue takes its changes from the PSA`,
    });
    return;
  }
  const { options, problems, input } = plan;
  if (row.active === false) {
    plan.deactivations.push(
      deactivation(contact, onRecord, options, 'inactive in the source', input.target.owned, problems),
    );
    return;
  }
  const update = contactChanges(contact, row, rawEmails, contactTypeId, input.target.owned.has(contact.id));
  const reactivated = reactivate(contact, input.target.deactivated?.get(contact.id), update);
  if (update.isEmpty) {
    plan.actions.push(
      reactivated?.typeKept
        ? { ...onRecord, action: 'skip', reason: reactivated.reason }
        : { ...onRecord, action: 'unchanged', reason: 'matches the source' },
    );
    return;
  }
  plan.actions.push({
    ...onRecord,
    action: 'update',
    reason: reactivated?.reason ?? 'differs from the source',
    changes: update.changes,
    attributes: update.attributes,
  });
}
