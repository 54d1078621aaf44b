/**
 * The `demo` seed: a small MSP and four customers. It holds every case a client must handle: an
 * organization whose name has a comma, the MSP's own internal organization, one whose id (and whose
 * records' ids) are above 2^53, contacts with two emails, a PSA-synced contact and configuration,
 * a contact whose `important` is null, an archived configuration, an embedded password, an OTP
 * secret, published documents with sections and one in a folder.
 */
import type { Tenant } from '../store/tenant.js';
import { catalogId } from './catalog.js';
import { seedConfigurations } from './configurations.js';
import { markPsaSynced, seedContacts } from './contacts.js';
import { BIG_ORGANIZATION_ID, SeedContext } from './context.js';
import { seedDocuments } from './documents.js';
import { type OrganizationPlan, seedOrganization } from './organizations.js';
import { seedPasswords } from './passwords.js';

const HAPPY_FROG_NOTES =
  'Front desk opens at 7:30. The practice management server (HFD-SRV-01) must never be rebooted during ' +
  'clinic hours; schedule patches for Sunday night. X-ray workstations run a vendor image: do not join ' +
  'them to the domain. Dr. Patel approves all purchases over $500. The alarm code is in the passwords.';

interface DemoOrganization {
  plan: OrganizationPlan;
  contacts: number;
  configurations: number;
  passwords: number;
  documents: number;
  /** Gets the special cases (two emails, PSA sync, null importance, ...). */
  showcase?: boolean;
}

const DEMO: readonly DemoOrganization[] = [
  {
    plan: { name: 'Northwind Managed Services', shortName: 'NMS', type: 'Internal', primary: true },
    contacts: 3,
    configurations: 3,
    passwords: 3,
    documents: 2,
  },
  {
    plan: { name: 'Happy Frog Dental', shortName: 'HFD', type: 'Customer', quickNotes: HAPPY_FROG_NOTES },
    contacts: 5,
    configurations: 6,
    passwords: 5,
    documents: 3,
    showcase: true,
  },
  {
    plan: {
      name: 'Kub, Reynolds and Gibson',
      shortName: 'KRG',
      type: 'Customer',
      alert: 'Partner approval is needed for any after-hours work.',
      description: 'Law firm, two offices.',
    },
    contacts: 4,
    configurations: 4,
    passwords: 3,
    documents: 2,
  },
  {
    plan: { name: 'Bluebird Logistics', shortName: 'BBL', type: 'Customer', status: 'Inactive' },
    contacts: 3,
    configurations: 3,
    passwords: 2,
    documents: 1,
  },
  {
    plan: { id: BIG_ORGANIZATION_ID, name: 'Fabrikam Architects', shortName: 'FAB', type: 'Customer' },
    contacts: 4,
    configurations: 4,
    passwords: 3,
    documents: 2,
    showcase: true,
  },
];

/** The first id of the demo: ids cross from 3 to 4 digits, so numeric ordering is exercised. */
const FIRST_DEMO_ID = 990;

export function loadDemo(tenant: Tenant): void {
  const context = new SeedContext(tenant, 'demo', FIRST_DEMO_ID);
  DEMO.forEach((entry, index) => {
    const organization = seedOrganization(context, entry.plan);
    const contacts = seedContacts(context, organization, entry.contacts);
    const configurations = seedConfigurations(
      context,
      organization,
      entry.configurations,
      contacts,
      index + 1,
    );
    const passwords = seedPasswords(context, organization, entry.passwords, configurations);
    const documents = seedDocuments(context, organization, entry.documents);
    if (!entry.showcase) return;
    const [twoEmails, synced, unsure] = contacts;
    twoEmails?.contactEmails.push({
      value: 'personal.address@home.example',
      primary: false,
      labelName: 'Home',
    });
    if (synced) markPsaSynced(synced, context);
    if (unsure) unsure.important = null;
    // The firewall comes first and the server second (see pickKind); the last one is retired.
    const server = configurations[1];
    if (server) markPsaSynced(server, context);
    const retired = configurations[configurations.length - 1];
    if (retired) {
      retired.archived = true;
      retired.configurationStatusId = catalogId('configuration_statuses', 'Decommissioned');
    }
    const [embedded, withOtp] = passwords;
    const firewall = configurations[0];
    if (firewall) {
      // The showcase firewall is in service: it holds the embedded password.
      firewall.archived = false;
      firewall.configurationStatusId = catalogId('configuration_statuses', 'Active');
    }
    if (embedded && firewall) {
      Object.assign(embedded, {
        name: `${firewall.name} admin`,
        username: 'admin',
        passwordCategoryId: catalogId('password_categories', 'Network'),
        resourceId: firewall.id,
        resourceType: 'Configuration',
        cachedResourceTypeName: 'Configuration',
        cachedResourceName: firewall.name,
      });
    }
    if (withOtp) withOtp.otpSecret = 'JBSWY3DPEHPK3PXP';
    const [published, filed] = documents;
    if (published) published.published = true;
    if (filed) {
      filed.published = false;
      filed.documentFolderId = organization.folder.id;
    }
  });
  context.finish();
}
