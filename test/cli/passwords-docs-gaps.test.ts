/**
 * Issue 16's small gaps of `passwords mirror` and `docs onboard`, through the real binary: an
 * unknown category lists the valid ones; the org map skips a vault folder on purpose (null or
 * "skip"), counted in the plan; a vars value no template uses is a warning naming the nearest
 * one; a bad --folder is said once, without "change the template" for the built-in pack.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonError, runCli, tempHome } from '../helpers/cli.js';
import { newTenantKey, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const BITWARDEN_HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
const KRG = 'Kub, Reynolds and Gibson';

describe('passwords mirror and docs onboard: lookups and small gaps', () => {
  const emulator = useEmulator({ seed: 'demo' });

  async function tenant() {
    const apiKey = await newTenantKey(emulator.current);
    const home = tempHome();
    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: apiKey };
    const file = (name: string, text: string) => {
      writeFileSync(join(home, name), text);
      return join(home, name);
    };
    return { home, file, cli: (args: string[]) => runCli(args, { env, home }) };
  }

  it('lists the valid categories for an unknown --category and an unknown category in the file (exit 9)', async () => {
    const t = await tenant();
    const vault = t.file('bw.csv', `${BITWARDEN_HEADER}\n,,login,Router,,,0,,admin,pw,\n`);
    const flag = await t.cli(['passwords', 'mirror', '--from', vault, '--org', KRG, '--category', 'Netwrk']);
    expect(flag.code).toBe(9);
    const message = jsonError(flag).error.message;
    expect(message).toContain('"Netwrk" is not a password category in IT Glue');
    expect(message).toMatch(
      /the categories are: "Cloud", "Domain Admin", "Email", "Network", "Server", "Vendor Portal"/,
    );

    const itglue = t.file(
      'itglue.csv',
      `name,password_folder,organization,username,password,otp_secret,password_category,url,notes\nRouter,,${JSON.stringify(KRG)},admin,pw,,Wifi,,\n`,
    );
    const row = await t.cli(['passwords', 'mirror', '--from', itglue]);
    expect(row.code).toBe(9);
    expect(jsonError(row).error.message).toMatch(
      /itglue\.csv:2.*"Wifi" is not a password category in IT Glue \(the categories are: "Cloud", .*"Vendor Portal"\)/s,
    );
  });

  it('skips a vault folder the org map maps to null or "skip", and counts it in the plan', async () => {
    const t = await tenant();
    const vault = t.file(
      'bw.csv',
      `${BITWARDEN_HEADER}\nClients/KRG,,login,Firewall,,,0,,admin,p1,\nPersonal,,login,Netflix,,,0,,me,p2,\nPersonal/Family,,login,Bank,,,0,,me,p3,\nScratch,,login,Test,,,0,,me,p4,\n`,
    );
    for (const [name, map] of [
      ['map.json', JSON.stringify({ 'Clients/KRG': KRG, Personal: null, Scratch: 'skip' })],
      [
        'map.csv',
        `container,organization\nClients/KRG,${JSON.stringify(KRG)}\nPersonal,skip\nScratch,SKIP\n`,
      ],
    ] as const) {
      const orgMap = t.file(name, map);
      await resetCounts(emulator.current);
      const planned = await t.cli(['passwords', 'mirror', '--from', vault, '--org-map', orgMap]);
      expect(planned.code, planned.stderr).toBe(0);
      const plan = JSON.parse(planned.stdout).data as {
        summary: Record<string, number>;
        notes: string[];
        actions: Array<{ reason: string }>;
      };
      expect(plan.summary).toMatchObject({ create: 1, skip: 0 });
      expect(plan.notes).toContain(
        '3 entries were skipped on purpose by the organization map ("Personal": 2, "Scratch": 1).',
      );
      expect(JSON.stringify(plan.actions)).not.toMatch(/Netflix|Bank/);
      expect((await requestCounts(emulator.current)).byMethod.POST ?? 0).toBe(0);
    }
    const table = await t.cli([
      'passwords',
      'mirror',
      '--from',
      vault,
      '--org-map',
      join(t.home, 'map.json'),
      '-o',
      'table',
    ]);
    expect(table.stdout).toContain('Note: 3 entries were skipped on purpose by the organization map');
  });

  it('warns about a vars value no template uses, naming the one it most likely meant', async () => {
    const t = await tenant();
    const vars = t.file('acme.yaml', 'isp: Comcast Business\ndns_hots: Cloudflare\nfavourite_colour: blue\n');
    const planned = await t.cli([
      'docs',
      'onboard',
      '--org',
      'Happy Frog Dental',
      '--templates',
      'builtin',
      '--vars',
      vars,
    ]);
    expect(planned.code, planned.stderr).toBe(0);
    const notes = (JSON.parse(planned.stdout).data as { notes: string[] }).notes;
    expect(notes).toEqual([
      'warning: the vars file\'s "dns_hots" is not used by any template (did you mean "dns_host"?); it is ignored.',
      'warning: the vars file\'s "favourite_colour" is not used by any template; it is ignored.',
    ]);
  });

  it('says a bad --folder once, lists the folders, and never says to change a built-in template', async () => {
    const t = await tenant();
    await resetCounts(emulator.current);
    const result = await t.cli([
      'docs',
      'onboard',
      '--org',
      'Happy Frog Dental',
      '--templates',
      'builtin',
      '--folder',
      'Onboardng',
    ]);
    expect(result.code).toBe(9);
    const error = jsonError(result).error;
    expect(error.message.match(/no document folder "Onboardng"/g)).toHaveLength(1);
    expect(error.details).toHaveLength(1);
    expect(result.stderr).not.toMatch(/change the template/i);
    expect(jsonError(result).error.message).toMatch(
      /--folder: no document folder "Onboardng" in this organization \(its folders: .*"Procedures"/is,
    );
    expect((await requestCounts(emulator.current)).byMethod.POST ?? 0).toBe(0);
  });
});
