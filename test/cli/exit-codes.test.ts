/**
 * Exit codes are a contract for scripts and agents: 0 ok, 2 usage, 3 not found, 4 authentication,
 * 5 API/server, 6 validation, 7 rate limited, 8 ambiguous write, 130 interrupted. In JSON mode the
 * error is one JSON object on stderr.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, jsonError, runCli } from '../helpers/cli.js';
import { NO_FAULTS, setFaults, useEmulator } from '../helpers/emulator.js';

const BIG_ORG_ID = '9007199254740993';

describe('exit codes', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const env = (extra: Record<string, string> = {}) => ({
    ITGLUE_BASE_URL: emulator.current.url,
    ITGLUE_API_KEY: emulator.current.apiKey,
    ...extra,
  });

  it('documents every code in --help', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const code of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '130']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${code}\\s+\\S`, 'm'));
    }
  });

  it('2: usage errors, with the nearest match for a misspelled command or flag', async () => {
    const command = await runCli(['contatcs', 'list'], { env: env() });
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/Did you mean contacts\?/);
    const flag = await runCli(['contacts', 'list', '--emial', 'x'], { env: env() });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Did you mean --email\?/);
    const noKey = await runCli(['orgs', 'list'], { env: { ITGLUE_BASE_URL: emulator.current.url } });
    expect(noKey.code).toBe(2);
    expect(jsonError(noKey).error.message).toMatch(/ITGLUE_API_KEY/);
  });

  it('3: not found', async () => {
    expect((await runCli(['configs', 'get', '777777'], { env: env() })).code).toBe(3);
  });

  it('4: a wrong key, with the region hint and without the key', async () => {
    const result = await runCli(['orgs', 'list'], { env: env({ ITGLUE_API_KEY: 'ITG.wrong-key-exit-4' }) });
    expect(result.code).toBe(4);
    const error = jsonError(result).error;
    expect(error).toMatchObject({ code: 'AuthenticationError', status: 403 });
    expect(error.message).toMatch(/region/);
    // The server's sentence and the hint meet at one full stop, not two.
    expect(error.message).toMatch(/for this account\. Check the API key/);
    expect(error.message).not.toContain('..');
    expect(result.stderr).not.toContain('wrong-key-exit-4');
  });

  it('5: a server that keeps failing', async () => {
    await setFaults(emulator.current, { errorRate: 1 });
    try {
      const result = await runCli(['orgs', 'get', BIG_ORG_ID], { env: env() });
      expect(result.code).toBe(5);
      expect(jsonError(result).error.code).toBe('ServerError');
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
  });

  it('6: validation, from IT Glue (422) with the field', async () => {
    const result = await runCli(
      ['contacts', 'create', '--set', 'organization-id=424242', '--set', 'name=Nobody'],
      { env: env() },
    );
    expect(result.code).toBe(6);
    const error = jsonError(result).error;
    expect(error.status).toBe(422);
    expect(JSON.stringify(error.details)).toContain('organizationId');
  });

  it('7: rate limited beyond the allowed wait', async () => {
    await setFaults(emulator.current, { rateLimitBurst: 5, burstRetryAfterSeconds: 30 });
    try {
      const result = await runCli(['orgs', 'list'], { env: env({ GLUEKIT_RATE_LIMIT_WAIT: '1' }) });
      expect(result.code).toBe(7);
      expect(jsonError(result).error.code).toBe('RateLimitError');
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
  });

  it('8: a create whose outcome is unknown', async () => {
    await setFaults(emulator.current, { lostResponseRate: 1 });
    try {
      const result = await runCli(['contacts', 'create', '--org', BIG_ORG_ID, '--set', 'name=Lost One'], {
        env: env(),
      });
      expect(result.code).toBe(8);
      const error = jsonError(result).error;
      expect(error.code).toBe('AmbiguousWriteError');
      expect(error.message).toMatch(/natural key/);
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
  });

  it('130: interrupted', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator'], {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
  });
});
