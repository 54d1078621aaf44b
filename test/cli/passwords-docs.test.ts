/**
 * `gluekit passwords mirror` and `gluekit docs onboard` through the real binary: plan, a saved
 * plan applied from another directory (values read again from the source), re-runs that change
 * nothing, input errors, and a canary value that never reaches stdout, stderr or any file.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonError, runCli, tempHome } from '../helpers/cli.js';
import { newTenantKey, rawRecords, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const BITWARDEN_HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
const CANARY = 'CANARY-cli-5b8d41e2';

function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(path) : [path];
  });
}

describe('passwords mirror and docs onboard', () => {
  const emulator = useEmulator({ seed: 'demo' });

  async function tenant() {
    const apiKey = await newTenantKey(emulator.current);
    const home = tempHome();
    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: apiKey };
    return { apiKey, home, cli: (args: string[]) => runCli(args, { env, home }) };
  }

  it('mirrors a Bitwarden CSV through a saved plan, keeps values out of every output, and re-runs clean', async () => {
    const t = await tenant();
    const vault = join(t.home, 'bitwarden.csv');
    writeFileSync(
      vault,
      `${BITWARDEN_HEADER}\nClients/KRG,,login,Firewall,,,0,https://fw.krg.example,admin,${CANARY},\nClients/KRG,,login,Wi-Fi,,,0,,guest,"${CANARY}, ""2""",\nClients/KRG,,note,Alarm notes,code is elsewhere,,0,,,,\n`,
    );
    const orgMap = join(t.home, 'clients.json');
    writeFileSync(orgMap, JSON.stringify({ 'Clients/KRG': 'Kub, Reynolds and Gibson' }));
    const planFile = join(t.home, 'plan.json');
    await resetCounts(emulator.current);
    const planned = await t.cli([
      'passwords',
      'mirror',
      '--from',
      vault,
      '--org-map',
      orgMap,
      '--plan-out',
      planFile,
      '-o',
      'table',
    ]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/2 create, 0 update, 0 deactivate, 0 unchanged, 1 skip, 0 conflict/);
    expect(planned.stdout).toMatch(/password/);
    expect((await requestCounts(emulator.current)).byMethod.POST ?? 0).toBe(0);

    const applied = await t.cli(['apply', planFile, '--yes']);
    expect(applied.code).toBe(0);
    expect(
      (JSON.parse(applied.stdout).meta as { run: { counts: Record<string, number> } }).run.counts,
    ).toEqual({
      done: 2,
    });
    const stored = (await rawRecords(emulator.current, 'passwords', t.apiKey)).filter(
      (p) => p.name === 'Wi-Fi',
    );
    expect(stored.map((p) => p.password)).toEqual([`${CANARY}, "2"`]);

    await resetCounts(emulator.current);
    const rerun = JSON.parse(
      (await t.cli(['passwords', 'mirror', '--from', vault, '--org-map', orgMap])).stdout,
    ).data as { summary: Record<string, number> };
    expect(rerun.summary).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    expect((await requestCounts(emulator.current)).byOperation.getPassword ?? 0).toBe(0);

    for (const text of [planned.stdout, planned.stderr, applied.stdout, applied.stderr])
      expect(text).not.toContain(CANARY);
    for (const file of everyFile(t.home).filter((f) => f !== vault)) {
      expect(readFileSync(file).toString('latin1'), file).not.toContain(CANARY);
    }
  });

  it('counts a value it did not write and cannot date as not compared, and names --compare-values', async () => {
    const t = await tenant();
    const created = await runCli(
      [
        'passwords',
        'create',
        '--org',
        'Kub, Reynolds and Gibson',
        '--set',
        'name=Printer',
        '--set',
        'username=admin',
        '--password-env',
        'PRINTER_PW',
      ],
      {
        env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: t.apiKey, PRINTER_PW: 'same' },
        home: t.home,
      },
    );
    expect(created.code, created.stderr).toBe(0);
    const vault = join(t.home, 'bitwarden.csv');
    writeFileSync(vault, `${BITWARDEN_HEADER}\nClients/KRG,,login,Printer,,,0,,admin,same,\n`);
    const orgMap = join(t.home, 'clients.json');
    writeFileSync(orgMap, JSON.stringify({ 'Clients/KRG': 'Kub, Reynolds and Gibson' }));
    const args = ['passwords', 'mirror', '--from', vault, '--org-map', orgMap];
    const table = await t.cli([...args, '-o', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/0 unchanged, 1 skip, 0 conflict, 1 not compared/);
    expect(table.stdout).toMatch(
      /1 password value was not compared .*--compare-values settles it, one request each/,
    );
    const json = JSON.parse((await t.cli(args)).stdout).data as {
      summary: Record<string, number>;
      notes: string[];
    };
    expect(json.summary).toMatchObject({ unchanged: 0, notCompared: 1 });
    expect(json.notes).toHaveLength(1);
    const compared = JSON.parse((await t.cli([...args, '--compare-values'])).stdout).data as {
      summary: Record<string, number>;
    };
    expect(compared.summary).toMatchObject({ unchanged: 1 });
    expect(compared.summary.notCompared).toBeUndefined();
  });

  it('refuses an entry whose container is not mapped, naming the line, and writes nothing (exit 9)', async () => {
    const t = await tenant();
    const vault = join(t.home, 'vault.csv');
    writeFileSync(
      vault,
      `${BITWARDEN_HEADER}\nClients/KRG,,login,A,,,0,,u,p1,\nPersonal,,login,B,,,0,,u,p2,\n`,
    );
    const orgMap = join(t.home, 'map.json');
    writeFileSync(orgMap, JSON.stringify({ 'Clients/KRG': 'Kub, Reynolds and Gibson' }));
    await resetCounts(emulator.current);
    const result = await t.cli([
      'passwords',
      'mirror',
      '--from',
      vault,
      '--org-map',
      orgMap,
      '--apply',
      '--yes',
    ]);
    expect(result.code).toBe(9);
    expect(jsonError(result).error.message).toMatch(
      /vault\.csv:3.*"Personal" of entry "B" is not in the organization map/s,
    );
    expect((await requestCounts(emulator.current)).byMethod.POST ?? 0).toBe(0);
  });

  it('writes the built-in onboarding pack with no vars file, then plans it unchanged', async () => {
    const t = await tenant();
    const first = await t.cli([
      'docs',
      'onboard',
      '--org',
      'Happy Frog Dental',
      '--templates',
      'builtin',
      '--publish',
      '--apply',
      '--yes',
    ]);
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout).meta as { run: { counts: Record<string, number> } }).run.counts).toEqual(
      {
        done: 6,
      },
    );
    const again = JSON.parse(
      (await t.cli(['docs', 'onboard', '--org', 'Happy Frog Dental', '--templates', 'builtin', '--publish']))
        .stdout,
    ).data as {
      summary: Record<string, number>;
    };
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 6 });
  });
});
