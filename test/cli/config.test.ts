/**
 * Configuration: flags beat the environment, which beats the config profile, which beats the
 * defaults; a key is stored with mode 0600, read from stdin (never argv) and shown only as a
 * fingerprint; a readable config file holding a key draws a warning.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelope, runCli, tempHome } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

type Check = { check: string; status: string; detail: string };

async function configurationLine(
  args: string[],
  home: string,
  env: Record<string, string> = {},
): Promise<string> {
  const result = await runCli(['doctor', '--json', ...args], { home, env });
  return envelope<Check[]>(result).data.find((c) => c.check === 'configuration')?.detail ?? '';
}

describe('gluekit config', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('stores a profile, with the key from stdin at mode 0600, and lists it as a fingerprint', async () => {
    const home = tempHome();
    expect((await runCli(['config', 'set', 'base-url', emulator.current.url], { home })).code).toBe(0);
    const refused = await runCli(['config', 'set', 'api-key', emulator.current.apiKey], { home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/never from the command line/);
    expect(
      (await runCli(['config', 'set', 'api-key'], { home, input: `${emulator.current.apiKey}\n` })).code,
    ).toBe(0);
    const file = join(home, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles.default.apiKey).toBe(emulator.current.apiKey);

    const list = await runCli(['config', 'list'], { home });
    expect(list.stdout).not.toContain(emulator.current.apiKey);
    expect(envelope<Array<Record<string, unknown>>>(list).data[0]).toMatchObject({
      profile: 'default',
      apiKey: expect.stringMatching(/^sha256:/),
    });
    expect((await runCli(['config', 'get', 'base-url', '-o', 'table'], { home })).stdout.trim()).toBe(
      emulator.current.url,
    );

    // The stored profile is enough to work.
    const orgs = await runCli(['orgs', 'list'], { home });
    expect(orgs.code).toBe(0);
    expect(envelope<unknown[]>(orgs).data.length).toBeGreaterThan(0);
  });

  it('warns when a config file holding a key can be read by others', async () => {
    const home = tempHome();
    const file = join(home, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        profiles: { default: { baseUrl: emulator.current.url, apiKey: emulator.current.apiKey } },
      }),
    );
    chmodSync(file, 0o644);
    const result = await runCli(['orgs', 'list'], { home });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/holds an API key but others can read it; run: chmod 600/);
  });

  it('resolves flags, then the environment, then the profile, then defaults', async () => {
    const home = tempHome();
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({
        profiles: { default: { region: 'au', apiKey: 'ITG.profile-key' }, other: { region: 'eu' } },
      }),
      { mode: 0o600 },
    );
    expect(await configurationLine([], home)).toMatch(
      /https:\/\/api\.au\.itglue\.com \(from profile default\); key sha256:\w+ from profile default/,
    );
    expect(await configurationLine([], home, { ITGLUE_REGION: 'eu', ITGLUE_API_KEY: 'ITG.env-key' })).toMatch(
      /api\.eu\.itglue\.com \(from ITGLUE_REGION\); key sha256:\w+ from ITGLUE_API_KEY/,
    );
    expect(await configurationLine(['--region', 'us'], home, { ITGLUE_REGION: 'eu' })).toMatch(
      /api\.itglue\.com \(from --region\)/,
    );
    expect(await configurationLine(['--profile', 'other'], home)).toMatch(
      /profile other; https:\/\/api\.eu\.itglue\.com \(from profile other\); key none/,
    );
    expect(await configurationLine([], tempHome())).toMatch(
      /https:\/\/api\.itglue\.com \(from default \(us\)\); key none/,
    );
  });

  it('keeps config and data under GLUEKIT_HOME', async () => {
    const home = tempHome();
    await runCli(['config', 'set', 'region', 'eu', '--profile', 'x'], { home });
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles.x.region).toBe('eu');
  });
});
