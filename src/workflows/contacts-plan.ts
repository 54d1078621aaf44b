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
import { splitName } from '../normalize/person-name.js';
import { normalizeEmail, normalizeName } from '../sources/normalize.js';
import type { Contact, ContactEmail, ContactPhone } from '../spec/models.js';
import type { ProblemList } from './input-errors.js';
import type { FieldChange, PlanAction, SourceRef } from './plan.js';

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

const digits = (value: string) => value.replace(/\D/g, '');

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

function setIfChanged(
  changes: Record<string, FieldChange>,
  attributes: Record<string, unknown>,
  field: string,
  from: unknown,
  to: string | undefined,
): void {
  const value = to?.trim();
  if (!value) return; // never blank a field
  if (typeof from === 'string' && from.trim() === value) return;
  changes[field] = { from: from ?? null, to: value };
  attributes[field] = value;
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

function mergePhones(contact: Contact, row: ContactRow): ContactPhone[] | undefined {
  const have = new Set(contact.contactPhones.map((phone) => digits(phone.value)));
  const wanted: ContactPhone[] = [];
  for (const [value, label] of [
    [row.phone, 'Work'],
    [row.mobile, 'Mobile'],
  ] as const) {
    if (value?.trim() && digits(value) && !have.has(digits(value))) {
      have.add(digits(value));
      wanted.push({ value: value.trim(), extension: null, primary: false, labelName: label });
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

/** Plans one organization. `problems` collects input errors (they stop the whole run). */
export function planContactsForOrganization(
  input: ContactPlanInput,
  options: ContactPlanOptions,
  problems: ProblemList,
): PlanAction[] {
  const { organizationId, target } = input;
  const indexes = indexContacts(target.contacts);
  const claimed = new Map<string, number>();
  const matched = new Set<string>();
  const actions: PlanAction[] = [];
  const deactivations: PlanAction[] = [];
  const base = { resource: 'contacts' as const, organizationId };

  for (const row of input.rows) {
    const emails = [
      ...new Set(
        row.emails.map((email) => normalizeEmail(email)).filter((email): email is string => !!email),
      ),
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
    const at = { ...base, key, source: row.source };
    if (row.skip) {
      actions.push({ ...at, action: 'skip', reason: row.skip.reason });
      continue;
    }
    const earlier = emails.map((email) => claimed.get(email)).find((line) => line !== undefined);
    if (earlier !== undefined) {
      actions.push({
        ...at,
        action: 'skip',
        reason: `duplicate in input: line ${row.source.line} has an email of line ${earlier}`,
      });
      continue;
    }
    for (const email of emails) claimed.set(email, row.source.line);

    let contactTypeId: string | undefined;
    if (row.contactType?.trim()) {
      contactTypeId =
        options.contactTypes.get(row.contactType.trim().toLowerCase()) ??
        (/^\d+$/.test(row.contactType.trim()) ? row.contactType.trim() : undefined);
      if (!contactTypeId) {
        problems.add({
          source: row.source,
          field: 'contact_type',
          message: `"${row.contactType}" is not a contact type in IT Glue`,
          fix: 'Use an existing contact type name or id.',
        });
        continue;
      }
    }

    let candidates: Contact[];
    if (emails.length > 0) {
      const found = new Map<string, Contact>();
      for (const email of emails)
        for (const contact of indexes.byEmail.get(email) ?? []) found.set(contact.id, contact);
      candidates = [...found.values()];
    } else if (options.matchName && name) {
      candidates = indexes.byName.get(normalizeName(name) ?? '') ?? [];
    } else {
      actions.push({
        ...at,
        action: 'skip',
        reason: name
          ? 'no email address to match on (add one, or pass --match-name)'
          : 'no email address and no name',
      });
      continue;
    }

    if (candidates.length > 1) {
      actions.push({
        ...at,
        action: 'conflict',
        reason: `matches ${candidates.length} contacts (${candidates.map((c) => c.id).join(', ')}); merge them in IT Glue or fix the source`,
      });
      continue;
    }
    const contact = candidates[0];
    if (!contact) {
      if (row.active === false) {
        actions.push({
          ...at,
          action: 'skip',
          reason: 'departed (inactive in the source) and not in IT Glue',
        });
      } else if (!name && emails.length === 0) {
        actions.push({ ...at, action: 'skip', reason: 'nothing to create: no name and no email' });
      } else {
        actions.push({
          ...at,
          action: 'create',
          reason: 'not in IT Glue',
          attributes: newContactAttributes(row, rawEmails, contactTypeId),
        });
      }
      continue;
    }

    matched.add(contact.id);
    const onRecord = { ...at, id: contact.id, precondition: { updatedAt: contact.updatedAt } };
    if (contact.psaIntegration) {
      actions.push({
        ...onRecord,
        action: 'skip',
        reason: `PSA-synced (${contact.psaIntegration}): IT Glue takes its changes from the PSA`,
      });
      continue;
    }
    if (row.active === false) {
      deactivations.push(
        deactivation(contact, onRecord, options, 'inactive in the source', target.owned, problems),
      );
      continue;
    }
    const changes: Record<string, FieldChange> = {};
    const attributes: Record<string, unknown> = {};
    setIfChanged(changes, attributes, 'firstName', contact.firstName, row.firstName);
    setIfChanged(changes, attributes, 'lastName', contact.lastName, row.lastName);
    setIfChanged(changes, attributes, 'title', contact.title, row.title);
    const mergedEmails = mergeEmails(contact, rawEmails, target.owned.has(contact.id));
    if (mergedEmails) {
      changes.contactEmails = { from: contact.contactEmails, to: mergedEmails };
      attributes.contactEmails = mergedEmails;
    }
    const mergedPhones = mergePhones(contact, row);
    if (mergedPhones) {
      changes.contactPhones = { from: existingPhones(contact), to: mergedPhones };
      attributes.contactPhones = mergedPhones;
    }
    if (contactTypeId && contactTypeId !== contact.contactTypeId) {
      changes.contactTypeId = { from: contact.contactTypeId, to: contactTypeId };
      attributes.contactTypeId = contactTypeId;
    }
    actions.push(
      Object.keys(changes).length > 0
        ? { ...onRecord, action: 'update', reason: 'differs from the source', changes, attributes }
        : { ...onRecord, action: 'unchanged', reason: 'matches the source' },
    );
  }

  if (options.deactivateMissing) {
    const peopleRows = input.rows.filter((row) => !row.skip).length;
    if (peopleRows === 0) {
      // An empty read looks exactly like "everyone left". Never act on it.
      actions.push({
        ...base,
        key: `organization:${organizationId}`,
        action: 'skip',
        reason: 'no people in the source for this organization: nothing is deactivated',
      });
    } else {
      for (const contact of target.contacts) {
        if (matched.has(contact.id) || contact.psaIntegration) continue;
        const onRecord = {
          ...base,
          key: emailsOf(contact)[0] ? `email:${emailsOf(contact)[0]}` : `id:${contact.id}`,
          id: contact.id,
          precondition: { updatedAt: contact.updatedAt },
        };
        deactivations.push(
          deactivation(contact, onRecord, options, 'missing from the source', target.owned, problems),
        );
      }
    }
  }

  const writes = deactivations.filter((action) => action.action === 'deactivate');
  const limit = deactivationLimit(options, target.contacts.length);
  if (writes.length > limit) {
    problems.add({
      field: '--max-deactivate',
      message: `the plan deactivates ${writes.length} of ${target.contacts.length} contacts in organization ${organizationId}, more than the ${limit} allowed`,
      fix: `Check the source is complete; if it is, pass --max-deactivate ${writes.length} (or a percentage).`,
    });
  }
  return [...actions, ...deactivations];
}

function deactivationLimit(options: ContactPlanOptions, total: number): number {
  const { count, fraction } = options.maxDeactivate ?? {};
  if (count !== undefined) return count;
  return Math.floor(total * (fraction ?? DEFAULT_MAX_DEACTIVATE_FRACTION));
}

function deactivation(
  contact: Contact,
  at: Omit<PlanAction, 'action' | 'reason'>,
  options: ContactPlanOptions,
  why: string,
  owned: ReadonlySet<string>,
  problems: ProblemList,
): PlanAction {
  if (!owned.has(contact.id) && !options.deactivateUnowned) {
    return {
      ...at,
      action: 'skip',
      reason: `${why}, but not created or matched by this source before (pass --deactivate-unowned to include it)`,
    };
  }
  const type = options.deactivateType;
  if (!type) {
    problems.add({
      source: at.source,
      field: '--deactivate-type',
      message: `contact ${contact.id} (${contact.name ?? 'no name'}) would be deactivated, and IT Glue contacts have no archive flag`,
      fix: 'Pass --deactivate-type with the contact type that marks departed people (for example "Terminated").',
    });
    return { ...at, action: 'skip', reason: 'no --deactivate-type' };
  }
  if (contact.contactTypeId === type.id)
    return { ...at, action: 'unchanged', reason: `already ${type.name}` };
  const note = `Deactivated by gluekit on ${options.today}: ${why} (${options.sourceName}).`;
  const notes = contact.notes ? `${contact.notes}\n${note}` : note;
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
