/**
 * Contact sync against the emulator: matching, merging, skipping, deactivation guards, input
 * errors, preconditions, undo, and exactly-once creates under lost responses.
 */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/index.js';
import { samePhone } from '../../src/normalize/keys.js';
import { readContactSource } from '../../src/sources/index.js';
import {
  type ContactSyncOptions,
  contactExecutor,
  planContactSync,
} from '../../src/workflows/contacts/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import { PlanInputError } from '../../src/workflows/engine/input-errors.js';
import type { Plan } from '../../src/workflows/engine/plan.js';
import { planUndo } from '../../src/workflows/engine/undo.js';
import { NO_FAULTS, resetCounts, setFaults, useEmulator } from '../helpers/emulator.js';
import { editRecord, newTenant, type Tenant, writesSeen } from './support.js';

const HEADER =
  'organization,first_name,last_name,email,additional_emails,title,phone,mobile,contact_type,active,external_id';
const ORG = 'Happy Frog Dental';

async function plan(tenant: Tenant, csv: string, options: ContactSyncOptions = {}): Promise<Plan> {
  const path = tenant.file('contacts.csv', `${HEADER}\n${csv}\n`);
  const source = await readContactSource(path, { format: 'csv' });
  return planContactSync(
    tenant.client,
    tenant.journal,
    { file: path, format: source.format, rows: source.rows },
    options,
  );
}

async function apply(tenant: Tenant, p: Plan, checkPreconditions = false) {
  return applyPlan({
    plan: p,
    target: { baseUrl: tenant.client.baseUrl, keyFingerprint: tenant.client.keyFingerprint },
    journal: tenant.journal,
    executors: { contacts: contactExecutor(tenant.client) },
    checkPreconditions,
  });
}

async function contactsOf(tenant: Tenant, org = ORG): Promise<Contact[]> {
  const orgId = (await tenant.client.organizations.list({ filter: { name: org } })).data[0]?.id as string;
  return tenant.client.contacts.list({ organizationId: orgId }).toArray();
}

/** The emails the first action would create the contact with. */
const emailsOf = (p: Plan) =>
  ((p.actions[0]?.attributes?.contactEmails ?? []) as Array<{ value: string }>).map((e) => e.value);
const actions = (p: Plan) => p.actions.map((a) => `${a.action} ${a.key}`);

