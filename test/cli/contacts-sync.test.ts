/**
 * `contacts sync` through the real binary, on both emulator profiles: who is synced
 * (`--licensed-only`, repeatable `--exclude`) with the count in the plan, columns whose data is
 * not synced named once, and a bad `--deactivate-type` listing the valid contact types.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const M365 =
  'User principal name,Display name,First name,Last name,Proxy addresses,Block credential,Office phone,Licenses,Department';

describe.each(['real', 'seed'] as const)('contacts sync through the binary (%s profile)', (profile) => {
  const emulator = useEmulator({ seed: 'demo', profile });

  function session() {
    const home = tempHome();
    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey };
    const file = (name: string, content: string) => {
      const path = join(home, name);
      writeFileSync(path, content);
      return path;
    };
    return { file, cli: (args: string[]) => runCli(args, { env, home }) };
  }

  const users = [
    M365,
    'ada@contoso.com,Ada L,Ada,L,SMTP:ada@contoso.com,False,+1 509 555 0100,Microsoft 365 E3,Clinical',
    'unlic@contoso.com,Un L,Un,L,SMTP:unlic@contoso.com,False,,Unlicensed,',
    'svc-scan@contoso.com,Svc S,Svc,S,SMTP:svc-scan@contoso.com,False,,Microsoft 365 E3,',
    'bob@partner.example,Bob P,Bob,P,SMTP:bob@partner.example,False,,Microsoft 365 E3,',
  ].join('\n');

  it('--licensed-only and a repeated --exclude skip people, and the plan counts them and names unused columns', async () => {
    const t = session();
    const csv = t.file('users.csv', `${users}\n`);
    const args = ['contacts', 'sync', '--from', csv, '--org', 'Happy Frog Dental', '--licensed-only'];
    const excluded = [...args, '--exclude', 'svc-*', '--exclude', 'domain:partner.example'];
    const result = await t.cli(excluded);
    expect(result.code).toBe(0);
    const plan = envelope<{
      summary: Record<string, number>;
      notes: string[];
      actions: Array<{ key: string; action: string; reason: string; attributes?: Record<string, unknown> }>;
    }>(result).data;
    expect(plan.summary).toMatchObject({ create: 1, skip: 3 });
    expect(plan.actions.find((a) => a.key === 'email:ada@contoso.com')?.attributes?.contactPhones).toEqual([
      { value: '+1 509 555 0100', primary: true, labelName: 'Work' },
    ]);
    expect(plan.notes).toEqual([
      '1 column(s) with data are not synced: "Department".',
      '3 not synced: 1 not licensed (`licensedOnly`), 2 excluded by `exclude`. They are listed as skip and never deactivated as missing from the source.',
    ]);

    const table = await t.cli([...excluded, '-o', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Note: 3 not synced: 1 not licensed/);
    expect(table.stdout).toMatch(/excluded by --exclude domain:partner\.example/);
  });

  it('--deactivate-type Nope is an input error (exit 9) listing the valid contact types, from one lookups read', async () => {
    const t = session();
    const csv = t.file('users.csv', `${users}\n`);
    await resetCounts(emulator.current);
    const result = await t.cli([
      'contacts',
      'sync',
      '--from',
      csv,
      '--org',
      'Happy Frog Dental',
      '--deactivate-type',
      'Nope',
    ]);
    expect(result.code).toBe(9);
    const { error } = jsonError(result);
    expect(error.message).toMatch(
      /--deactivate-type: "Nope" is not a contact type in IT Glue; valid contact types: .*"Terminated"/,
    );
    expect(error.message).toMatch(/"Employee"/);
    const counts = await requestCounts(emulator.current);
    const lookups = Object.entries(counts.byRoute).filter(([route]) => /contact_types/.test(route));
    expect(lookups.map(([, n]) => n)).toEqual([1]);
    expect(counts.writes).toEqual([]);
  });
});
