/**
 * The Microsoft 365 admin center's "Users > Active users > Export users" CSV. Headers are from
 * research/workflows.md §1c (public fixtures; the column order varies between them).
 *
 * A person's addresses, primary first: the `SMTP:` proxy address, then the user principal name
 * (IT Glue's own Microsoft integration matches on it), then the `smtp:` aliases. "Block
 * credential" = True means the account is blocked: the person has left (`active: false`).
 * Guests (`#EXT#` in the UPN, or "User type" Guest) and shared or room mailboxes (a "Recipient
 * type" column) are kept with a skip reason. "Licenses" says who is licensed (`Unlicensed` when
 * none), for --licensed-only. The work phone is "Phone number", or "Office phone" in newer exports.
 */
import { samePhone } from '../../normalize/keys.js';
import { quoteCell, type SourceReport } from '../errors.js';
import type { BuildContext, FormatSpec } from '../formats.js';
import type { RecordView } from '../records.js';
import { collectEmails, personRow, readBoolean, readLicensed } from './people.js';
import { parseProxyAddresses } from './proxy-addresses.js';
import type { ContactFormat, ContactSourceRow } from './types.js';

const M365_FIELDS = {
  upn: ['User principal name'],
  displayName: ['Display name'],
  firstName: ['First name'],
  lastName: ['Last name'],
  proxyAddresses: ['Proxy addresses'],
  blockCredential: ['Block credential'],
  title: ['Title'],
  phone: ['Phone number'],
  /** Newer exports call the work phone "Office phone"; with both, "Phone number" wins. */
  officePhone: ['Office phone'],
  mobile: ['Mobile Phone'],
  externalId: ['Object Id'],
  organization: ['organization'],
  organizationId: ['organization_id'],
  recipientType: ['Recipient type', 'RecipientTypeDetails', 'Mailbox type'],
  userType: ['User type', 'UserType'],
  licenses: ['Licenses'],
  groups: ['Groups'],
} as const;

const M365_SIGNATURE = [
  'User principal name',
  'Display name',
  'First name',
  'Last name',
  'Proxy addresses',
  'Block credential',
  'Object Id',
  'Title',
  'Phone number',
  'Office phone',
  'Mobile Phone',
  'Licenses',
  'License assignment details',
  'Last dirsync time',
  'DirSyncEnabled',
  'Last password change time stamp',
  'Password never expires',
  'Strong password required',
  'Soft deletion time stamp',
  'Oath token meta data',
  'Preferred data location',
  'Preferred language',
  'Release track',
  'When created',
  'Usage location',
  'Country/Region',
  'Street address',
  'Postal code',
  'City',
  'State',
  'Office',
  'Department',
  'Fax',
];

type M365Field = keyof typeof M365_FIELDS;

function buildM365Contact(view: RecordView<M365Field>, { report }: BuildContext<unknown>): ContactSourceRow {
  const upn = view.text('upn');
  const proxies = parseProxyAddresses(view.list('proxyAddresses'));
  const proxyField = view.label('proxyAddresses');
  const emails = collectEmails(
    [
      { value: proxies.primary, field: proxyField },
      { value: upn, field: view.label('upn') },
      ...proxies.aliases.map((value) => ({ value, field: proxyField })),
    ],
    view.line,
    report,
  );
  const blocked = readBoolean(view, 'blockCredential', report);
  const own = {
    phone: workPhone(view, report),
    active: blocked === undefined ? undefined : !blocked,
    licensed: readLicensed(view.list('licenses', /\+/)),
  };
  return personRow(view, report, emails, own, {
    upn,
    userType: view.text('userType'),
    recipientType: view.text('recipientType'),
  });
}

/** "Phone number", else "Office phone"; two different numbers keep the first and say so. */
function workPhone(view: RecordView<M365Field>, report: SourceReport): string | undefined {
  const phone = view.text('phone');
  const office = view.text('officePhone');
  if (phone && office && !samePhone({ value: phone }, { value: office })) {
    report.warn(
      view.line,
      `${view.label('officePhone')}: ${quoteCell(office)} left out: ${view.label('phone')} ${quoteCell(phone)} is the Work phone`,
    );
  }
  return phone ?? office;
}

export const CONTACT_M365: FormatSpec<ContactFormat, M365Field, ContactSourceRow> = {
  format: 'm365',
  label: 'Microsoft 365 admin-center "Export users" CSV',
  fields: M365_FIELDS,
  signature: M365_SIGNATURE,
  reads: { csv: true, json: false },
  requires: ['upn'],
  build: buildM365Contact,
};