describe('contact sync', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('creates new people, then a re-run plans only unchanged and writes nothing', async () => {
    const tenant = await newTenant(emulator.current);
    const rows = [
      `${ORG},Ada,Lovelace,ada@hfd.example,,CTO,555-0100,,,true,`,
      `${ORG},Alan,Turing,alan@hfd.example,a.turing@hfd.example,,,,,,`,
    ].join('\n');
    const first = await plan(tenant, rows);
    expect(actions(first)).toEqual(['create email:ada@hfd.example', 'create email:alan@hfd.example']);
    const result = await apply(tenant, first);
    expect(result.counts).toEqual({ done: 2 });
    const ada = (await contactsOf(tenant)).find((c) => c.email === 'ada@hfd.example') as Contact;
    expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', title: 'CTO' });
    expect(ada.contactPhones.map((phone) => phone.value.replace(/\D/g, ''))).toEqual(['5550100']);

    await resetCounts(emulator.current);
    const again = await plan(tenant, rows);
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    const rerun = await apply(tenant, again);
    expect(rerun.outcomes).toEqual([]);
    expect(await writesSeen(emulator.current)).toBe(0);
  });

  it('matches on any email, case-insensitively, including a secondary one', async () => {
    const tenant = await newTenant(emulator.current);
    const ben = (await contactsOf(tenant)).find((c) => c.contactEmails.length >= 2) as Contact;
    const secondary = ben.contactEmails.find((e) => !e.primary)?.value as string;
    const p = await plan(tenant, `${ORG},${ben.firstName},${ben.lastName},${secondary.toUpperCase()},,,,,,,`);
    expect(p.actions).toHaveLength(1);
    expect(p.actions[0]).toMatchObject({ action: 'unchanged', id: ben.id });
  });

  it('updates what differs, never blanks a value, and merges emails and phones', async () => {
    const tenant = await newTenant(emulator.current);
    const ben = (await contactsOf(tenant)).find((c) => c.contactEmails.length >= 2 && c.title) as Contact;
    const p = await plan(
      tenant,
      `${ORG},${ben.firstName},,${ben.email},new.alias@hfd.example,,555-777-8888,,,,`,
    );
    const update = p.actions[0];
    expect(update?.action).toBe('update');
    expect(Object.keys(update?.changes ?? {}).sort()).toEqual(['contactEmails', 'contactPhones']);
    await apply(tenant, p);
    const after = await tenant.client.contacts.get(ben.id);
    expect(after.title).toBe(ben.title); // blank in the source: kept
    expect(after.lastName).toBe(ben.lastName);
    expect(after.contactEmails.map((e) => e.value)).toEqual([
      ...ben.contactEmails.map((e) => e.value),
      'new.alias@hfd.example',
    ]);
    expect(after.email).toBe(ben.email); // not ours: the primary stays
    expect(after.contactPhones).toHaveLength(ben.contactPhones.length + 1);
  });

  it('reports emails that point at two contacts as a conflict, and refuses to apply it', async () => {
    const tenant = await newTenant(emulator.current);
    const [a, b] = (await contactsOf(tenant)).filter((c) => c.email && !c.psaIntegration);
    const p = await plan(tenant, `${ORG},X,Y,${a?.email},${b?.email},,,,,,`);
    expect(p.actions[0]).toMatchObject({ action: 'conflict' });
    expect(p.actions[0]?.reason).toMatch(/matches 2 contacts/);
    await resetCounts(emulator.current);
    await expect(apply(tenant, p)).rejects.toThrow(/Nothing was written/);
    expect(await writesSeen(emulator.current)).toBe(0);
  });

  it('skips duplicates in the input naming both lines, rows without email, and PSA-synced contacts', async () => {
    const tenant = await newTenant(emulator.current);
    const psa = (await contactsOf(tenant)).find((c) => c.psaIntegration) as Contact;
    expect(psa).toBeDefined();
    const p = await plan(
      tenant,
      [
        `${ORG},Dup,One,dup@hfd.example,,,,,,,`,
        `${ORG},Dup,Two,DUP@hfd.example,,,,,,,`,
        `${ORG},No,Email,,,,,,,,`,
        `${ORG},P,S,${psa.email},,New title,,,,,`,
      ].join('\n'),
    );
    const [, duplicate, noEmail, synced] = p.actions;
    expect(duplicate).toMatchObject({
      action: 'skip',
      reason: 'duplicate in input: line 3 has an email of line 2',
    });
    expect(noEmail).toMatchObject({ action: 'skip', reason: expect.stringMatching(/`matchName`/) });
    expect(synced).toMatchObject({ action: 'skip', id: psa.id, reason: expect.stringMatching(/PSA-synced/) });
  });

  it('matches by name only with --match-name, and only with exactly one candidate', async () => {
    const tenant = await newTenant(emulator.current);
    const ben = (await contactsOf(tenant)).find(
      (c) => c.firstName && c.lastName && !c.psaIntegration,
    ) as Contact;
    const row = `${ORG},${ben.firstName},${ben.lastName},,,,,,,,`;
    expect((await plan(tenant, row)).actions[0]?.action).toBe('skip');
    expect((await plan(tenant, row, { matchName: true })).actions[0]).toMatchObject({
      action: 'unchanged',
      id: ben.id,
    });
  });

  it('stops before any write on input problems, naming file:line, the field and the fix', async () => {
    const tenant = await newTenant(emulator.current);
    const attempt = plan(
      tenant,
      ['Nowhere Inc,A,B,a@x.example,,,,,,,', `${ORG},C,D,c@x.example,,,,,Astronaut,,`].join('\n'),
    );
    const error = (await attempt.catch((e: unknown) => e)) as PlanInputError;
    expect(error).toBeInstanceOf(PlanInputError);
    expect(error.message).toMatch(/contacts\.csv:2: organization: "Nowhere Inc" is not an organization/);
    expect(error.message).toMatch(/contacts\.csv:3: contact_type: "Astronaut" is not a contact type/);
  });

  it('deactivates only contacts this source owns, with the type and a dated note, and reads it back', async () => {
    const tenant = await newTenant(emulator.current);
    await apply(tenant, await plan(tenant, `${ORG},Leaving,Soon,leaving@hfd.example,,,,,,,`));
    const existing = (await contactsOf(tenant)).find(
      (c) => c.email && !c.psaIntegration && c.email !== 'leaving@hfd.example',
    ) as Contact;
    const p = await plan(
      tenant,
      [
        `${ORG},Leaving,Soon,leaving@hfd.example,,,,,,false,`,
        `${ORG},${existing.firstName},${existing.lastName},${existing.email},,,,,,false,`,
      ].join('\n'),
      { deactivateType: 'terminated' },
    );
    expect(p.actions.map((a) => a.action)).toEqual(['deactivate', 'skip']);
    expect(p.actions[1]?.reason).toMatch(/`deactivateUnowned`/);
    const result = await apply(tenant, p);
    expect(result.counts).toEqual({ done: 1 });
    const gone = (await contactsOf(tenant)).find((c) => c.email === 'leaving@hfd.example') as Contact;
    expect(gone.contactTypeName).toBe('Terminated');
    expect(gone.notes).toMatch(/^Deactivated by gluekit on \d{4}-\d{2}-\d{2}: inactive in the source/);
  });

  it('never deactivates from an empty source, refuses a mass deactivation, and needs a type', async () => {
    const tenant = await newTenant(emulator.current);
    const mine = await apply(
      tenant,
      await plan(
        tenant,
        ['A', 'B', 'C', 'D']
          .map((n) => `${ORG},${n},Person,${n.toLowerCase()}@hfd.example,,,,,,,`)
          .join('\n'),
      ),
    );
    expect(mine.counts.done).toBe(4);
    const empty = await plan(tenant, `${ORG},,,,,,,,,,`, {
      deactivateMissing: true,
      deactivateType: 'Terminated',
    });
    expect(empty.summary.deactivate).toBe(0);
    // Keep one of four: three deactivations, more than 20% of the organization.
    const mass = plan(tenant, `${ORG},A,Person,a@hfd.example,,,,,,,`, {
      deactivateMissing: true,
      deactivateType: 'Terminated',
    });
    await expect(mass).rejects.toThrow(/deactivates 3 of \d+ contacts.*`maxDeactivate` 3/);
    const allowed = await plan(tenant, `${ORG},A,Person,a@hfd.example,,,,,,,`, {
      deactivateMissing: true,
      deactivateType: 'Terminated',
      maxDeactivate: '3',
    });
    expect(allowed.summary.deactivate).toBe(3);
    await expect(
      plan(tenant, `${ORG},A,Person,a@hfd.example,,,,,,,`, { deactivateMissing: true, maxDeactivate: '3' }),
    ).rejects.toThrow(/`deactivateType`/);
  });

  it('refuses a stale plan: a record changed since planning becomes a conflict and is not written', async () => {
    const tenant = await newTenant(emulator.current);
    const target = (await contactsOf(tenant)).find((c) => c.email && !c.psaIntegration) as Contact;
    const p = await plan(
      tenant,
      `${ORG},${target.firstName},${target.lastName},${target.email},,Planned title,,,,,`,
    );
    expect(p.actions[0]?.action).toBe('update');
    await editRecord(emulator.current, tenant.apiKey, 'contacts', target.id, { title: 'Edited by a person' });
    await resetCounts(emulator.current);
    await expect(apply(tenant, p, true)).rejects.toThrow(/changed in IT Glue since the plan was made/);
    expect(await writesSeen(emulator.current)).toBe(0);
    expect((await tenant.client.contacts.get(target.id)).title).toBe('Edited by a person');
  });

  it('undo restores updated values and deactivates what the run created', async () => {
    const tenant = await newTenant(emulator.current);
    const target = (await contactsOf(tenant)).find((c) => c.email && c.title && !c.psaIntegration) as Contact;
    const p = await plan(
      tenant,
      [
        `${ORG},${target.firstName},${target.lastName},${target.email},,Changed title,,,,,`,
        `${ORG},New,Hire,new.hire@hfd.example,,,,,,,`,
      ].join('\n'),
      { deactivateType: 'Terminated' },
    );
    const run = await apply(tenant, p);
    expect((await tenant.client.contacts.get(target.id)).title).toBe('Changed title');
    const undo = await planUndo(
      tenant.journal,
      run.runId,
      { baseUrl: tenant.client.baseUrl, keyFingerprint: tenant.client.keyFingerprint },
      { contacts: contactExecutor(tenant.client) },
    );
    expect(undo.actions.map((a) => a.action).sort()).toEqual(['deactivate', 'update']);
    const undone = await applyPlan({
      plan: undo,
      target: undo.target,
      journal: tenant.journal,
      executors: { contacts: contactExecutor(tenant.client) },
      checkPreconditions: true,
    });
    expect(undone.counts).toEqual({ done: 2 });
    expect((await tenant.client.contacts.get(target.id)).title).toBe(target.title);
    const hire = (await contactsOf(tenant)).find((c) => c.email === 'new.hire@hfd.example') as Contact;
    expect(hire.contactTypeName).toBe('Terminated');
    expect(tenant.journal.getRun(undone.runId).run.undoOf).toBe(run.runId);
  });

  it('creates exactly one record per key under 30% lost responses and 10% 5xx', async () => {
    const tenant = await newTenant(emulator.current);
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${ORG},Chaos,Person${i},chaos${i}@hfd.example,,,,,,,`,
    ).join('\n');
    const p = await plan(tenant, rows);
    await setFaults(emulator.current, { lostResponseRate: 0.3, errorRate: 0.1, seed: 11 });
    try {
      const result = await apply(tenant, p);
      expect(result.outcomes.every((o) => o.state === 'done' || o.state === 'adopted')).toBe(true);
      expect(result.counts.adopted).toBeGreaterThan(0);
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
    const contacts = await contactsOf(tenant);
    for (let i = 0; i < 30; i++) {
      expect(contacts.filter((c) => c.email === `chaos${i}@hfd.example`)).toHaveLength(1);
    }
    expect((await plan(tenant, rows)).summary).toMatchObject({ create: 0, unchanged: 30 });
  });

  it('keeps no key and no secret in the journal', async () => {
    const tenant = await newTenant(emulator.current);
    await apply(tenant, await plan(tenant, `${ORG},Journal,Check,journal@hfd.example,,,,,,,`));
    tenant.journal.close();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(tenant.journal.path).toString('latin1');
    expect(bytes).not.toContain(tenant.apiKey);
    expect(bytes).toContain(tenant.client.keyFingerprint);
  });
});

describe('contact sync from a Microsoft 365 export', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('skips guests with the reason, creates people, and deactivates blocked users it owns', async () => {
    const tenant = await newTenant(emulator.current);
    const fixture = new URL('../fixtures/sources/contacts-m365.csv', import.meta.url).pathname;
    const source = await readContactSource(fixture, { format: 'auto' });
    expect(source.format).toBe('m365');
    const input = { file: fixture, format: source.format, rows: source.rows };
    const first = await planContactSync(tenant.client, tenant.journal, input, {
      org: ORG,
      deactivateType: 'Terminated',
    });
    const guest = first.actions.find((a) => /#ext#/i.test(a.key) || /guest/i.test(a.reason));
    expect(guest).toMatchObject({ action: 'skip' });
    // A blocked user not yet in IT Glue is not created just to be deactivated.
    expect(first.actions.find((a) => a.key === 'email:alan.turing@contoso.com')).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/departed/),
    });
    const created = await apply(tenant, first);
    expect(created.counts.done).toBe(first.summary.create);
    const ada = (await contactsOf(tenant)).find((c) => c.email === 'Ada.Lovelace@contoso.com') as Contact;
    expect(ada.contactEmails.map((e) => e.value)).toEqual([
      'Ada.Lovelace@contoso.com',
      'ada@contoso.com',
      'ada+news@contoso.com',
    ]); // primary, UPN, proxy

    // Next day Ada is blocked: she is ours now, so she is deactivated.
    const blocked = source.rows.map((row) =>
      row.emails.some((e) => /ada\.lovelace/i.test(e)) ? { ...row, active: false } : row,
    );
    const second = await planContactSync(
      tenant.client,
      tenant.journal,
      { ...input, rows: blocked },
      { org: ORG, deactivateType: 'Terminated' },
    );
    expect(second.actions.find((a) => a.id === ada.id)).toMatchObject({ action: 'deactivate' });
  });
});

describe.each(['real', 'seed'] as const)(
  'contact sync and tenant-internal addresses (%s profile)',
  (profile) => {
    const emulator = useEmulator({ seed: 'demo', profile });

    it('leaves *.onmicrosoft.com addresses out of contact emails, counted in the plan, unless asked', async () => {
      const tenant = await newTenant(emulator.current);
      const csv = `${ORG},Ada,Lovelace,ada@contoso.com,ada@contoso.onmicrosoft.com,,,,,,`;
      const left = await plan(tenant, csv);
      expect(left.actions[0]).toMatchObject({ action: 'create' });
      expect(emailsOf(left)).toEqual(['ada@contoso.com']);
      expect(left.notes).toEqual([expect.stringMatching(/^1 tenant-internal address.*`includeOnmicrosoft`/)]);

      const kept = await plan(tenant, csv, { includeOnmicrosoft: true });
      expect(emailsOf(kept)).toEqual(['ada@contoso.com', 'ada@contoso.onmicrosoft.com']);
      expect(kept.notes).toBeUndefined();

      await apply(tenant, left);
      const ada = (await contactsOf(tenant)).find((c) => c.email === 'ada@contoso.com') as Contact;
      expect(ada.contactEmails.map((e) => e.value)).toEqual(['ada@contoso.com']);
      // The next run matches on the real address and adds nothing.
      expect((await plan(tenant, csv)).actions[0]).toMatchObject({ action: 'unchanged', id: ada.id });
    });
  },
);

// The seed profile keeps no contact phones a write sends (it takes the document literally), so
// phone merging is tested on the real profile only.
describe('contact phones (real profile)', () => {
  const emulator = useEmulator({ seed: 'demo', profile: 'real' });

  it("compares phones by number: country code, punctuation and extension, keeping IT Glue's writing", async () => {
    expect(samePhone({ value: '+1 509 555 3916' }, { value: '5095553916' })).toBe(true);
    expect(samePhone({ value: '1-509-555-3916' }, { value: '(509) 555-3916' })).toBe(true);
    expect(samePhone({ value: '+44 20 7946 0958' }, { value: '020 7946 0958' })).toBe(true);
    expect(samePhone({ value: '509 555 3916 x12' }, { value: '5095553916', extension: '12' })).toBe(true);
    expect(samePhone({ value: '509 555 3916 x12' }, { value: '5095553916' })).toBe(false);
    expect(samePhone({ value: '+1 509 555 3916' }, { value: '5095553917' })).toBe(false);
    expect(samePhone({ value: '5095553916' }, { value: '95553916' })).toBe(false); // no country code written

    const tenant = await newTenant(emulator.current);
    const row = (phone: string, mobile: string) =>
      `${ORG},Ben,Phoner,ben.phoner@hfd.example,,,${phone},${mobile},,,`;
    await apply(tenant, await plan(tenant, row('', '5095553916')));
    const ben = (await contactsOf(tenant)).find((c) => c.email === 'ben.phoner@hfd.example') as Contact;
    const same = await plan(tenant, row('(509) 555-3916', '+1 509 555 3916'));
    expect(same.actions[0]).toMatchObject({ action: 'unchanged', id: ben.id });

    const added = await plan(tenant, row('+1 509 555 0100', '+1 509 555 3916'));
    expect(added.actions[0]?.action).toBe('update');
    await apply(tenant, added);
    const after = await tenant.client.contacts.get(ben.id);
    // IT Glue's own writing of the number it had is kept; the new one is added once.
    expect(after.contactPhones.map((phone) => phone.value.replace(/\D/g, ''))).toEqual([
      '5095553916',
      '15095550100',
    ]);
    expect(after.contactPhones[0]?.value).toBe(ben.contactPhones[0]?.value);
  });
});
