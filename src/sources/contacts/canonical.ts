/**
 * gluekit's own contact format, as CSV or JSON: `organization` (or `organization_id`),
 * `first_name`, `last_name`, `email`, `additional_emails` (`;`-separated, or a JSON array),
 * `title`, `phone`, `mobile`, `contact_type`, `active` (true|false), `external_id`, and for
 * choosing who is synced `licensed` (true|false or licence names) and `groups` (`;`-separated). JSON keys may
 * be camelCase or snake_case. These files are kept by hand, so a bad primary `email` is an input
 * problem to fix, not a warning: without it the person would look new and be created twice.
 */
import { type BuildContext, canonicalSpec, type FormatSpec } from '../formats.js';
import type { RecordView } from '../records.js';
import { collectEmails, personRow, readBoolean, readLicensed } from './people.js';
import type { ContactFormat, ContactSourceRow } from './types.js';

const FIELDS = {
  organization: [
    'organization',
    'organization_name',
    'org',
    'org_name',
    'company',
    'company_name',
    'client',
    'customer',
  ],
  organizationId: ['organization_id', 'org_id', 'itglue_organization_id'],
  firstName: ['first_name', 'given_name', 'first'],
  lastName: ['last_name', 'surname', 'family_name', 'last'],
  displayName: ['name', 'display_name', 'full_name'],
  email: ['email', 'primary_email', 'email_address', 'mail'],
  additionalEmails: [
    'additional_emails',
    'other_emails',
    'secondary_emails',
    'emails',
    'email_aliases',
    'aliases',
  ],
  title: ['title', 'job_title'],
  phone: ['phone', 'office_phone', 'phone_number', 'work_phone', 'business_phone'],
  mobile: ['mobile', 'mobile_phone', 'cell', 'cell_phone'],
  contactType: ['contact_type', 'type'],
  active: ['active', 'enabled', 'is_active'],
  externalId: ['external_id', 'source_id', 'object_id', 'id'],
  licensed: ['licensed', 'licenses'],
  groups: ['groups'],
} as const;

type Field = keyof typeof FIELDS;

const SIGNATURE = [
  'organization',
  'organization_id',
  'first_name',
  'last_name',
  'email',
  'additional_emails',
  'title',
  'phone',
  'mobile',
  'contact_type',
  'active',
  'external_id',
];

/** Addresses never contain these, so any of them separates a list. */
const EMAIL_SEPARATORS = /[;,\s]+/;

function buildCanonicalContact(view: RecordView<Field>, { report }: BuildContext<unknown>): ContactSourceRow {
  const additional = view.label('additionalEmails');
  const emails = collectEmails(
    [
      { value: view.text('email'), field: view.label('email'), strict: true },
      ...view.list('additionalEmails', EMAIL_SEPARATORS).map((value) => ({ value, field: additional })),
    ],
    view.line,
    report,
  );
  const own = {
    phone: view.text('phone'),
    contactType: view.text('contactType'),
    active: readBoolean(view, 'active', report),
    licensed: readLicensed(view.list('licensed')),
  };
  return personRow(view, report, emails, own, {});
}

/** A file must have one of these to be read as this format. */
const REQUIRES: readonly Field[] = ['email', 'firstName', 'lastName', 'displayName', 'additionalEmails'];

type Spec = FormatSpec<ContactFormat, Field, ContactSourceRow>;
const SPEC = { fields: FIELDS, signature: SIGNATURE, requires: REQUIRES, build: buildCanonicalContact };
export const CONTACT_CSV: Spec = canonicalSpec('csv', 'contact', SPEC);
export const CONTACT_JSON: Spec = canonicalSpec('json', 'contact', SPEC);
