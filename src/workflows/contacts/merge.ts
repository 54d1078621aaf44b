/**
 * What a source row changes on a contact: names and title compared trimmed and exactly, emails
 * and phones merged, never replaced, nothing ever blanked; and what a new contact is created with.
 */
import { normalizeEmail, phoneDigits, samePhone } from '../../normalize/keys.js';
import { splitName } from '../../normalize/person-name.js';
import type { Contact, ContactEmail, ContactPhone } from '../../spec/models.js';
import { ChangeSet } from '../engine/changes.js';
import type { ContactRow } from './plan-types.js';

export function emailsOf(contact: Contact): string[] {
  return contact.contactEmails
    .map((entry) => normalizeEmail(entry.value))
    .filter((value): value is string => !!value);
}

export function fullName(row: ContactRow): string | undefined {
  const joined = [row.firstName, row.lastName]
    .filter((part) => part?.trim())
    .join(' ')
    .trim();
  return row.displayName?.trim() || joined || undefined;
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

export function newContactAttributes(
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

/** Names and title compared trimmed and exactly; emails and phones merged, never replaced. */
export function contactChanges(
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
