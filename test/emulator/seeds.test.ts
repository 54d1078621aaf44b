/** Seeds: deterministic, the demo's showcase cases, realistic scale sizes, the lookup lists. */
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { BIG_ORG, get, HAPPY_FROG, post, resource, useEmulator } from './support.js';

const TYPES = [
  'organizations',
  'contacts',
  'passwords',
  'configurations',
  'documents',
  'document-sections',
  'contact-types',
];
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

async function snapshot(seed: 'demo' | `scale:${number}`) {
  const emulator = await startEmulator({ seed });
  try {
    return Object.fromEntries(TYPES.map((type) => [type, emulator.control.records(type)]));
  } finally {
    await emulator.stop();
  }
}

describe('seed determinism', () => {
  it('gives identical records, ids and timestamps on every start', async () => {
    expect(await snapshot('demo')).toEqual(await snapshot('demo'));
    const scale = await snapshot('scale:40');
    expect(scale).toEqual(await snapshot('scale:40'));
    expect(scale.organizations).toHaveLength(40);
  });
});

describe('the demo seed', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const records = (type: string) => emulator.current.control.records(type);

  it('has the organizations a client must handle', async () => {
    const organizations = (await get(emulator.current, '/organizations')).many();
    const names = organizations.map((org) => org.attributes.name);
    expect(names).toHaveLength(5);
    expect(names).toContain(HAPPY_FROG);
    expect(names.some((name) => String(name).includes(','))).toBe(true);
    const internal = organizations.find((org) => org.attributes['organization-type-name'] === 'Internal');
    expect(internal?.attributes.primary).toBe(true);
    expect(organizations.find((org) => org.id === BIG_ORG)).toBeDefined();
    const frog = organizations.find((org) => org.attributes.name === HAPPY_FROG);
    expect(String(frog?.attributes['quick-notes'])).toHaveLength(250);
    expect(
      String((await get(emulator.current, `/organizations/${frog?.id}`)).one().attributes['quick-notes'])
        .length,
    ).toBeGreaterThan(250);
  });

  it('gives the big organization’s records ids above 2^53', () => {
    for (const type of ['contacts', 'passwords', 'configurations', 'documents']) {
      const children = records(type).filter((record) => record.organizationId === BIG_ORG);
      expect(children.length, type).toBeGreaterThan(0);
      expect(
        children.every((record) => BigInt(String(record.id)) > MAX_SAFE),
        type,
      ).toBe(true);
    }
  });

  it('has the contact cases: two emails, PSA-synced, important null', () => {
    const contacts = records('contacts');
    expect(contacts.some((contact) => (contact.contactEmails as unknown[]).length === 2)).toBe(true);
    expect(contacts.some((contact) => contact.psaIntegration !== null)).toBe(true);
    expect(contacts.some((contact) => contact.important === null)).toBe(true);
  });

  it('has configurations with serials, hostnames, MACs, IPs and asset tags, one archived, one PSA-synced', () => {
    const configurations = records('configurations');
    for (const field of ['serialNumber', 'hostname', 'macAddress', 'primaryIp', 'assetTag']) {
      expect(
        configurations.every((config) => typeof config[field] === 'string' && config[field] !== ''),
        field,
      ).toBe(true);
    }
    expect(configurations.some((config) => config.archived === true)).toBe(true);
    expect(configurations.some((config) => config.psaIntegration !== null)).toBe(true);
  });

  it('has general and embedded passwords with values, an OTP secret, rotations over about three years', () => {
    const passwords = records('passwords');
    expect(
      passwords.every((password) => typeof password.password === 'string' && password.password !== ''),
    ).toBe(true);
    expect(passwords.some((password) => password.resourceType === 'Configuration')).toBe(true);
    expect(passwords.some((password) => password.resourceId === null)).toBe(true);
    expect(passwords.some((password) => password.otpSecret !== null)).toBe(true);
    const rotations = passwords.map((password) => Date.parse(String(password.passwordUpdatedAt)));
    const spanDays = (Math.max(...rotations) - Math.min(...rotations)) / 86_400_000;
    expect(spanDays).toBeGreaterThan(365);
    expect(spanDays).toBeLessThan(3 * 366);
  });

  it('has published documents with sections and one in a folder', () => {
    const documents = records('documents');
    const sections = records('document-sections');
    const withSections = new Set(sections.map((section) => section.documentId));
    expect(documents.some((document) => document.published === true && withSections.has(document.id))).toBe(
      true,
    );
    expect(documents.some((document) => document.documentFolderId !== null)).toBe(true);
  });

  it('continues ids after the seed for records created through the API', async () => {
    const smallIds = TYPES.flatMap((type) => records(type).map((record) => BigInt(String(record.id)))).filter(
      (id) => id < MAX_SAFE,
    );
    const maxSeeded = smallIds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).at(-1) ?? 0n;
    const created = await post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG, 'first-name': 'New' }),
    );
    expect(BigInt(created.one().id)).toBeGreaterThan(maxSeeded);
  });
});

