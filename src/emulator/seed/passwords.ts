/** Seed passwords: general ones and ones embedded on a configuration, some with an OTP secret. */
import type { ConfigurationRecord, PasswordRecord } from '../store/records.js';
import { SEED_EDITOR_ID } from '../store/tenant.js';
import { chance, randomInt } from '../support/prng.js';
import { catalogId } from './catalog.js';
import { characters, flat, type SeedContext } from './context.js';
import type { SeededOrganization } from './organizations.js';

interface Template {
  name: string;
  category: string;
  username: (organization: SeededOrganization) => string | null;
  url: string | null;
  /** Embed on the first configuration of this type name, when the organization has one. */
  embedOn?: string;
}

const TEMPLATES: readonly Template[] = [
  {
    name: 'Microsoft 365 Global Admin',
    category: 'Cloud',
    username: (o) => flat('admin@', o.domain),
    url: 'https://admin.microsoft.com',
  },
  { name: 'Firewall admin', category: 'Network', username: () => 'admin', url: null, embedOn: 'Firewall' },
  {
    name: 'Domain Admin',
    category: 'Domain Admin',
    username: (o) => flat(o.prefix, '\\administrator'),
    url: null,
  },
  { name: 'Staff Wi-Fi', category: 'Network', username: () => null, url: null },
  {
    name: 'Server local admin',
    category: 'Server',
    username: () => 'Administrator',
    url: null,
    embedOn: 'Managed Server',
  },
  {
    name: 'Backup portal',
    category: 'Vendor Portal',
    username: (o) => flat('it@', o.domain),
    url: 'https://backup.example.com',
  },
  { name: 'SMTP relay', category: 'Email', username: (o) => flat('relay@', o.domain), url: null },
  {
    name: 'Domain registrar',
    category: 'Vendor Portal',
    username: (o) => flat('billing@', o.domain),
    url: 'https://registrar.example.com',
  },
  {
    name: 'Printer web console',
    category: 'Network',
    username: () => 'admin',
    url: null,
    embedOn: 'Printer',
  },
  {
    name: 'Accounting software',
    category: 'Cloud',
    username: (o) => flat('finance@', o.domain),
    url: 'https://accounting.example.com',
  },
];

const SECRET_CHARACTERS = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*+-=?';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const THREE_YEARS_DAYS = 3 * 365;

export function seedPasswords(
  context: SeedContext,
  organization: SeededOrganization,
  count: number,
  configurations: readonly ConfigurationRecord[],
): PasswordRecord[] {
  const { random, tenant } = context;
  const orgId = organization.record.id;
  const start = randomInt(random, 0, TEMPLATES.length - 1);
  const passwords: PasswordRecord[] = [];
  for (let i = 0; i < count; i++) {
    const template = TEMPLATES[(start + i) % TEMPLATES.length] as Template;
    const round = Math.floor(i / TEMPLATES.length);
    const embedOn = template.embedOn ? catalogId('configuration_types', template.embedOn) : undefined;
    const target = embedOn
      ? configurations.find((config) => config.configurationTypeId === embedOn)
      : undefined;
    const times = context.times(THREE_YEARS_DAYS);
    const password: PasswordRecord = {
      id: context.nextId(orgId),
      organizationId: orgId,
      name: round === 0 ? template.name : flat(template.name, ' ', round + 1),
      username: template.username(organization),
      password: characters(random, SECRET_CHARACTERS, 16),
      url: template.url ?? (target ? flat('https://', target.primaryIp ?? '') : null),
      notes: chance(random, 0.2) ? 'Rotate after any staff change.' : null,
      passwordCategoryId: catalogId('password_categories', template.category),
      passwordFolderId: null,
      resourceId: target?.id ?? null,
      resourceType: target ? 'Configuration' : null,
      cachedResourceTypeName: target ? 'Configuration' : null,
      cachedResourceName: target?.name ?? null,
      restricted: chance(random, 0.1),
      myGlue: false,
      archived: chance(random, 0.05),
      otpSecret: chance(random, 0.1) ? characters(random, BASE32, 16) : null,
      // Rotations are spread over the last three years: some at creation, some at the last update.
      passwordUpdatedAt: chance(random, 0.5) ? times.createdAt : times.updatedAt,
      updatedBy: SEED_EDITOR_ID,
      isLive: true,
      ...times,
    };
    tenant.passwords.insert(password);
    passwords.push(password);
  }
  return passwords;
}
