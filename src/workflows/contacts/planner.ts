/**
 * Contact sync, the planning half: a pure function from source rows and one fresh read of each
 * target organization to actions. No request is made here.
 *
 * Matching stays inside one organization. A row's key is its set of normalized emails (primary,
 * UPN, proxy addresses); a contact's is every entry of `contact-emails`. Emails that intersect
 * match; pointing at two contacts is a conflict. Names match only with --match-name, and only for
 * rows without an email and exactly one candidate. Nothing is ever blanked; emails and phones are
 * merged, never replaced; a PSA-synced contact is skipped, never re-created.
 */

import { normalizeEmail, normalizeName, phoneDigits, samePhone } from '../../normalize/keys.js';
import { splitName } from '../../normalize/person-name.js';
import type { Contact, ContactEmail, ContactPhone } from '../../spec/models.js';
import { ChangeSet } from '../engine/changes.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { PlanAction, SourceRef } from '../engine/plan.js';

/** What the planner reads from a source row (the sources' ContactSourceRow satisfies it). */
export interface ContactRow {
  source: SourceRef;
  firstName?: string | undefined;
  lastName?: string | undefined;
  displayName?: string | undefined;
  emails: string[];
  title?: string | undefined;
  phone?: string | undefined;
  mobile?: string | undefined;
  contactType?: string | undefined;
  active?: boolean | undefined;
  skip?: { reason: string } | undefined;
}

export interface ContactTarget {
  organizationId: string;
  contacts: Contact[];
  /** Contacts this source created or matched in earlier runs (from the journal). */
  owned: ReadonlySet<string>;
}

export interface ContactPlanOptions {
  matchName: boolean;
  deactivateMissing: boolean;
  deactivateUnowned: boolean;
  /** The contact type that marks a departed contact (IT Glue contacts have no archive flag). */
  deactivateType?: { id: string; name: string } | undefined;
  /** Contact type names → ids, for a `contact_type` column. */
  contactTypes: ReadonlyMap<string, string>;
  /** Most deactivations allowed per organization: a count, or a fraction of its contacts. */
  maxDeactivate?: { count?: number; fraction?: number } | undefined;
  /** For the dated note a deactivation leaves. */
  today: string;
  sourceName: string;
}

export const DEFAULT_MAX_DEACTIVATE_FRACTION = 0.2;

function emailsOf(contact: Contact): string[] {
  return contact.contactEmails
    .map((entry) => normalizeEmail(entry.value))
    .filter((value): value is string => !!value);
}

function fullName(row: ContactRow): string | undefined {
  const joined = [row.firstName, row.lastName]
    .filter((part) => part?.trim())
    .join(' ')
    .trim();
  return row.displayName?.trim() || joined || undefined;
}

interface Indexes {
  byEmail: Map<string, Contact[]>;
  byName: Map<string, Contact[]>;
}

