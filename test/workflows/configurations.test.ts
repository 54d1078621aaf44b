/**
 * Configuration import against the emulator: the serial → asset tag → MAC → hostname ladder,
 * junk serials, replaced machines, cross-organization serials, archived matches, types, and
 * archiving only what the source owns.
 */
import { describe, expect, it } from 'vitest';
import type { Configuration } from '../../src/index.js';
import { readConfigurationSource } from '../../src/sources/index.js';
import {
  type ConfigurationImportOptions,
  configurationExecutor,
  planConfigurationImport,
} from '../../src/workflows/configurations/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import type { Plan } from '../../src/workflows/engine/plan.js';
import { parseTypeMap } from '../../src/workflows/type-map.js';
import { resetCounts, useEmulator } from '../helpers/emulator.js';
import { newTenant, type Tenant, writesSeen } from './support.js';

const HEADER =
  'organization,name,hostname,serial_number,asset_tag,mac_address,primary_ip,type,manufacturer,model,os,notes';
const ORG = 'Happy Frog Dental';

async function plan(tenant: Tenant, csv: string, options: ConfigurationImportOptions = {}): Promise<Plan> {
  const path = tenant.file('devices.csv', `${HEADER}\n${csv}\n`);
  const source = await readConfigurationSource(path, { format: 'csv' });
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

async function devicesOf(tenant: Tenant, org = ORG): Promise<Configuration[]> {
  const orgId = (await tenant.client.organizations.list({ filter: { name: org } })).data[0]?.id as string;
  return tenant.client.configurations.list({ organizationId: orgId }).toArray();
}

describe('configuration import', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('creates devices with a type, then a re-run plans only unchanged and writes nothing', async () => {
    const tenant = await newTenant(emulator.current);
    const rows = [
      `${ORG},HFD-WS-10,HFDWS10,5CG1234XYZ,AT-10,aa:bb:cc:dd:ee:10,10.0.0.10,,,,,`,
      `${ORG},HFD-WS-11,HFDWS11,5CG1234XZZ,,,,,,,,`,
    ].join('\n');
    const first = await plan(tenant, rows, { type: 'Managed Workstation' });
    expect(first.summary).toMatchObject({ create: 2 });
    expect(first.actions[0]?.attributes).toMatchObject({
      name: 'HFD-WS-10',
      serialNumber: '5CG1234XYZ',
      macAddress: 'AA-BB-CC-DD-EE-10',
    });
    expect((await apply(tenant, first)).counts).toEqual({ done: 2 });
    await resetCounts(emulator.current);
    const again = await plan(tenant, rows, { type: 'Managed Workstation' });
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    expect(await writesSeen(emulator.current)).toBe(0);
  });

  it('never matches on a junk serial: two white-box PCs stay two records', async () => {
    const tenant = await newTenant(emulator.current);
    const rows = [
      `${ORG},BOX-1,BOX1,To Be Filled By O.E.M.,,,,,,,,`,
      `${ORG},BOX-2,BOX2,To Be Filled By O.E.M.,,,,,,,,`,
    ].join('\n');
    const p = await plan(tenant, rows, { type: 'Managed Workstation' });
    expect(p.actions.map((a) => `${a.action} ${a.key}`)).toEqual(['create host:box1', 'create host:box2']);
    expect(p.actions.every((a) => a.attributes?.serialNumber === undefined)).toBe(true);
    await apply(tenant, p);
    expect((await devicesOf(tenant)).filter((d) => d.name.startsWith('BOX-'))).toHaveLength(2);
  });

  it('treats the same hostname with a different valid serial as a replaced machine, with a warning', async () => {
    const tenant = await newTenant(emulator.current);
    await apply(
      tenant,
      await plan(tenant, `${ORG},RECEPTION,RECEPTION,OLDSERIAL1,,,,,,,,`, { type: 'Managed Workstation' }),
    );
    const warnings: string[] = [];
    const p = await plan(tenant, `${ORG},RECEPTION,RECEPTION,NEWSERIAL2,,,,,,,,`, {
      type: 'Managed Workstation',
      onWarning: (w) => warnings.push(w.message),
    });
    expect(p.actions[0]).toMatchObject({ action: 'create', key: 'serial:NEWSERIAL2' });
    expect(warnings.join()).toMatch(
      /hostname RECEPTION is also on 1 configuration\(s\) with a different serial/,
    );
  });

  it('matches by asset tag, then MAC, when there is no serial', async () => {
    const tenant = await newTenant(emulator.current);
    await apply(
      tenant,
      await plan(tenant, `${ORG},TAGGED,TAGGED,,TAG-77,00:11:22:33:44:55,,,,,,`, {
        type: 'Managed Workstation',
      }),
    );
    const byTag = await plan(tenant, `${ORG},TAGGED,TAGGED,,tag-77,,,,,,,`, { type: 'Managed Workstation' });
    expect(byTag.actions[0]).toMatchObject({
      action: 'unchanged',
      reason: expect.stringMatching(/asset tag/),
    });
    const byMac = await plan(tenant, `${ORG},TAGGED,,,,00-11-22-33-44-55,,,,,,`, {
      type: 'Managed Workstation',
    });
    expect(byMac.actions[0]).toMatchObject({ action: 'unchanged', reason: expect.stringMatching(/MAC/) });
  });

  it('refuses to create or move a serial that lives in another organization', async () => {
    const tenant = await newTenant(emulator.current);
    await apply(
      tenant,
      await plan(tenant, `Fabrikam Architects,FAB-X,FABX,MOVEDSERIAL9,,,,,,,,`, {
        type: 'Managed Workstation',
      }),
    );
    const p = await plan(tenant, `${ORG},HFD-X,HFDX,MOVEDSERIAL9,,,,,,,,`, { type: 'Managed Workstation' });
    expect(p.actions[0]).toMatchObject({
      action: 'conflict',
      reason: expect.stringMatching(/in organization 9007199254740993: not created or moved/),
    });
  });

  it('reports an archived match, and neither re-creates nor un-archives it', async () => {
    const tenant = await newTenant(emulator.current);
    const archived = (await devicesOf(tenant)).find((d) => d.archived) as Configuration;
    expect(archived).toBeDefined();
    const p = await plan(
      tenant,
      `${ORG},${archived.name},${archived.hostname ?? ''},${archived.serialNumber ?? ''},,,,,,,,`,
      { type: 'Managed Workstation' },
    );
    expect(p.actions[0]).toMatchObject({
      action: 'skip',
      id: archived.id,
      reason: expect.stringMatching(/archived/),
    });
  });

  it('needs a type for a new device, from --type, --type-map or a type column', async () => {
    const tenant = await newTenant(emulator.current);
    await expect(plan(tenant, `${ORG},NEW-1,NEW1,SERIALNEW1,,,,,,,,`)).rejects.toThrow(
      /devices\.csv:2: type: a new configuration needs a type/,
    );
    const typeMap = parseTypeMap('{"WINDOWS_WORKSTATION": "Managed Workstation"}', 'types.json');
    const mapped = await plan(tenant, `${ORG},NEW-1,NEW1,SERIALNEW1,,,,WINDOWS_WORKSTATION,,,,`, { typeMap });
    expect(mapped.actions[0]?.action).toBe('create');
    await expect(plan(tenant, `${ORG},NEW-1,NEW1,SERIALNEW1,,,,Toaster,,,,`)).rejects.toThrow(
      /"Toaster" is not a configuration type/,
    );
  });

  it('never blanks an existing value, and archives only what this source owns', async () => {
    const tenant = await newTenant(emulator.current);
    const created = await apply(
      tenant,
      await plan(
        tenant,
        [`${ORG},OWNED-1,OWNED1,OWNEDSERIAL1,AT-1,,,,,,,`, `${ORG},OWNED-2,OWNED2,OWNEDSERIAL2,,,,,,,,`].join(
          '\n',
        ),
        { type: 'Managed Workstation' },
      ),
    );
    expect(created.counts.done).toBe(2);
    const p = await plan(tenant, `${ORG},OWNED-1,,OWNEDSERIAL1,,,,,,,,`, {
      type: 'Managed Workstation',
      archiveMissing: true,
    });
    expect(p.actions[0]).toMatchObject({ action: 'unchanged' }); // blank hostname and asset tag in the source: kept
    const archive = p.actions.filter((a) => a.action === 'deactivate');
    expect(archive.map((a) => a.key)).toEqual(['serial:OWNEDSERIAL2']);
    expect(
      p.actions.filter((a) => a.action === 'skip' && /not created or matched by this source/.test(a.reason))
        .length,
    ).toBeGreaterThan(0);
    await apply(tenant, p);
    const devices = await devicesOf(tenant);
    expect(devices.find((d) => d.name === 'OWNED-2')?.archived).toBe(true);
    expect(devices.find((d) => d.name === 'OWNED-1')?.hostname).toBe('OWNED1');
    expect(devices.filter((d) => d.archived).length).toBeGreaterThanOrEqual(2); // the seed's archived one, and ours
  });
});
