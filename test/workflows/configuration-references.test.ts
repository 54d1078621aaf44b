/**
 * Configuration import, on both emulator profiles: short and fully qualified hostnames are one
 * machine; manufacturer, model, operating system and location are matched to IT Glue's lists by
 * name (read once per plan) and written on create and update, unknown values reported; the
 * primary user links the contact when exactly one contact of the organization has the address.
 */
import { describe, expect, it } from 'vitest';
import type { Configuration, GlueKit } from '../../src/index.js';
import { readConfigurationSource } from '../../src/sources/index.js';
import {
  type ConfigurationImportOptions,
  configurationExecutor,
  planConfigurationImport,
} from '../../src/workflows/configurations/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import type { Plan } from '../../src/workflows/engine/plan.js';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';
import { newTenant, type Tenant } from './support.js';

const HEADER =
  'organization,name,hostname,serial_number,asset_tag,mac_address,primary_ip,type,manufacturer,model,os,location,notes';
const ORG = 'Happy Frog Dental';
const WORKSTATION = { type: 'Managed Workstation' };

async function plan(
  tenant: Tenant,
  text: string,
  options: ConfigurationImportOptions = WORKSTATION,
  format: 'csv' | 'intune' = 'csv',
): Promise<Plan> {
  const path = tenant.file(`devices-${format}.csv`, format === 'csv' ? `${HEADER}\n${text}\n` : `${text}\n`);
  const source = await readConfigurationSource(path, { format });
  return planConfigurationImport(
    tenant.client,
    tenant.journal,
    { file: path, format: source.format, rows: source.rows },
    options,
  );
}

async function apply(tenant: Tenant, p: Plan) {
  return applyPlan({
    plan: p,
    target: { baseUrl: tenant.client.baseUrl, keyFingerprint: tenant.client.keyFingerprint },
    journal: tenant.journal,
    executors: { configurations: configurationExecutor(tenant.client) },
    checkPreconditions: false,
  });
}

async function organizationId(client: GlueKit): Promise<string> {
  return (await client.organizations.list({ filter: { name: ORG } })).data[0]?.id as string;
}

async function device(client: GlueKit, id: string): Promise<Configuration> {
  return client.configurations.get(id);
}

/** A configuration made by hand in IT Glue, with only the fields given. */
async function existing(client: GlueKit, attributes: Record<string, unknown>): Promise<string> {
  const types = await client.lookups.list('configuration_types');
  const typeId = types.find((t) => t.name === 'Managed Workstation')?.id as string;
  const created = await client.organizations.configurations.create(await organizationId(client), {
    configurationTypeId: typeId,
    ...attributes,
  } as never);
  return created.id;
}

