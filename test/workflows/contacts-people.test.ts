/**
 * Contact sync, issue 15's rules for people, on both emulator profiles: columns whose data is
 * dropped are named, M365's "Office phone" is a Work phone; who is synced (--licensed-only,
 * --exclude, guests and shared mailboxes); a contact gluekit deactivated comes back when the
 * source lists it as active again; and an applied undo, planned again, has nothing to do.
 */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/index.js';
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
import { useEmulator } from '../helpers/emulator.js';
import { newTenant, type Tenant } from './support.js';

const ORG = 'Happy Frog Dental';
const CANONICAL =
  'organization,first_name,last_name,email,additional_emails,title,phone,mobile,contact_type,active,external_id';
const M365 =
  'User principal name,Display name,First name,Last name,Proxy addresses,Block credential,Title,Office phone,Mobile Phone,Licenses,Department,Fax,City,Groups';

/** One M365 export row; `extra` overrides cells by header. */
function m365Row(first: string, last: string, upn: string, extra: Record<string, string> = {}): string {
  const cells: Record<string, string> = {
    'User principal name': upn,
    'Display name': `${first} ${last}`,
    'First name': first,
    'Last name': last,
    'Proxy addresses': `SMTP:${upn}`,
    'Block credential': 'False',
    Licenses: 'Microsoft 365 Business Premium',
    ...extra,
  };
  return M365.split(',')
    .map((header) => cells[header] ?? '')
    .join(',');
}

async function planFile(
  tenant: Tenant,
  name: string,
  text: string,
  options: ContactSyncOptions = {},
): Promise<Plan> {
  const path = tenant.file(name, text);
  const source = await readContactSource(path, { format: 'auto' });
  return planContactSync(
    tenant.client,
    tenant.journal,
    { file: path, format: source.format, rows: source.rows, unusedColumns: source.unusedColumns },
    { org: ORG, ...options },
  );
}

const planCsv = (tenant: Tenant, rows: string[], options: ContactSyncOptions = {}) =>
  planFile(tenant, 'people.csv', `${CANONICAL}\n${rows.join('\n')}\n`, options);

async function apply(tenant: Tenant, plan: Plan) {
  return applyPlan({
    plan,
    target: plan.target,
    journal: tenant.journal,
    executors: { contacts: contactExecutor(tenant.client) },
    checkPreconditions: true,
  });
}

async function contactsOf(tenant: Tenant): Promise<Contact[]> {
  const orgId = (await tenant.client.organizations.list({ filter: { name: ORG } })).data[0]?.id as string;
  return tenant.client.contacts.list({ organizationId: orgId }).toArray();
}

