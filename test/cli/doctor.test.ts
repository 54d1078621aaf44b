/** `gluekit doctor` against a good key, a bad key and an unreachable host. */
import { describe, expect, it } from 'vitest';
import { envelope, runCli } from '../helpers/cli.js';
import { closedPort, useEmulator } from '../helpers/emulator.js';

type Check = { check: string; status: string; detail: string };

describe('gluekit doctor', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('passes every check with a good key', async () => {
    const result = await runCli(['doctor', '--json'], {
      env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey },
    });
    expect(result.code).toBe(0);
    const checks = envelope<Check[]>(result).data;
    expect(checks.map((c) => c.check)).toEqual([
      'configuration',
      'host reachable',
      'API key',
      'rate budget',
      'clock',
    ]);
    expect(checks.every((c) => c.status === 'ok')).toBe(true);
    expect(checks.find((c) => c.check === 'API key')?.detail).toMatch(/the account has 5 organizations/);
    expect(result.stdout).not.toContain(emulator.current.apiKey);
  });

  it('fails on a bad key with exit 4, one line per check in a table', async () => {
    const result = await runCli(['doctor', '-o', 'table'], {
      env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: 'ITG.not-the-key' },
    });
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/^fail\s+API key\s+.*403.*region/m);
    expect(result.stdout).toMatch(/^ok\s+host reachable/m);
    expect(result.stdout).not.toContain('ITG.not-the-key');
  });

  it('fails on an unreachable host', async () => {
    const port = await closedPort();
    const result = await runCli(['doctor', '--json'], {
      env: { ITGLUE_BASE_URL: `http://127.0.0.1:${port}`, ITGLUE_API_KEY: 'ITG.x' },
    });
    expect(result.code).toBe(5);
    const checks = envelope<Check[]>(result).data;
    expect(checks.find((c) => c.check === 'host reachable')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/unreachable \(ECONNREFUSED\)/),
    });
  });
});
