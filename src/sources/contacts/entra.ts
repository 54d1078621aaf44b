/**
 * The Entra admin center's "Users > Download users" CSV, or Microsoft Graph `user` objects as
 * JSON (`GET /users`, with or without its `{"value": [...]}` wrapper). Headers are from
 * research/workflows.md §1c.
 *
 * A person's addresses, primary first: `mail` (the primary SMTP address), then the user
 * principal name, then the `smtp:` proxy addresses (Graph JSON only; the CSV has none).
 * `alternateEmailAddress` is a personal recovery address, not the work mailbox, and is not used.
 * `accountEnabled` false means the person has left. Guests (`#EXT#`, or userType Guest) and
 * shared or resource mailboxes are kept with a skip reason.
 */
import type { BuildContext, FormatSpec } from '../formats.js';
import type { RecordView } from '../records.js';
import { collectEmails, personRow, readBoolean, readLicensed } from './people.js';
import { parseProxyAddresses } from './proxy-addresses.js';
import type { ContactFormat, ContactSourceRow } from './types.js';

const ENTRA_FIELDS = {
  upn: ['userPrincipalName'],
  mail: ['mail'],
  displayName: ['displayName'],
  firstName: ['givenName'],
  lastName: ['surname'],
  proxyAddresses: ['proxyAddresses'],
  accountEnabled: ['accountEnabled'],
  userType: ['userType'],
  title: ['jobTitle'],
  phone: ['telephoneNumber', 'businessPhones', 'Office phone', 'Business phone'],
  mobile: ['mobilePhone'],
  externalId: ['id', 'objectId'],
  organization: ['organization'],
  organizationId: ['organization_id'],
  recipientType: ['recipientTypeDetails', 'mailboxType'],
  licenses: ['assignedLicenses[*].skuId', 'licenses'],
  groups: ['groups', 'memberOf[*].displayName'],
} as const;

const ENTRA_SIGNATURE = [
  'userPrincipalName',
  'displayName',
  'surname',
  'mail',
  'givenName',
  'id',
  'userType',
  'jobTitle',
  'department',
  'accountEnabled',
  'usageLocation',
  'streetAddress',
  'state',
  'country',
  'officeLocation',
  'city',
  'postalCode',
  'telephoneNumber',
  'mobilePhone',
  'alternateEmailAddress',
  'ageGroup',
  'consentProvidedForMinor',
  'legalAgeGroupClassification',
  'companyName',
  'creationType',
  'directorySynced',
  'invitationState',
  'identityIssuer',
  'createdDateTime',
  'proxyAddresses',
  'businessPhones',
  'onPremisesSyncEnabled',
  'assignedLicenses',
];

type EntraField = keyof typeof ENTRA_FIELDS;

/** Graph gives `businessPhones` as a list; the CSV's telephoneNumber is one value. */
const PHONE_SEPARATORS = /;/;

function buildEntraContact(
  view: RecordView<EntraField>,
  { report }: BuildContext<unknown>,
): ContactSourceRow {
  const upn = view.text('upn');
  const proxies = parseProxyAddresses(view.list('proxyAddresses'));
  const proxyField = view.label('proxyAddresses');
  const emails = collectEmails(
    [
      { value: view.text('mail'), field: view.label('mail') },
      { value: proxies.primary, field: proxyField },
      { value: upn, field: view.label('upn') },
      ...proxies.aliases.map((value) => ({ value, field: proxyField })),
    ],
    view.line,
    report,
  );
  const own = {
    phone: view.list('phone', PHONE_SEPARATORS)[0],
    active: readBoolean(view, 'accountEnabled', report),
    licensed: readLicensed(view.list('licenses')),
  };
  return personRow(view, report, emails, own, {
    upn,
    userType: view.text('userType'),
    recipientType: view.text('recipientType'),
  });
}

export const CONTACT_ENTRA: FormatSpec<ContactFormat, EntraField, ContactSourceRow> = {
  format: 'entra',
  label: 'Entra "Download users" CSV or Graph users JSON',
  fields: ENTRA_FIELDS,
  signature: ENTRA_SIGNATURE,
  reads: { csv: true, json: true },
  requires: ['upn', 'mail'],
  build: buildEntraContact,
};