describe.each(['real', 'seed'] as const)('contact sync: people (%s profile)', (profile) => {
  const emulator = useEmulator({ seed: 'demo', profile });

  it('maps the M365 "Office phone" as a Work phone and names, once, the columns with data it does not sync', async () => {
    const tenant = await newTenant(emulator.current);
    const rows = [
      m365Row('Ada', 'Office', 'ada.office@contoso.com', {
        'Office phone': '+1 509 555 0100',
        Department: 'Clinical',
      }),
      m365Row('Ben', 'Office', 'ben.office@contoso.com', { City: 'Seattle' }),
    ];
    const plan = await planFile(tenant, 'users.csv', `${M365}\n${rows.join('\n')}\n`);
    expect(plan.options.format).toBe('m365');
    const ada = plan.actions.find((a) => a.key === 'email:ada.office@contoso.com');
    expect(ada?.attributes?.contactPhones).toEqual([
      { value: '+1 509 555 0100', primary: true, labelName: 'Work' },
    ]);
    // Department and City carry data and are not synced; Fax is blank everywhere.
    expect(plan.notes).toEqual(['2 column(s) with data are not synced: "Department", "City".']);
  });

  it('syncs only licensed people with --licensed-only, leaves out --exclude matches, guests and shared mailboxes, and counts them', async () => {
    const tenant = await newTenant(emulator.current);
    const rows = [
      m365Row('Lic', 'Ensed', 'lic@contoso.com'),
      m365Row('Un', 'Licensed', 'unlic@contoso.com', { Licenses: 'Unlicensed' }),
      m365Row('Guest', 'User', 'guest_fabrikam.com#EXT#@contoso.onmicrosoft.com'),
      m365Row('Svc', 'Backup', 'svc-backup@contoso.com'),
      m365Row('Part', 'Ner', 'part@partner.example'),
      m365Row('Room', 'Mailbox', 'room1@contoso.com', { Groups: 'Rooms;All staff' }),
    ];
    const text = `${M365}\n${rows.join('\n')}\n`;
    const plan = await planFile(tenant, 'users.csv', text, {
      licensedOnly: true,
      exclude: ['svc-*', 'domain:partner.example', 'group:rooms'],
    });
    const reasons = Object.fromEntries(plan.actions.map((a) => [a.key, `${a.action} ${a.reason}`]));
    expect(reasons).toEqual({
      'email:lic@contoso.com': 'create not in IT Glue',
      'email:unlic@contoso.com': 'skip unlicensed (`licensedOnly`)',
      'email:guest_fabrikam.com#ext#@contoso.onmicrosoft.com': expect.stringMatching(/^skip guest account/),
      'email:svc-backup@contoso.com': 'skip excluded by `exclude` svc-*',
      'email:part@partner.example': 'skip excluded by `exclude` domain:partner.example',
      'email:room1@contoso.com': 'skip excluded by `exclude` group:rooms',
    });
    expect(plan.notes).toContainEqual(
      '5 not synced: 1 not licensed (`licensedOnly`), 1 guest account(s), 3 excluded by `exclude`. They are listed as skip and never deactivated as missing from the source.',
    );
    expect(plan.options).toMatchObject({
      licensedOnly: true,
      exclude: ['svc-*', 'domain:partner.example', 'group:rooms'],
    });

    // A source that does not say who is licensed cannot be filtered by licence.
    const attempt = planCsv(tenant, [`${ORG},A,B,a@contoso.com,,,,,,,`], { licensedOnly: true });
    await expect(attempt).rejects.toThrow(PlanInputError);
    await expect(attempt).rejects.toThrow(/`licensedOnly`: the source does not say who is licensed/);
  });

  it('never deactivates an excluded person as missing from the source', async () => {
    const tenant = await newTenant(emulator.current);
    const people = ['keep', 'svc-scan', 'other1', 'other2', 'other3'].map(
      (name) => `${ORG},${name},Person,${name}@contoso.com,,,,,,,`,
    );
    await apply(tenant, await planCsv(tenant, people));
    const plan = await planCsv(tenant, people, {
      exclude: ['svc-*@contoso.com'],
      deactivateMissing: true,
      deactivateType: 'Terminated',
      deactivateUnowned: false,
    });
    expect(plan.actions.find((a) => a.key === 'email:svc-scan@contoso.com')).toMatchObject({
      action: 'skip',
      reason: 'excluded by `exclude` svc-*@contoso.com',
    });
    expect(plan.summary.deactivate).toBe(0);
  });

  it('re-activates a contact gluekit deactivated when the source lists it as active again, restoring type and notes', async () => {
    const tenant = await newTenant(emulator.current);
    const person = (await contactsOf(tenant)).find(
      (c) => c.email && !c.psaIntegration && c.contactTypeId && c.contactTypeName !== 'Terminated',
    ) as Contact;
    const row = (active: string) =>
      `${ORG},${person.firstName},${person.lastName},${person.email},,,,,,${active},`;
    await apply(tenant, await planCsv(tenant, [row('true')])); // matched: ours now
    const leaving = await planCsv(tenant, [row('false')], { deactivateType: 'Terminated' });
    expect(leaving.actions[0]).toMatchObject({ action: 'deactivate', id: person.id });
    await apply(tenant, leaving);
    const gone = await tenant.client.contacts.get(person.id);
    expect(gone.contactTypeName).toBe('Terminated');
    expect(gone.notes).toMatch(/Deactivated by gluekit on \d{4}-\d{2}-\d{2}: inactive in the source/);

    const back = await planCsv(tenant, [row('true')]);
    expect(back.actions[0]).toMatchObject({
      action: 'update',
      id: person.id,
      reason: expect.stringMatching(
        /^active in the source again: re-activated \(deactivated by gluekit on \d{4}-/,
      ),
      changes: {
        contactTypeId: { from: gone.contactTypeId, to: person.contactTypeId },
        notes: { from: gone.notes, to: person.notes ?? null },
      },
    });
    await apply(tenant, back);
    const returned = await tenant.client.contacts.get(person.id);
    expect(returned.contactTypeId).toBe(person.contactTypeId);
    expect(returned.notes ?? null).toBe(person.notes ?? null);
    expect((await planCsv(tenant, [row('true')])).actions[0]).toMatchObject({ action: 'unchanged' });
  });

  it('keeps notes a person wrote after the deactivation, taking out only the line gluekit added', async () => {
    const tenant = await newTenant(emulator.current);
    const row = (active: string) => `${ORG},Nora,Notes,nora.notes@contoso.com,,,,,,${active},`;
    await apply(tenant, await planCsv(tenant, [row('true')]));
    await apply(tenant, await planCsv(tenant, [row('false')], { deactivateType: 'Terminated' }));
    const nora = (await contactsOf(tenant)).find((c) => c.email === 'nora.notes@contoso.com') as Contact;
    await tenant.client.contacts.update(nora.id, { notes: `${nora.notes}\nLeft for a competitor.` } as never);
    const back = await planCsv(tenant, [row('true')]);
    expect(back.actions[0]?.changes?.notes?.to).toBe('Left for a competitor.');
    // Created without a type: IT Glue cannot clear one, so the plan says to name one.
    expect(back.actions[0]?.changes?.contactTypeId).toBeUndefined();
    expect(back.actions[0]?.reason).toMatch(/had no contact type before .* give the row a contact_type/);
    await apply(tenant, back);
    expect((await tenant.client.contacts.get(nora.id)).notes).toBe('Left for a competitor.');
    const stillTerminated = await planCsv(tenant, [row('true')]);
    expect(stillTerminated.actions[0]).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/contact_type/),
    });
    const named = await planCsv(tenant, [`${ORG},Nora,Notes,nora.notes@contoso.com,,,,,Employee,true,`]);
    expect(named.actions[0]).toMatchObject({
      action: 'update',
      reason: expect.stringMatching(/^active in the source again: re-activated/),
      changes: { contactTypeId: { from: '304', to: '301' } },
    });
  });

  it('undo settles: applied, then planned again, it has nothing to do; its deactivations leave the dated note', async () => {
    const tenant = await newTenant(emulator.current);
    const target = (await contactsOf(tenant)).find((c) => c.email && c.title && !c.psaIntegration) as Contact;
    const run = await apply(
      tenant,
      await planCsv(
        tenant,
        [
          `${ORG},${target.firstName},${target.lastName},${target.email},,Changed title,+1 509 555 0177,,,,`,
          `${ORG},New,Hire,new.hire@contoso.com,,,,,,,`,
        ],
        { deactivateType: 'Terminated' },
      ),
    );
    const executors = { contacts: contactExecutor(tenant.client) };
    const undo = await planUndo(tenant.journal, run.runId, tenant.client, executors);
    expect(undo.actions.map((a) => a.action).sort()).toEqual(['deactivate', 'update']);
    expect((await apply(tenant, undo)).counts).toEqual({ done: 2 });
    const hire = (await contactsOf(tenant)).find((c) => c.email === 'new.hire@contoso.com') as Contact;
    expect(hire.contactTypeName).toBe('Terminated');
    expect(hire.notes).toMatch(
      new RegExp(`^Deactivated by gluekit on \\d{4}-\\d{2}-\\d{2}: created by run ${run.runId}, undone\\.$`),
    );
    const again = await planUndo(tenant.journal, run.runId, tenant.client, executors);
    expect(again.actions.map((a) => `${a.action} ${a.key}`)).toEqual([
      `unchanged email:${target.email?.toLowerCase()}`,
      'unchanged email:new.hire@contoso.com',
    ]);
    expect(again.summary).toMatchObject({ update: 0, deactivate: 0 });
  });
});
