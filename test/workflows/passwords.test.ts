/**
 * Password mirroring against the emulator: placement by --org and --org-map, matching by
 * normalized name inside a scope (general or embedded), byte-exact values, OTP, change detection
 * without requests (fingerprints, then dates, then --compare-values), categories, archiving what
 * gluekit created, conflicts, lost responses, and a canary value that must never leak.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../src/cli/output/plan.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import { fingerprinter } from '../../src/workflows/engine/fingerprint-key.js';
import { PlanInputError } from '../../src/workflows/engine/input-errors.js';
import { planUndo } from '../../src/workflows/engine/undo.js';
import { parseOrgMap } from '../../src/workflows/org-map.js';
import {
  type PasswordMirrorOptions,
  passwordExecutor,
  planPasswordMirror,
  secretsFromMap,
  type VaultSourceRow,
} from '../../src/workflows/passwords/index.js';
import {
  NO_FAULTS,
  rawRecords,
  requestCounts,
  resetCounts,
  setFaults,
  useEmulator,
} from '../helpers/emulator.js';
import { newTenant, type Tenant, writesSeen } from './support.js';

const KRG = 'Kub, Reynolds and Gibson';
const BBL = 'Bluebird Logistics';
const fingerprint = fingerprinter(randomBytes(32));

let line = 1;
function entry(name: string, fields: Partial<VaultSourceRow> = {}): VaultSourceRow {
  line += 1;
  return {
    source: { file: 'vault.json', line },
    name,
    username: 'admin',
    password: `pw-${name}-1`,
    ...fields,
  };
}

async function plan(tenant: Tenant, rows: VaultSourceRow[], options: PasswordMirrorOptions = { org: KRG }) {
  return planPasswordMirror(
    tenant.client,
    tenant.journal,
    { file: 'vault.json', format: 'json', rows },
    fingerprint,
    options,
  );
}

async function mirror(tenant: Tenant, rows: VaultSourceRow[], options?: PasswordMirrorOptions) {
  const planned = await plan(tenant, rows, options);
  const target = { baseUrl: tenant.client.baseUrl, keyFingerprint: tenant.client.keyFingerprint };
  const executor = passwordExecutor(
    tenant.client,
    tenant.journal,
    target,
    fingerprint,
    secretsFromMap(planned.secrets),
  );
  const result = await applyPlan({
    plan: planned.plan,
    target,
    journal: tenant.journal,
    executors: { passwords: executor },
    checkPreconditions: true,
  });
  return { ...planned, result };
}

async function organizationId(tenant: Tenant, name: string): Promise<string> {
  return (await tenant.client.organizations.list({ filter: { name } })).data[0]?.id as string;
}

async function storedPasswords(
  emulator: { current: Parameters<typeof rawRecords>[0] },
  tenant: Tenant,
  orgId: string,
) {
  return (await rawRecords(emulator.current, 'passwords', tenant.apiKey)).filter(
    (p) => String(p.organizationId) === orgId,
  );
}

const actionsOf = (p: { plan: { actions: Array<{ action: string; key: string }> } }) =>
  p.plan.actions.map((a) => a.action);

describe.each(['real', 'seed'] as const)('password mirroring on the %s profile', (profile) => {
  const emulator = useEmulator({ profile, seed: 'demo' });

  it('creates byte-exact values, then a re-run makes no write and fetches no value', async () => {
    const tenant = await newTenant(emulator.current);
    const tricky = '  =cmd|\' /C calc\'!A0, "quoted" \t';
    const rows = [
      entry('Firewall', { password: tricky, url: 'https://fw.krg.example' }),
      entry('Remote access portal'),
      entry('Wi-Fi'),
    ];
    const first = await mirror(tenant, rows);
    expect(first.plan.summary.create).toBe(3);
    expect(first.result.outcomes.every((o) => o.state === 'done')).toBe(true);
    const stored = await storedPasswords(emulator, tenant, await organizationId(tenant, KRG));
    expect(stored.find((p) => p.name === 'Firewall')?.password).toBe(tricky);

    await resetCounts(emulator.current);
    const again = await plan(tenant, rows);
    expect(actionsOf(again)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const counts = await requestCounts(emulator.current);
    expect(counts.byOperation.getPassword ?? 0).toBe(0);
    expect((counts.byMethod.POST ?? 0) + (counts.byMethod.PATCH ?? 0)).toBe(0);
    expect(again.valueFetches).toBe(0);
  });

  it('matches a name that differs only in case and spacing, and keeps the stored spelling', async () => {
    const tenant = await newTenant(emulator.current);
    await mirror(tenant, [entry('Domain Admin', { password: 'one' })]);
    const renamed = await mirror(tenant, [entry('  domain\u00a0 ADMIN ', { password: 'two' })]);
    expect(actionsOf(renamed)).toEqual(['update']);
    const stored = (await storedPasswords(emulator, tenant, await organizationId(tenant, KRG))).filter((p) =>
      /domain/i.test(String(p.name)),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'Domain Admin', password: 'two' });
  });

  it('keeps an embedded password apart from a general one with the same name', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant, KRG);
    const device = await tenant.client.configurations.create({
      organizationId: orgId,
      name: 'KRG-DC01',
      hostname: 'krg-dc01',
      configurationTypeId: '401',
    } as never);
    const orgMap = parseOrgMap(JSON.stringify({ 'Clients/KRG': KRG }), 'map.json');
    const rows = [
      entry('Local Admin', { container: 'Clients/KRG/KRG-DC01.corp.example', password: 'embedded' }),
      entry('Local Admin', { container: 'Clients/KRG', password: 'general' }),
    ];
    const first = await mirror(tenant, rows, { orgMap, embedOn: 'hostname' });
    expect(actionsOf(first)).toEqual(['create', 'create']);
    const stored = (await storedPasswords(emulator, tenant, orgId)).filter((p) => p.name === 'Local Admin');
    expect(stored).toHaveLength(2);
    const embedded = stored.find((p) => p.resourceId !== null && p.resourceId !== undefined);
    expect(embedded).toMatchObject({ resourceType: 'Configuration', password: 'embedded' });
    expect(String(embedded?.resourceId)).toBe(device.id);
    expect(stored.find((p) => p !== embedded)?.password).toBe('general');
    const again = await plan(tenant, rows, { orgMap, embedOn: 'hostname' });
    expect(actionsOf(again)).toEqual(['unchanged', 'unchanged']);
  });

  it('reports a password for a device it cannot find, instead of making it general', async () => {
    const tenant = await newTenant(emulator.current);
    const orgMap = parseOrgMap('container,organization\nClients/KRG,"Kub, Reynolds and Gibson"\n', 'map.csv');
    await resetCounts(emulator.current);
    const planned = await plan(tenant, [entry('Local Admin', { container: 'Clients/KRG/no-such-host' })], {
      orgMap,
      embedOn: 'hostname',
    });
    expect(planned.plan.actions[0]).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(
        /no configuration with hostname "no-such-host".*not created as a general password/,
      ),
    });
    expect(await writesSeen(emulator.current)).toBe(0);
  });

  it('refuses an unmapped container before any write, naming the line and the fix', async () => {
    const tenant = await newTenant(emulator.current);
    const orgMap = parseOrgMap(JSON.stringify({ KRG: KRG }), 'map.json');
    const rows = [entry('Mapped', { container: 'KRG/Servers' }), entry('Stray', { container: 'Personal' })];
    await resetCounts(emulator.current);
    const failure = await plan(tenant, rows, { orgMap }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlanInputError);
    expect(String((failure as Error).message)).toMatch(
      new RegExp(
        `vault\\.json:${rows[1]?.source.line}.*"Personal" of entry "Stray" is not in the organization map`,
        's',
      ),
    );
    expect(String((failure as Error).message)).toMatch(/never given a default organization/);
    expect(await writesSeen(emulator.current)).toBe(0);
  });

  it('normalizes an otpauth URI, and writes an invalid OTP row without OTP and a warning', async () => {
    const tenant = await newTenant(emulator.current);
    const warnings: string[] = [];
    const rows = [
      entry('VPN', { otp: 'otpauth://totp/KRG:vpn?secret=jbsw%20y3dp%20ehpk3pxp&issuer=KRG' }),
      entry('Portal', { otp: 'not base32 at all!' }),
    ];
    await mirror(tenant, rows, { org: KRG, onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([
      expect.stringMatching(/^Portal: the OTP secret is not usable .*written without OTP$/),
    ]);
    const stored = await storedPasswords(emulator, tenant, await organizationId(tenant, KRG));
    expect(stored.find((p) => p.name === 'VPN')?.otpSecret).toBe('JBSWY3DPEHPK3PXP');
    expect(stored.find((p) => p.name === 'Portal')?.otpSecret ?? null).toBeNull();
  });

  it('updates a value changed in the source, and shows only "(changed)" in the plan', async () => {
    const tenant = await newTenant(emulator.current);
    await mirror(tenant, [entry('Router', { password: 'old-secret-value' })]);
    const changed = await mirror(tenant, [entry('Router', { password: 'new-secret-value' })]);
    const action = changed.plan.actions[0];
    expect(action).toMatchObject({
      action: 'update',
      changes: { password: { from: '(changed)', to: '(changed)' } },
    });
    const text = JSON.stringify(changed.plan);
    expect(text).not.toContain('old-secret-value');
    expect(text).not.toContain('new-secret-value');
    const stored = await storedPasswords(emulator, tenant, await organizationId(tenant, KRG));
    expect(stored.find((p) => p.name === 'Router')?.password).toBe('new-secret-value');
  });

  it('compares a password gluekit never wrote by date, and fetches its value only with --compare-values', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant, KRG);
    const human = await tenant.client.passwords.create({
      organizationId: orgId,
      name: 'Printer',
      username: 'admin',
      password: 'same',
    } as never);
    const updatedAt = Date.parse(
      (await tenant.client.passwords.get(human.id)).passwordUpdatedAt ?? human.updatedAt,
    );
    const older = new Date(updatedAt - 86_400_000).toISOString();
    const newer = new Date(updatedAt + 86_400_000).toISOString();
    expect(
      actionsOf(await plan(tenant, [entry('Printer', { password: 'same', modifiedAt: older })])),
    ).toEqual(['unchanged']);
    expect(
      actionsOf(await plan(tenant, [entry('Printer', { password: 'same', modifiedAt: newer })])),
    ).toEqual(['update']);

    const undated = await plan(tenant, [entry('Printer', { password: 'same' })]);
    // Not compared is not unchanged: counted apart, with the way to settle it.
    expect(undated.plan.actions[0]).toMatchObject({
      action: 'skip',
      notCompared: true,
      reason: expect.stringMatching(/value not compared.*`compareValues`/),
    });
    expect(undated.plan.summary).toMatchObject({ unchanged: 0, notCompared: 1 });
    expect(undated.plan.notes).toEqual([
      expect.stringMatching(
        /^1 password value was not compared .*`compareValues` settles it, one request each/,
      ),
    ]);
    expect(undated.valueFetches).toBe(0);
    await resetCounts(emulator.current);
    const compared = await plan(tenant, [entry('Printer', { password: 'same' })], {
      org: KRG,
      compareValues: true,
    });
    expect(compared.valueFetches).toBe(1);
    expect((await requestCounts(emulator.current)).byOperation.getPassword).toBe(1);
    expect(actionsOf(compared)).toEqual(['unchanged']);
    expect(compared.plan.summary.notCompared).toBeUndefined();
    expect(compared.plan.notes).toBeUndefined();
    const differs = await plan(tenant, [entry('Printer', { password: 'other' })], {
      org: KRG,
      compareValues: true,
    });
    expect(actionsOf(differs)).toEqual(['update']);
  });

  it('resolves categories without creating any, and refuses an unknown one', async () => {
    const tenant = await newTenant(emulator.current);
    await resetCounts(emulator.current);
    const unknown = await plan(tenant, [entry('Switch', { category: 'Networking' })]).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(PlanInputError);
    expect(String((unknown as Error).message)).toMatch(
      /"Networking" is not a password category in IT Glue.*`categoryMap`/s,
    );
    expect(await writesSeen(emulator.current)).toBe(0);
    const mapped = await plan(tenant, [entry('Switch', { category: 'Networking' }), entry('Mail')], {
      org: KRG,
      categoryMap: new Map([['networking', 'Network']]),
      category: 'Email',
    });
    const attributes = mapped.plan.actions.map((a) => a.attributes?.passwordCategoryId);
    expect(attributes).toEqual(['602', '604']);
  });

  it('reports rows it cannot create, and skipped vault items, without writing them', async () => {
    const tenant = await newTenant(emulator.current);
    const planned = await plan(tenant, [
      entry('Empty', { password: '' }),
      entry('Card', { skip: { reason: 'card: only logins are imported' } }),
    ]);
    expect(planned.plan.actions).toMatchObject([
      { action: 'skip', reason: expect.stringMatching(/no password value/) },
      { action: 'skip', reason: 'card: only logins are imported' },
    ]);
  });

  it('counts a changed field with an uncompared value apart too, and says so in the plan text', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant, KRG);
    for (const name of ['Switch', 'Router'])
      await tenant.client.passwords.create({
        organizationId: orgId,
        name,
        username: 'admin',
        password: 'x',
      } as never);
    const planned = await plan(tenant, [
      entry('Switch', { password: 'x' }),
      entry('Router', { password: 'x', username: 'root' }),
    ]);
    expect(actionsOf(planned)).toEqual(['skip', 'update']);
    expect(planned.plan.actions[1]).toMatchObject({
      notCompared: true,
      reason: expect.stringMatching(/value not compared/),
    });
    expect(planned.plan.summary).toMatchObject({ unchanged: 0, notCompared: 2 });
    const text = renderPlan(planned.plan, { width: 200 });
    expect(text).toMatch(/1 skip, 0 conflict, 2 not compared/);
    expect(text).toMatch(
      /2 password values were not compared .*--compare-values settles them, one request each/,
    );
  });

  it('reports an embedded password of the same name instead of creating a general one beside it', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant, KRG);
    const device = await tenant.client.configurations.create({
      organizationId: orgId,
      name: 'KRG-FS01',
      hostname: 'krg-fs01',
      configurationTypeId: '401',
    } as never);
    const embedded = await tenant.client.passwords.create({
      organizationId: orgId,
      name: 'Local Admin',
      password: 'x',
      resourceType: 'Configuration',
      resourceId: device.id,
    } as never);
    const run = await mirror(tenant, [entry('local admin', { password: 'y' })]);
    expect(run.plan.actions[0]).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(
        new RegExp(
          `already exists embedded \\(password ${embedded.id} on configuration ${device.id}\\).*\`embedOn\``,
        ),
      ),
    });
    expect(run.result.outcomes).toHaveLength(0);
    const general = (await storedPasswords(emulator, tenant, orgId)).filter(
      (p) => /local admin/i.test(String(p.name)) && (p.resourceId === null || p.resourceId === undefined),
    );
    expect(general).toHaveLength(0);
  });

  it('reports an archived match as archived, and never un-archives it', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant, KRG);
    await mirror(tenant, [entry('Old VPN', { password: 'one' })]);
    const created = (await storedPasswords(emulator, tenant, orgId)).find((p) => p.name === 'Old VPN');
    const id = String(created?.id);
    await tenant.client.passwords.update(id, { archived: true } as never);
    for (const password of ['one', 'two']) {
      const run = await mirror(tenant, [entry('Old VPN', { password, username: 'changed' })]);
      expect(run.plan.actions[0]).toMatchObject({
        action: 'skip',
        id,
        reason: expect.stringMatching(/^matches archived password \d+: not re-created or un-archived/),
      });
      expect(run.plan.actions[0]?.reason).not.toMatch(/matches the source/);
    }
    const stored = (await storedPasswords(emulator, tenant, orgId)).filter((p) => p.name === 'Old VPN');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ archived: true, password: 'one', username: 'admin' });
  });

  it('calls two existing passwords with one name a conflict', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant, KRG);
    for (const _ of [1, 2])
      await tenant.client.passwords.create({ organizationId: orgId, name: 'Shared', password: 'x' } as never);
    const planned = await plan(tenant, [entry('shared')]);
    expect(planned.plan.actions[0]).toMatchObject({
      action: 'conflict',
      reason: expect.stringMatching(/2 passwords already have this name/),
    });
  });

  it('archives only what gluekit created, with --archive-missing, and never deletes', async () => {
    const tenant = await newTenant(emulator.current);
    const orgId = await organizationId(tenant, BBL);
    await mirror(tenant, [entry('Keep'), entry('Gone')], { org: BBL });
    const before = (await storedPasswords(emulator, tenant, orgId)).length;
    const run = await mirror(tenant, [entry('Keep')], { org: BBL, archiveMissing: true });
    expect(run.plan.actions.filter((a) => a.action === 'deactivate').map((a) => a.key)).toEqual([
      expect.stringContaining('gone'),
    ]);
    const after = await storedPasswords(emulator, tenant, orgId);
    expect(after).toHaveLength(before);
    expect(after.find((p) => p.name === 'Gone')?.archived).toBe(true);
    expect(after.filter((p) => p.archived === true)).toHaveLength(1);
    expect((await requestCounts(emulator.current)).byMethod.DELETE ?? 0).toBe(0);
  });

  it('refuses to write a value that changed between plan and apply', async () => {
    const tenant = await newTenant(emulator.current);
    const planned = await plan(tenant, [entry('Alarm', { password: 'planned' })]);
    const target = { baseUrl: tenant.client.baseUrl, keyFingerprint: tenant.client.keyFingerprint };
    const swapped = secretsFromMap(
      new Map([...planned.secrets].map(([at]) => [at, { password: 'swapped' }])),
    );
    const result = await applyPlan({
      plan: planned.plan,
      target,
      journal: tenant.journal,
      executors: { passwords: passwordExecutor(tenant.client, tenant.journal, target, fingerprint, swapped) },
      checkPreconditions: true,
    });
    expect(result.outcomes[0]).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/not the one planned; plan again/),
    });
    expect(
      (await storedPasswords(emulator, tenant, await organizationId(tenant, KRG))).some(
        (p) => p.name === 'Alarm',
      ),
    ).toBe(false);
  });

  it('undoes a run: created passwords archived, fields restored, values reported as not restorable', async () => {
    const tenant = await newTenant(emulator.current);
    await mirror(tenant, [entry('Switch', { username: 'admin', password: 'first' })]);
    const second = await mirror(tenant, [
      entry('Switch', { username: 'root', password: 'second' }),
      entry('New one'),
    ]);
    expect(actionsOf(second)).toEqual(['update', 'create']);
    const target = { baseUrl: tenant.client.baseUrl, keyFingerprint: tenant.client.keyFingerprint };
    const executors = {
      passwords: passwordExecutor(
        tenant.client,
        tenant.journal,
        target,
        fingerprint,
        secretsFromMap(new Map()),
      ),
    };
    const undo = await planUndo(tenant.journal, second.result.runId, target, executors);
    expect(undo.actions).toMatchObject([
      {
        action: 'update',
        changes: { username: { from: 'root', to: 'admin' } },
        reason: expect.stringMatching(/password cannot be restored: secrets are never recorded/),
      },
      { action: 'deactivate', changes: { archived: { from: false, to: true } } },
    ]);
    expect(JSON.stringify(undo)).not.toContain('(changed)"');
    await applyPlan({ plan: undo, target, journal: tenant.journal, executors, checkPreconditions: true });
    const stored = await storedPasswords(emulator, tenant, await organizationId(tenant, KRG));
    expect(stored.find((p) => p.name === 'Switch')).toMatchObject({ username: 'admin', password: 'second' });
    expect(stored.find((p) => p.name === 'New one')?.archived).toBe(true);
  });

  it('ends with exactly one password per name under 30% lost responses', async () => {
    const tenant = await newTenant(emulator.current);
    const rows = Array.from({ length: 30 }, (_, i) => entry(`Lost ${i}`, { password: `value-${i}` }));
    await setFaults(emulator.current, { lostResponseRate: 0.3, seed: 11 });
    try {
      for (let attempt = 0; attempt < 4; attempt++) {
        const run = await mirror(tenant, rows);
        if (run.result.outcomes.every((o) => o.state === 'done' || o.state === 'skipped')) break;
      }
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
    const stored = (await storedPasswords(emulator, tenant, await organizationId(tenant, KRG))).filter((p) =>
      String(p.name).startsWith('Lost '),
    );
    expect(stored).toHaveLength(30);
    expect(new Set(stored.map((p) => p.name)).size).toBe(30);
    expect(stored.every((p) => p.password === `value-${String(p.name).slice(5)}`)).toBe(true);
    expect(actionsOf(await plan(tenant, rows)).every((a) => a === 'unchanged')).toBe(true);
  });

  it('never writes a canary value into the plan, the journal or a warning', async () => {
    const tenant = await newTenant(emulator.current);
    const canary = 'CANARY-pw-7f3e9c1d';
    const otpCanary = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const warnings: string[] = [];
    const run = await mirror(
      tenant,
      [
        entry('Canary', { password: canary, otp: otpCanary }),
        entry('Bad OTP', { password: canary, otp: `${canary}!` }),
      ],
      {
        org: KRG,
        onWarning: (w) => warnings.push(w.message),
      },
    );
    expect(run.result.outcomes.filter((o) => o.state === 'done')).toHaveLength(2);
    tenant.journal.close();
    const everything = [JSON.stringify(run.plan), JSON.stringify(run.result), warnings.join('\n')];
    for (const file of readdirSync(tenant.dir))
      everything.push(readFileSync(join(tenant.dir, file)).toString('latin1'));
    for (const text of everything) {
      expect(text).not.toContain(canary);
      expect(text).not.toContain(otpCanary);
    }
  });
});
