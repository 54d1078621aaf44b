/** Seed configurations: workstations, servers, network gear, printers and firewalls. */
import type { ConfigurationRecord, ContactRecord } from '../store/records.js';
import { chance, pick, randomInt } from '../support/prng.js';
import { catalogId, modelsOfKind, systemsOfKind } from './catalog.js';
import { markPsaSynced } from './contacts.js';
import { characters, flat, type SeedContext } from './context.js';
import type { SeededOrganization } from './organizations.js';

interface Kind {
  kind: string;
  tag: string;
  weight: number;
  typeId: string;
  models: ReturnType<typeof modelsOfKind>;
  systems: ReturnType<typeof systemsOfKind>;
}

function kind(type: string, name: string, tag: string, weight: number): Kind {
  const typeId = catalogId('configuration_types', type);
  return { kind: name, tag, weight, typeId, models: modelsOfKind(name), systems: systemsOfKind(name) };
}

const KINDS: readonly Kind[] = [
  kind('Managed Workstation', 'workstation', 'WS', 0.6),
  kind('Managed Server', 'server', 'SRV', 0.12),
  kind('Network Device', 'network', 'NET', 0.12),
  kind('Printer', 'printer', 'PRN', 0.08),
  kind('Firewall', 'firewall', 'FW', 0.08),
];
const ACTIVE = catalogId('configuration_statuses', 'Active');
const DECOMMISSIONED = catalogId('configuration_statuses', 'Decommissioned');

const HEX = '0123456789ABCDEF';
const SERIAL_CHARACTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function pickKind(context: SeedContext, index: number): Kind {
  // Every organization with a few devices has a firewall and a server first.
  if (index === 0) return KINDS[4] as Kind;
  if (index === 1) return KINDS[1] as Kind;
  let roll = context.random();
  for (const kind of KINDS) {
    if (roll < kind.weight) return kind;
    roll -= kind.weight;
  }
  return KINDS[0] as Kind;
}

function macAddress(context: SeedContext): string {
  return Array.from({ length: 6 }, () => characters(context.random, HEX, 2)).join('-');
}

export function seedConfigurations(
  context: SeedContext,
  organization: SeededOrganization,
  count: number,
  contacts: readonly ContactRecord[],
  subnet: number,
): ConfigurationRecord[] {
  const { random, tenant } = context;
  const orgId = organization.record.id;
  const perTag = new Map<string, number>();
  const gateway = `10.${subnet % 250}.1.1`;
  const configurations: ConfigurationRecord[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pickKind(context, i);
    const number = (perTag.get(kind.tag) ?? 0) + 1;
    perTag.set(kind.tag, number);
    const name = flat(organization.prefix, '-', kind.tag, '-', String(number).padStart(2, '0'));
    const model = pick(random, kind.models);
    const purchasedDaysAgo = randomInt(random, 30, 1800);
    const decommissioned = chance(random, 0.05);
    const config: ConfigurationRecord = {
      id: context.nextId(orgId),
      organizationId: orgId,
      name,
      hostname: name.replace(/-/g, ''),
      primaryIp: flat('10.', subnet % 250, kind.kind === 'workstation' ? '.20.' : '.1.', 10 + i),
      macAddress: macAddress(context),
      defaultGateway: gateway,
      serialNumber: characters(random, SERIAL_CHARACTERS, 10),
      assetTag: flat(organization.prefix, '-', randomInt(random, 1000, 9999)),
      position: null,
      installedBy: null,
      purchasedBy: null,
      notes: chance(random, 0.1) ? 'Replaced the power supply under warranty.' : null,
      operatingSystemNotes: null,
      configurationTypeId: kind.typeId,
      configurationStatusId: decommissioned ? DECOMMISSIONED : ACTIVE,
      manufacturerId: model.manufacturerId,
      modelId: model.id,
      operatingSystemId: kind.systems.length > 0 ? pick(random, kind.systems).id : null,
      contactId:
        kind.kind === 'workstation' && contacts.length > 0 && chance(random, 0.7)
          ? pick(random, contacts).id
          : null,
      locationId: pick(random, organization.locations).id,
      warrantyExpiresAt: context.date(purchasedDaysAgo - 3 * 365),
      installedAt: context.date(purchasedDaysAgo - 7),
      purchasedAt: context.date(purchasedDaysAgo),
      archived: decommissioned,
      restricted: false,
      myGlue: false,
      psaIntegration: null,
      psaId: null,
      rmmId: chance(random, 0.4) ? String(randomInt(random, 100000, 999999)) : null,
      rmmIntegrationType: null,
      ...context.times(Math.min(purchasedDaysAgo, 1800)),
    };
    if (config.rmmId !== null) config.rmmIntegrationType = 'ninja-rmm';
    if (chance(random, 0.05)) markPsaSynced(config, context);
    tenant.configurations.insert(config);
    configurations.push(config);
  }
  return configurations;
}
