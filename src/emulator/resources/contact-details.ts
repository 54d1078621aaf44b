/**
 * Contact emails and phones, as real IT Glue takes them: arrays of `{value, primary, label-name}`
 * (phones add `extension` and `label-type`). Each entry needs a valid value and a label name.
 */
import { kebabKey } from '../../jsonapi/case.js';
import { emailSchema } from '../../spec/schemas/params.js';
import type { ContactEmail, ContactPhone, ContactRecord } from '../store/records.js';
import type { ApiError } from '../support/api-errors.js';

type Entry = Record<string, unknown>;

export function isValidEmail(value: unknown): value is string {
  return typeof value === 'string' && emailSchema.safeParse(value).success;
}

/** An error on one entry: pointer `/data/attributes/contact-emails/0/value`. */
function entryError(base: string, list: string, index: number, name: string, detail: string): ApiError {
  const pointer = `${base}/attributes/${kebabKey(list)}/${index}/${kebabKey(name)}`;
  return { status: 422, title: 'Unprocessable Entity', detail, source: { pointer } };
}

function readPrimary(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

function readLabel(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function readContactEmails(
  entries: readonly Entry[],
  base: string,
  errors: ApiError[],
): ContactEmail[] {
  return entries.map((entry, index) => {
    const value = typeof entry.value === 'string' ? entry.value.trim() : entry.value;
    if (!isValidEmail(value)) errors.push(entryError(base, 'contactEmails', index, 'value', 'is invalid'));
    const labelName = readLabel(entry.labelName);
    if (labelName === undefined) {
      errors.push(entryError(base, 'contactEmails', index, 'labelName', "can't be blank"));
    }
    return { value: String(value ?? ''), primary: readPrimary(entry.primary), labelName: labelName ?? '' };
  });
}

export function readContactPhones(
  entries: readonly Entry[],
  base: string,
  errors: ApiError[],
): ContactPhone[] {
  return entries.map((entry, index) => {
    // IT Glue strips separators: `(415) 555-2156` is stored as `4155552156`.
    const digits =
      typeof entry.value === 'string' || typeof entry.value === 'number'
        ? String(entry.value).replace(/\D/g, '')
        : '';
    if (digits === '') errors.push(entryError(base, 'contactPhones', index, 'value', 'is invalid'));
    const labelName = readLabel(entry.labelName);
    if (labelName === undefined) {
      errors.push(entryError(base, 'contactPhones', index, 'labelName', "can't be blank"));
    }
    const labelType = entry.labelType ?? 'phone';
    if (labelType !== 'phone' && labelType !== 'fax') {
      errors.push(entryError(base, 'contactPhones', index, 'labelType', 'is not included in the list'));
    }
    const extension =
      entry.extension === null || entry.extension === undefined || entry.extension === ''
        ? null
        : String(entry.extension);
    return {
      value: digits,
      extension,
      primary: readPrimary(entry.primary),
      labelName: labelName ?? '',
      labelType: labelType === 'fax' ? 'fax' : 'phone',
    };
  });
}

/** `4155552156` → `(415) 555-2156`, as IT Glue's `formatted-value` (North American numbers only). */
export function formatPhone(digits: string): string {
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (national.length !== 10) return digits;
  const formatted = `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
  return national === digits ? formatted : `+1 ${formatted}`;
}

export function primaryEmail(contact: Pick<ContactRecord, 'contactEmails'>): string | null {
  return contact.contactEmails.find((entry) => entry.primary)?.value ?? null;
}

/**
 * The seed profile's flat `email` written into the array: it replaces the primary entry's value
 * (or becomes the first, primary entry); null removes the primary entry.
 */
export function withFlatEmail(emails: readonly ContactEmail[], email: string | null): ContactEmail[] {
  const primaryIndex = emails.findIndex((entry) => entry.primary);
  if (email === null) return emails.filter((_, index) => index !== primaryIndex);
  if (primaryIndex === -1) return [{ value: email, primary: true, labelName: 'Work' }, ...emails];
  return emails.map((entry, index) => (index === primaryIndex ? { ...entry, value: email } : entry));
}