describe('the scale and empty seeds', () => {
  it('builds N organizations with realistic numbers of children, the last one with the big id', async () => {
    const emulator = await startEmulator({ seed: 'scale:300' });
    try {
      const count = (type: string) => emulator.control.records(type).length;
      expect(count('organizations')).toBe(300);
      expect(emulator.control.records('organizations').at(-1)?.id).toBe(BIG_ORG);
      const perOrganization = (type: string) => count(type) / 300;
      expect(perOrganization('contacts')).toBeGreaterThan(8.5);
      expect(perOrganization('contacts')).toBeLessThan(11.5);
      expect(perOrganization('configurations')).toBeGreaterThan(6.5);
      expect(perOrganization('configurations')).toBeLessThan(9.5);
      expect(perOrganization('passwords')).toBeGreaterThan(5);
      expect(perOrganization('passwords')).toBeLessThan(7);
      expect(perOrganization('documents')).toBeGreaterThan(2.5);
      expect(perOrganization('documents')).toBeLessThan(3.5);
      const names = emulator.control.records('organizations').map((org) => org.name);
      expect(new Set(names).size).toBe(names.length);
    } finally {
      await emulator.stop();
    }
  });

  it('has only the lookup lists when empty, with filter[name] and paging', async () => {
    const emulator = await startEmulator({ seed: 'empty' });
    try {
      expect((await get(emulator, '/organizations')).many()).toEqual([]);
      const expected: Record<string, string[]> = {
        contact_types: ['Employee', 'Approver', 'Vendor', 'Terminated'],
        configuration_types: [
          'Managed Workstation',
          'Managed Server',
          'Network Device',
          'Printer',
          'Firewall',
        ],
        configuration_statuses: ['Active', 'Inactive', 'Decommissioned'],
        password_categories: ['Cloud', 'Network', 'Server', 'Email', 'Vendor Portal', 'Domain Admin'],
        organization_types: ['Internal', 'Customer'],
        organization_statuses: ['Active', 'Inactive'],
        manufacturers: ['Dell', 'Fortinet'],
      };
      for (const [route, names] of Object.entries(expected)) {
        const list = await get(emulator, `/${route}?page[size]=100`);
        expect(
          list.many().map((row) => row.attributes.name),
          route,
        ).toEqual(expect.arrayContaining(names));
        expect(list.many()[0]?.type).toBe(route.replace(/_/g, '-'));
      }
      const printer = await get(emulator, '/configuration_types?filter[name]=Printer');
      expect(printer.many()).toHaveLength(1);
      expect(printer.many()[0]?.attributes.kind).toBe('printer');
      expect((await get(emulator, '/configuration_types?filter[name]=printer')).many()).toEqual([]);
      const paged = await get(emulator, '/password_categories?page[size]=4&page[number]=2');
      expect(paged.many()).toHaveLength(2);
      expect(paged.json.meta).toMatchObject({ 'total-count': 6, 'total-pages': 2, 'prev-page': 1 });
    } finally {
      await emulator.stop();
    }
  });

  it('refuses an unknown seed name', async () => {
    await expect(startEmulator({ seed: 'huge' as never })).rejects.toThrow(/unknown seed/);
  });
});
