/**
 * The `scale:N` seed: N organizations (the last one with the big id), each with a varied number of
 * children: on average about 10 contacts, 8 configurations, 6 passwords and 3 documents.
 * `scale:7000` (about 200,000 records) builds in a couple of seconds.
 */
import type { Tenant } from '../store/tenant.js';
import { pick, randomInt } from '../support/prng.js';
import { seedConfigurations } from './configurations.js';
import { seedContacts } from './contacts.js';
import { BIG_ORGANIZATION_ID, SeedContext } from './context.js';
import { seedDocuments } from './documents.js';
import type { OrganizationPlan } from './organizations.js';
import { seedOrganization } from './organizations.js';
import { seedPasswords } from './passwords.js';
import { ORGANIZATION_FIRST_WORDS, ORGANIZATION_SECOND_WORDS, ORGANIZATION_TRADES } from './words.js';

const FIRST_SCALE_ID = 10_000;

function uniqueName(context: SeedContext, used: Set<string>, index: number): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = `${pick(context.random, ORGANIZATION_FIRST_WORDS)} ${pick(context.random, ORGANIZATION_SECOND_WORDS)} ${pick(context.random, ORGANIZATION_TRADES)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const name = `${pick(context.random, ORGANIZATION_FIRST_WORDS)} ${pick(context.random, ORGANIZATION_TRADES)} ${index}`;
  used.add(name);
  return name;
}

function shortName(name: string): string {
  return name
    .split(' ')
    .map((word) => word[0])
    .join('');
}

export function loadScale(tenant: Tenant, count: number): void {
  const context = new SeedContext(tenant, `scale:${count}`, FIRST_SCALE_ID);
  const used = new Set<string>();
  for (let index = 0; index < count; index++) {
    const isBig = index === count - 1;
    const name = uniqueName(context, used, index);
    const roll = context.random();
    const plan: OrganizationPlan = {
      name,
      shortName: shortName(name),
      type: roll < 0.85 ? 'Customer' : roll < 0.95 ? 'Prospect' : 'Vendor',
      status: context.random() < 0.9 ? 'Active' : 'Inactive',
    };
    if (isBig) plan.id = BIG_ORGANIZATION_ID;
    const organization = seedOrganization(context, plan);
    const contacts = seedContacts(context, organization, randomInt(context.random, 5, 15));
    const configurations = seedConfigurations(
      context,
      organization,
      randomInt(context.random, 3, 13),
      contacts,
      index + 1,
    );
    seedPasswords(context, organization, randomInt(context.random, 2, 10), configurations);
    seedDocuments(context, organization, randomInt(context.random, 1, 5));
  }
  context.finish();
}
