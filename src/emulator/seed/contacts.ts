/** Seed contacts: names, titles, types, work emails (some with a second address) and phones. */
import type { ContactEmail, ContactPhone, ContactRecord } from '../store/records.js';
import { chance, pick, randomInt } from '../support/prng.js';
import { catalogId } from './catalog.js';
import { flat, type SeedContext } from './context.js';
import type { SeededOrganization } from './organizations.js';
import { FIRST_NAMES, LAST_NAMES, TITLES } from './words.js';

/** Contact type ids with how often they occur. */
const CONTACT_TYPES: ReadonlyArray<[string, number]> = (
  [
    ['Employee', 0.6],
    ['Approver', 0.15],
    ['Champion', 0.08],
    ['Billing', 0.07],
    ['Vendor', 0.05],
    ['Terminated', 0.05],
  ] as const
).map(([name, weight]) => [catalogId('contact_types', name), weight]);
const EMPLOYEE = catalogId('contact_types', 'Employee');

function weightedType(context: SeedContext): string {
  let roll = context.random();
  for (const [id, weight] of CONTACT_TYPES) {
    if (roll < weight) return id;
    roll -= weight;
  }
  return EMPLOYEE;
}

function localPart(first: string, last: string): string {
  return `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
}

function phoneNumber(context: SeedContext): string {
  return flat(
    randomInt(context.random, 201, 989),
    '555',
    String(randomInt(context.random, 0, 9999)).padStart(4, '0'),
  );
}

export function seedContacts(
  context: SeedContext,
  organization: SeededOrganization,
  count: number,
): ContactRecord[] {
  const { random, tenant } = context;
  const orgId = organization.record.id;
  const usedAddresses = new Set<string>();
  const contacts: ContactRecord[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    let address = flat(localPart(firstName, lastName), '@', organization.domain);
    if (usedAddresses.has(address))
      address = flat(localPart(firstName, lastName), i, '@', organization.domain);
    usedAddresses.add(address);
    const emails: ContactEmail[] = [{ value: address, primary: true, labelName: 'Work' }];
    if (chance(random, 0.15)) {
      emails.push({
        value: flat(localPart(firstName, lastName), '@home.example'),
        primary: false,
        labelName: 'Home',
      });
    }
    const phones: ContactPhone[] = [
      {
        value: phoneNumber(context),
        extension: chance(random, 0.3) ? String(randomInt(random, 100, 299)) : null,
        primary: true,
        labelName: 'Work',
        labelType: 'phone',
      },
    ];
    if (chance(random, 0.3)) {
      phones.push({
        value: phoneNumber(context),
        extension: null,
        primary: false,
        labelName: 'Mobile',
        labelType: 'phone',
      });
    }
    const importance = random();
    const contact: ContactRecord = {
      id: context.nextId(orgId),
      organizationId: orgId,
      firstName,
      lastName,
      nameOverride: null,
      title: pick(random, TITLES),
      contactTypeId: weightedType(context),
      locationId: pick(random, organization.locations).id,
      important: importance < 0.2 ? true : importance < 0.95 ? false : null,
      notes: chance(random, 0.1) ? 'Prefers to be contacted by email.' : null,
      restricted: chance(random, 0.03),
      psaIntegration: null,
      psaId: null,
      contactEmails: emails,
      contactPhones: phones,
      archived: false,
      ...context.times(1800),
    };
    if (chance(random, 0.05)) markPsaSynced(contact, context);
    tenant.contacts.insert(contact);
    contacts.push(contact);
  }
  return contacts;
}

/** A contact a PSA (ConnectWise Manage) owns: IT Glue refuses to update it. */
export function markPsaSynced(
  record: { psaIntegration: string | null; psaId: string | null },
  context: SeedContext,
) {
  record.psaIntegration = 'manage';
  record.psaId = String(randomInt(context.random, 10000, 99999));
}