describe.each(['real', 'seed'] as const)('configuration import, %s profile', (profile) => {
  const emulator = useEmulator({ seed: 'demo', profile });

  describe('hostnames', () => {
    it("matches pc-01.contoso.local to IT Glue's PC-01 by name, and keeps IT Glue's short hostname", async () => {
      const tenant = await newTenant(emulator.current);
      const byName = await existing(tenant.client, { name: 'PC-01' });
      const byHost = await existing(tenant.client, { name: 'Reception desk', hostname: 'RECEPT-02' });
      const p = await plan(
        tenant,
        [`${ORG},,pc-01.contoso.local,,,,,,,,,,`, `${ORG},,recept-02.contoso.local,,,,,,,,,,`].join('\n'),
      );
      expect(p.actions.map((a) => [a.action, a.id, a.key])).toEqual([
        ['update', byName, 'host:pc-01'],
        ['unchanged', byHost, 'host:recept-02'],
      ]);
      // IT Glue's PC-01 had no hostname: it gets one; RECEPT-02 keeps its spelling.
      expect(p.actions[0]?.changes).toEqual({ hostname: { from: null, to: 'pc-01.contoso.local' } });
      expect(p.actions[0]?.reason).toMatch(/matched by hostname/);
    });

    it('lets a serial decide first, and calls two same-named machines a conflict, not a guess', async () => {
      const tenant = await newTenant(emulator.current);
      const twinA = await existing(tenant.client, { name: 'PC-07' });
      const twinB = await existing(tenant.client, { name: 'pc-07' });
      const serialed = await existing(tenant.client, { name: 'LAB-1', serialNumber: 'SERIALLAB1' });
      await existing(tenant.client, { name: 'PC-08' });
      const p = await plan(
        tenant,
        [`${ORG},,PC-07.contoso.local,,,,,,,,,,`, `${ORG},,pc-08.contoso.local,SERIALLAB1,,,,,,,,,`].join(
          '\n',
        ),
      );
      expect(p.actions[0]).toMatchObject({
        action: 'conflict',
        reason: expect.stringContaining(`2 configurations share this hostname (${twinA}, ${twinB})`),
      });
      expect(p.actions[1]).toMatchObject({ id: serialed, reason: expect.stringMatching(/by serial/) });
    });
  });

  describe('manufacturer, model, operating system and location', () => {
    it('writes them on create, matched by name ignoring case and spaces, reading each list once', async () => {
      const tenant = await newTenant(emulator.current);
      await resetCounts(emulator.current);
      const rows = [
        `${ORG},HFD-LT-1,HFDLT1,LTSERIAL01,,,,,LENOVO,thinkpad  T14 gen 4,windows 11 pro,head office,`,
        `${ORG},HFD-LT-2,HFDLT2,LTSERIAL02,,,,,Dell,Latitude 5440,Windows 11 Pro,Head Office,`,
        `${ORG},HFD-LT-3,HFDLT3,LTSERIAL03,,,,,Dell,OptiPlex 7010,macOS 14 Sonoma,,`,
      ].join('\n');
      const p = await plan(tenant, rows);
      const counts = await requestCounts(emulator.current);
      expect(counts.byRoute['GET /manufacturers']).toBe(1);
      expect(counts.byRoute['GET /models']).toBe(1);
      expect(counts.byRoute['GET /operating_systems']).toBe(1);
      expect(counts.byRoute['GET /organizations/{organization_id}/relationships/locations']).toBe(1);
      expect(p.notes).toBeUndefined();
      expect(p.actions.every((a) => a.action === 'create')).toBe(true);
      const done = await apply(tenant, p);
      expect(done.counts).toEqual({ done: 3 });
      const created = await tenant.client.configurations
        .list({ organizationId: await organizationId(tenant.client) })
        .toArray();
      const first = created.find((c) => c.name === 'HFD-LT-1') as Configuration;
      expect(first).toMatchObject({
        manufacturerName: 'Lenovo',
        modelName: 'ThinkPad T14 Gen 4',
        operatingSystemName: 'Windows 11 Pro',
        locationName: 'Head Office',
      });
      expect(created.find((c) => c.name === 'HFD-LT-3')).toMatchObject({
        modelName: 'OptiPlex 7010',
        operatingSystemName: 'macOS 14 Sonoma',
        locationId: null,
      });
    });

    it('a Lenovo in IT Glue that is a Dell in the RMM is a change, then settles', async () => {
      const tenant = await newTenant(emulator.current);
      const lenovo = `${ORG},HFD-SW-1,HFDSW1,SWAPSERIAL1,,,,,Lenovo,ThinkPad T14 Gen 4,Windows 11 Pro,,`;
      await apply(tenant, await plan(tenant, lenovo));
      const dell = `${ORG},HFD-SW-1,HFDSW1,SWAPSERIAL1,,,,,Dell,Latitude 5440,Windows 11 Pro,,`;
      const p = await plan(tenant, dell);
      const action = p.actions[0];
      expect(action?.action).toBe('update');
      expect(Object.keys(action?.changes ?? {})).toEqual(['manufacturerId', 'modelId']);
      expect(action?.reason).toMatch(/manufacturer Lenovo → Dell, model ThinkPad T14 Gen 4 → Latitude 5440/);
      await apply(tenant, p);
      expect(await device(tenant.client, action?.id as string)).toMatchObject({
        manufacturerName: 'Dell',
        modelName: 'Latitude 5440',
      });
      expect((await plan(tenant, dell)).actions[0]?.action).toBe('unchanged');
    });

    it('reports an unknown value in the plan and never creates it or blanks what IT Glue has', async () => {
      const tenant = await newTenant(emulator.current);
      await apply(tenant, await plan(tenant, `${ORG},HFD-UK-1,HFDUK1,UKSERIAL01,,,,,Dell,Latitude 5440,,,`));
      const rows = [
        `${ORG},HFD-UK-1,HFDUK1,UKSERIAL01,,,,,Acme,Latitude 5440,Windows 95,Moon Base,`,
        `${ORG},HFD-UK-2,HFDUK2,UKSERIAL02,,,,,HP,Latitude 5440,,,`,
      ].join('\n');
      const p = await plan(tenant, rows);
      const [known, fresh] = p.actions;
      // Acme is unknown, so the model is looked up alone and found; nothing is blanked.
      expect(known?.action).toBe('unchanged');
      expect(known?.reason).toMatch(/left unset: manufacturer "Acme" is not in IT Glue/);
      expect(known?.reason).toMatch(/operating system "Windows 95" is not in IT Glue/);
      expect(known?.reason).toMatch(/location "Moon Base" is not a location of this organization/);
      expect(fresh?.action).toBe('create');
      expect(fresh?.attributes?.modelId).toBeUndefined();
      expect(fresh?.reason).toMatch(/model "Latitude 5440" is not among HP's models in IT Glue/);
      expect(p.notes).toEqual(
        expect.arrayContaining([
          'manufacturer "Acme" is not in IT Glue: left unset on 1 device',
          expect.stringMatching(
            /never creates manufacturers, models, operating systems, locations or contacts/,
          ),
        ]),
      );
      const before = (await tenant.client.lookups.list('manufacturers')).length;
      await apply(tenant, p);
      expect((await tenant.client.lookups.list('manufacturers')).length).toBe(before);
    });
  });

  describe('the primary user', () => {
    const INTUNE = 'Device name,Serial number,Manufacturer,Model,OS,Primary user UPN';

    it('links the one contact with that address; no match or two matches stay unset, with why', async () => {
      const tenant = await newTenant(emulator.current);
      const orgId = await organizationId(tenant.client);
      const contacts = await tenant.client.contacts.list({ organizationId: orgId }).toArray();
      const person = contacts.find((c) => c.email) as (typeof contacts)[number];
      const shared = 'front.desk@hfd.example';
      for (const lastName of ['Desk', 'Desk Two'])
        await tenant.client.organizations.contacts.create(orgId, {
          firstName: 'Front',
          lastName,
          email: shared,
        } as never);
      const rows = [
        INTUNE,
        `HFD-IN-1,INSERIAL01,LENOVO,ThinkPad T14 Gen 4,Windows,${(person.email as string).toUpperCase()}`,
        'HFD-IN-2,INSERIAL02,Dell,Latitude 5440,Windows,nobody@hfd.example',
        `HFD-IN-3,INSERIAL03,Dell,Latitude 5440,Windows,${shared}`,
      ].join('\n');
      const p = await plan(tenant, rows, { ...WORKSTATION, org: ORG }, 'intune');
      const [linked, nobody, two] = p.actions;
      expect(linked?.attributes).toMatchObject({ contactId: person.id });
      expect(nobody?.attributes?.contactId).toBeUndefined();
      expect(nobody?.reason).toMatch(
        /primary user "nobody@hfd.example" matches no contact in this organization/,
      );
      expect(two?.attributes?.contactId).toBeUndefined();
      expect(two?.reason).toMatch(/matches 2 contacts in this organization/);
      await apply(tenant, p);
      const created = await tenant.client.configurations.list({ organizationId: orgId }).toArray();
      expect(created.find((c) => c.name === 'HFD-IN-1')?.contactId).toBe(person.id);
    });
  });
});
