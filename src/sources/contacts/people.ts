/**
 * What every contact format shares: collecting a person's addresses once each, reading yes/no
 * cells, and deciding which rows are not people to sync (guests, shared mailboxes, rows with
 * neither a name nor an address), which are kept with a reason so the plan can report them.
 */

import { normalizeEmail } from '../../normalize/keys.js';
import { quoteCell, type SourceReport } from '../errors.js';
import { withoutUndefined } from '../formats.js';
import type { RecordView } from '../records.js';
import type { ContactSourceRow } from './types.js';

export interface EmailCandidate {
  value: string | undefined;
  /** The header or key it came from, for messages. */
  field: string;
  /**
   * A bad value is an input problem rather than a warning. Used for the primary `email` cell of
   * the hand-kept formats: dropping it would make the person look new and create a duplicate.
   */
  strict?: boolean;
}

/** The addresses in order, trimmed and as written, each once (compared as normalized). */
export function collectEmails(
  candidates: readonly EmailCandidate[],
  line: number,
  report: SourceReport,
): string[] {
  const seen = new Set<string>();
  const emails: string[] = [];
  for (const { value, field, strict } of candidates) {
    const address = value?.trim();
    if (!address) continue;
    const key = normalizeEmail(address);
    if (key === undefined) {
      if (strict)
        report.problem(
          line,
          field,
          `${quoteCell(address)} is not an email address`,
          'Fix the cell or remove the row.',
        );
      else report.warn(line, `${field}: ${quoteCell(address)} is not an email address; left out`);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    emails.push(address);
  }
  return emails;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'enabled', 'active']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'disabled', 'inactive', 'blocked']);

/** A yes/no cell; a value that is neither is reported as a problem. */
export function readBoolean<Field extends string>(
  view: RecordView<Field>,
  field: Field,
  report: SourceReport,
): boolean | undefined {
  const value = view.text(field);
  if (value === undefined) return undefined;
  const word = value.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  report.problem(
    view.line,
    view.label(field),
    `${quoteCell(value)} is not true or false`,
    'Write true or false.',
  );
  return undefined;
}

const NO_LICENCE = /^(?:unlicensed|false|no|0|none)$/i;

/** A licence cell: `Unlicensed` (M365's word), false or none → false; any licence name → true. */
export function readLicensed(values: readonly string[]): boolean | undefined {
  if (values.length === 0) return undefined;
  return !values.every((value) => NO_LICENCE.test(value));
}

/** Group names in one cell are separated by `;`. */
export const GROUP_SEPARATORS = /;/;

export function readGroups(values: string[]): string[] | undefined {
  return values.length > 0 ? values : undefined;
}

/** Entra and M365 mark guest (B2B) accounts with `#EXT#` in the user principal name. */
export function isGuestPrincipal(upn: string | undefined): boolean {
  return upn !== undefined && GUEST_MARK.test(upn);
}

const GUEST_MARK = /#EXT#/i;

/** Exchange recipient types that are mailboxes, not people. */
const NOT_PEOPLE_MAILBOXES = /shared|room|equipment|scheduling|discovery/i;

export interface SkipHints {
  upn?: string | undefined;
  userType?: string | undefined;
  recipientType?: string | undefined;
}

/** Why a row is not a person to sync, or undefined when it is one. */
export function skipReason(row: Omit<ContactSourceRow, 'source'>, hints: SkipHints): string | undefined {
  if (isGuestPrincipal(hints.upn) || row.emails.some(isGuestPrincipal)) {
    return 'guest account (#EXT# in the user principal name)';
  }
  if (hints.userType?.toLowerCase() === 'guest') return 'guest account (userType Guest)';
  if (hints.recipientType && NOT_PEOPLE_MAILBOXES.test(hints.recipientType)) {
    return `not a person: ${hints.recipientType} mailbox`;
  }
  const named = [row.firstName, row.lastName, row.displayName].some((part) => part !== undefined);
  if (!named && row.emails.length === 0) return 'not a person: no name and no email address';
  return undefined;
}

/** The row with its skip reason, and without keys whose value is undefined, so rows compare and print cleanly. */
export function contactRow(row: ContactSourceRow, hints: SkipHints): ContactSourceRow {
  const reason = skipReason(row, hints);
  return withoutUndefined(reason ? { ...row, skip: { reason } } : row);
}

/** The columns every contact format reads the same way: who the person is and where they belong. */
export type PersonField =
  | 'organizationId'
  | 'organization'
  | 'firstName'
  | 'lastName'
  | 'displayName'
  | 'title'
  | 'mobile'
  | 'groups'
  | 'externalId';

/** What each format reads its own way (the caller works these out, in the order they report). */
export interface FormatColumns {
  phone: string | undefined;
  contactType?: string | undefined;
  active: boolean | undefined;
  licensed: boolean | undefined;
}

/** The finished row: the shared columns read from `view`, the format's own ones from `own`. */
export function personRow(
  view: RecordView<PersonField>,
  report: SourceReport,
  emails: string[],
  own: FormatColumns,
  hints: SkipHints,
): ContactSourceRow {
  return contactRow(
    {
      source: { file: report.file, line: view.line },
      organization: view.text('organizationId') ?? view.text('organization'),
      firstName: view.text('firstName'),
      lastName: view.text('lastName'),
      displayName: view.text('displayName'),
      emails,
      title: view.text('title'),
      phone: own.phone,
      mobile: view.text('mobile'),
      contactType: own.contactType,
      active: own.active,
      licensed: own.licensed,
      groups: readGroups(view.list('groups', GROUP_SEPARATORS)),
      externalId: view.text('externalId'),
    },
    hints,
  );
}
