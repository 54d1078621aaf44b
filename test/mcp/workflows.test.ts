/**
 * The workflow tools: inline rows in, a plan id and its actions out, nothing written; then
 * apply_plan, once, for the key that made the plan, with preconditions re-checked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlanStore } from '../../src/mcp/plan-store.js';
import { clientFor, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';
import { editRecord } from '../workflows/support.js';
import { inMemorySession, newTenantKey, tempDataDir } from './support.js';

const ORG = 'Happy Frog Dental';
const CONTACTS = [
  'organization,first_name,last_name,email,title',
  `${ORG},Ada,Lovelace,ada@hfd.example,CTO`,
  `${ORG},Alan,Turing,alan@hfd.example,`,
].join('\n');

async function writes(emulator: Parameters<typeof requestCounts>[0]): Promise<number> {
  const counts = await requestCounts(emulator);
  return (counts.byMethod.POST ?? 0) + (counts.byMethod.PATCH ?? 0);
}

describe('workflow tools', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('plans a contact sync from CSV text without writing, then applies it once', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key, { allowWrites: true });
    await resetCounts(emulator.current);
    const plan = await session.ok('plan_contact_sync', { rows: CONTACTS });
    expect(plan.planId).toMatch(/^plan_/);
    expect(plan.summary).toMatchObject({ create: 2, update: 0, conflict: 0 });
    expect(plan.actions.map((a: { key: string }) => a.key)).toEqual([
      'email:ada@hfd.example',
      'email:alan@hfd.example',
    ]);
    expect(plan.actions[0]).toMatchObject({ action: 'create', line: 2 });
    expect(await writes(emulator.current)).toBe(0);

    const applied = await session.ok('apply_plan', { planId: plan.planId });
    expect(applied.counts).toEqual({ done: 2 });
    expect(applied.undo).toBe(`gluekit undo ${applied.runId}`);
    const contacts = await clientFor(emulator.current, { apiKey: key }).contacts.list({
      filter: { email: 'ada@hfd.example' },
    });
    expect(contacts.data[0]).toMatchObject({ title: 'CTO' });

    const twice = await session.call('apply_plan', { planId: plan.planId });
    expect(twice.isError).toBe(true);
    expect(twice.text).toMatch(/already applied/);
    const again = await session.ok('plan_contact_sync', { rows: CONTACTS });
    expect(again.summary).toMatchObject({ create: 0, unchanged: 2 });
    expect(again.writes).toBe(0);
    await session.close();
  });

  it('takes exclude and licensedOnly from the options table, and returns the plan notes', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    const rows = [
      'organization,first_name,last_name,email,licensed,department',
      `${ORG},Ada,Lovelace,ada@hfd.example,true,Clinical`,
      `${ORG},Sam,Scanner,svc-scan@hfd.example,true,`,
      `${ORG},Una,Licensed,una@hfd.example,false,`,
    ].join('\n');
    const plan = await session.ok('plan_contact_sync', { rows, exclude: ['svc-*'], licensedOnly: true });
    expect(plan.summary).toMatchObject({ create: 1, skip: 2 });
    expect(plan.notes).toEqual([
      '1 column(s) with data are not synced: "department".',
      '2 not synced: 1 excluded by `exclude`, 1 not licensed (`licensedOnly`). They are listed as skip and never deactivated as missing from the source.',
    ]);
    await session.close();
  });

  it('imports configurations from a JSON array of rows', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key, { allowWrites: true });
    const rows = [
      {
        organization: ORG,
        name: 'HFD-WS-42',
        hostname: 'hfd-ws-42',
        serial_number: 'MCPTEST0042',
        type: 'Managed Workstation',
      },
    ];
    const plan = await session.ok('plan_configuration_import', { rows });
    expect(plan.summary.create).toBe(1);
    const applied = await session.ok('apply_plan', { planId: plan.planId });
    expect(applied.counts).toEqual({ done: 1 });
    const found = await clientFor(emulator.current, { apiKey: key }).configurations.list({
      filter: { serialNumber: 'MCPTEST0042' },
    });
    expect(found.data).toHaveLength(1);
    await session.close();
  });

  it('reports input problems with the line and the fix, and plans nothing', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    const result = await session.call('plan_contact_sync', {
      rows: `${CONTACTS}\nNowhere Inc,Bob,Builder,bob@nowhere.example,`,
    });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(
      /^PlanInputError: .*\n.*rows:4: organization: "Nowhere Inc" is not an organization/,
    );
    await session.close();
  });

  it('re-checks preconditions at apply: a record changed since the plan is not overwritten', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key, { allowWrites: true });
    const sdk = clientFor(emulator.current, { apiKey: key });
    const ben = (await sdk.contacts.list().toArray()).find((c) => c.organizationName === ORG && c.email) as {
      id: string;
      email: string;
      firstName: string;
      lastName: string;
    };
    const rows = `organization,first_name,last_name,email,title\n${ORG},${ben.firstName},${ben.lastName},${ben.email},Chief Tester`;
    const plan = await session.ok('plan_contact_sync', { rows });
    expect(plan.summary.update).toBe(1);
    await editRecord(emulator.current, key, 'contacts', ben.id, { notes: 'edited by a person meanwhile' });
    const refused = await session.call('apply_plan', { planId: plan.planId });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/changed in IT Glue since the plan was made/);
    expect(refused.text).toMatch(/allowConflicts: true/);
    expect((await sdk.contacts.get(ben.id)).title).not.toBe('Chief Tester');
    await session.close();
  });

  it('applies only plans this server made for the same key', async () => {
    const plans = new PlanStore();
    const dataDir = tempDataDir();
    const alice = await newTenantKey(emulator.current);
    const bob = await newTenantKey(emulator.current);
    const a = await inMemorySession(emulator.current, alice, { allowWrites: true, plans, dataDir });
    const b = await inMemorySession(emulator.current, bob, { allowWrites: true, plans, dataDir });
    const plan = await a.ok('plan_contact_sync', { rows: CONTACTS });
    await resetCounts(emulator.current);
    const stolen = await b.call('apply_plan', { planId: plan.planId });
    expect(stolen.isError).toBe(true);
    expect(stolen.text).toMatch(/There is no plan plan_\S+ for this key/);
    expect(await writes(emulator.current)).toBe(0);
    const made = await b.call('apply_plan', { planId: 'plan_madeupbyanagent' });
    expect(made.text).toMatch(/There is no plan/);
    expect((await a.ok('apply_plan', { planId: plan.planId })).counts).toEqual({ done: 2 });
    await a.close();
    await b.close();
  });

  it('plans a password mirror from a binary export (a 1Password .1pux, as base64)', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    const bytes = readFileSync(
      fileURLToPath(new URL('../fixtures/sources/vault/1password.1pux', import.meta.url)),
    );
    const plan = await session.ok('plan_password_mirror', {
      rowsBase64: bytes.toString('base64'),
      organization: ORG,
    });
    expect(plan.workflow).toBe('passwords');
    expect(plan.detection).toMatch(/1pux/);
    expect(plan.summary.create).toBeGreaterThan(0);
    const both = await session.call('plan_password_mirror', {
      rows: '[]',
      rowsBase64: 'AA==',
      organization: ORG,
    });
    expect(both.isError).toBe(true);
    expect(both.text).toMatch(/exactly one/);
    await session.close();
  });

  it('plans onboarding documents from the starter pack or inline templates, and applies them', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key, { allowWrites: true });
    const builtin = await session.ok('plan_onboarding_docs', { organization: ORG, vars: { isp: 'Comcast' } });
    expect(builtin.summary.create).toBeGreaterThanOrEqual(6);
    const inline = await session.ok('plan_onboarding_docs', {
      organization: ORG,
      templates: ['---\nname: "{{ organization.name }}: wifi"\n---\n# Wi-Fi\n\nSSID: {{ vars.ssid }}\n'],
      vars: { ssid: 'HFD-Staff' },
    });
    expect(inline.actions).toEqual([
      expect.objectContaining({ action: 'create', key: `document:root:${ORG.toLowerCase()}: wifi` }),
    ]);
    expect((await session.ok('apply_plan', { planId: inline.planId })).counts).toEqual({ done: 1 });
    const docs = await clientFor(emulator.current, { apiKey: key }).documents.list({
      filter: { name: `${ORG}: wifi` },
    });
    expect(docs.data).toHaveLength(1);
    const missingVar = await session.call('plan_onboarding_docs', {
      organization: ORG,
      templates: ['---\nname: x\n---\n{{ vars.nope }}\n'],
    });
    expect(missingVar.isError).toBe(true);
    expect(missingVar.text).toMatch(/vars\.nope/);
    await session.close();
  });
});