function indexContacts(contacts: readonly Contact[]): Indexes {
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

/** New emails are added after the existing ones; the primary moves only on contacts we own. */
function mergeEmails(
  contact: Contact,
  rowEmails: readonly string[],
  owned: boolean,
): ContactEmail[] | undefined {
  const have = new Set(emailsOf(contact));
  const added = rowEmails.filter((email) => !have.has(normalizeEmail(email) as string));
  const currentPrimary = contact.contactEmails.find((entry) => entry.primary);
  const wantedPrimary = rowEmails[0];
  const movePrimary =
    owned &&
    wantedPrimary !== undefined &&
    normalizeEmail(currentPrimary?.value ?? '') !== normalizeEmail(wantedPrimary);
  if (added.length === 0 && !movePrimary) return undefined;
  const merged: ContactEmail[] = [
    ...contact.contactEmails.map((entry) => ({ ...entry })),
    ...added.map((value) => ({ value, primary: false, labelName: 'Work' })),
  ];
  if (movePrimary) {
    const target = normalizeEmail(wantedPrimary as string);
    for (const entry of merged) entry.primary = normalizeEmail(entry.value) === target;
  } else if (!merged.some((entry) => entry.primary) && merged[0]) {
    merged[0].primary = true;
  }
  return merged;
}

/** A contact's phones as IT Glue takes them back (without the computed `formatted-value`). */
function existingPhones(contact: Contact): ContactPhone[] {
  return contact.contactPhones.map(({ value, extension, primary, labelName, labelType }) => ({
    value,
    extension: extension ?? null,
    primary,
    labelName,
    ...(labelType ? { labelType } : {}),
  }));
}

/**
 * Phones are merged by number, not by text (samePhone): a source number IT Glue already holds in
 * any writing is left as IT Glue has it, and only new numbers are added.
 */
function mergePhones(contact: Contact, row: ContactRow): ContactPhone[] | undefined {
  const have: Array<{ value: string; extension?: string | null }> = [...contact.contactPhones];
  const wanted: ContactPhone[] = [];
  for (const [value, label] of [
    [row.phone, 'Work'],
    [row.mobile, 'Mobile'],
  ] as const) {
    const phone = value?.trim();
    if (phone && phoneDigits(phone) && !have.some((existing) => samePhone(existing, { value: phone }))) {
      have.push({ value: phone });
      wanted.push({ value: phone, extension: null, primary: false, labelName: label });
    }
  }
  if (wanted.length === 0) return undefined;
  const merged = [...existingPhones(contact), ...wanted];
  if (!merged.some((phone) => phone.primary) && merged[0]) merged[0].primary = true;
  return merged;
}

function newContactAttributes(
  row: ContactRow,
  emails: readonly string[],
  contactTypeId: string | undefined,
): Record<string, unknown> {
  const name = fullName(row) as string;
  const split = splitName(name);
  const attributes: Record<string, unknown> = {
    name,
    firstName: row.firstName?.trim() || split.firstName,
  };
  const last = row.lastName?.trim() || split.lastName;
  if (last) attributes.lastName = last;
  if (row.title?.trim()) attributes.title = row.title.trim();
  if (emails.length > 0) {
    attributes.contactEmails = emails.map((value, index) => ({
      value,
      primary: index === 0,
      labelName: 'Work',
    }));
  }
  const phones: Array<Record<string, unknown>> = [];
  if (row.phone?.trim()) phones.push({ value: row.phone.trim(), primary: true, labelName: 'Work' });
  if (row.mobile?.trim())
    phones.push({ value: row.mobile.trim(), primary: phones.length === 0, labelName: 'Mobile' });
  if (phones.length > 0) attributes.contactPhones = phones;
  if (contactTypeId) attributes.contactTypeId = contactTypeId;
  return attributes;
}

export interface ContactPlanInput {
  organizationId: string;
  rows: ContactRow[];
  target: ContactTarget;
}

/** What planning one organization carries from row to row. */
interface OrganizationPlan {
  input: ContactPlanInput;
  options: ContactPlanOptions;
  problems: ProblemList;
  indexes: Indexes;
  /** Normalized email → the line that claimed it first. */
  claimed: Map<string, number>;
  /** Contacts a row matched: never "missing from the source". */
  matched: Set<string>;
  actions: PlanAction[];
  deactivations: PlanAction[];
}

type ActionAt = Omit<PlanAction, 'action' | 'reason'>;

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
  plan.actions.push(
    update.isEmpty
      ? { ...onRecord, action: 'unchanged', reason: 'matches the source' }
      : {
          ...onRecord,
          action: 'update',
          reason: 'differs from the source',
          changes: update.changes,
          attributes: update.attributes,
        },
  );
}

/** Names and title compared trimmed and exactly; emails and phones merged, never replaced. */
function contactChanges(
  contact: Contact,
  row: ContactRow,
  rawEmails: readonly string[],
  contactTypeId: string | undefined,
  owned: boolean,
): ChangeSet {
  const update = new ChangeSet();
  update.setIfChanged('firstName', contact.firstName, row.firstName, 'trimmed');
  update.setIfChanged('lastName', contact.lastName, row.lastName, 'trimmed');
  update.setIfChanged('title', contact.title, row.title, 'trimmed');
  const mergedEmails = mergeEmails(contact, rawEmails, owned);
  if (mergedEmails) update.set('contactEmails', contact.contactEmails, mergedEmails);
  const mergedPhones = mergePhones(contact, row);
  if (mergedPhones) update.set('contactPhones', existingPhones(contact), mergedPhones);
  if (contactTypeId && contactTypeId !== contact.contactTypeId)
    update.set('contactTypeId', contact.contactTypeId, contactTypeId);
  return update;
}

/** Contacts no row matched, with --deactivate-missing; never on an empty source. */
function planMissingContacts(plan: OrganizationPlan): void {
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

function checkDeactivationLimit(plan: OrganizationPlan): void {
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

function deactivation(
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
  const note = `Deactivated by gluekit on ${options.today}: ${why} (${options.sourceName}).`;
  const notes = contact.notes ? `$contact.notes\n$note` : note;
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
