/** `gluekit emulator`: flags, and `--env` for `eval "$(gluekit emulator --env &)"`. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, envelope, runCli } from '../helpers/cli.js';

function startCliEmulator(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'emulator', ...args], {
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const closed = new Promise<void>((resolve) => child.stdout.on('close', () => resolve()));
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  /** Resolves once the output matches: however the banner is split into writes, however late. */
  const printed = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (pattern.test(stdout)) resolve(stdout);
      };
      child.stdout.on('data', check);
      child.once('exit', (code) =>
        reject(new Error(`the emulator exited (${code}) without printing ${pattern}`)),
      );
      check();
    });
  return { child, closed, output: () => stdout, errors: () => stderr, printed };
}

describe('gluekit emulator', () => {
  it('--env prints exactly two export lines, then closes stdout while it keeps serving', async () => {
    const emulator = startCliEmulator(['--env', '--seed', 'demo']);
    try {
      await emulator.closed; // what lets $(...) return
      const lines = emulator.output().trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^export ITGLUE_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[1]).toMatch(/^export ITGLUE_API_KEY=ITG\.[0-9a-f]{32}$/);
      const env = Object.fromEntries(
        lines.map((line) => line.replace(/^export /, '').split('=') as [string, string]),
      );
      const orgs = await runCli(['orgs', 'list'], { env });
      expect(envelope<unknown[]>(orgs).data.length).toBe(5);
      // Running in the background, it says on stderr (not in the eval'd stdout) how to stop it.
      expect(emulator.errors()).toContain(
        `process ${emulator.child.pid}; stop it with: kill ${emulator.child.pid}`,
      );
    } finally {
      emulator.child.kill('SIGTERM');
    }
  });

  it('takes a profile, a seed, faults and a rate limit, and refuses bad values', async () => {
    const emulator = startCliEmulator([
      '--profile',
      'seed',
      '--seed',
      'scale:3',
      '--rate-limit',
      '100/60',
      '--latency',
      '5',
    ]);
    try {
      const text = await emulator.printed(/listening on \S+[\s\S]*API key: \S+\s/);
      expect(text).toMatch(/profile seed, seed scale:3/);
      const url = /listening on (\S+)/.exec(text)?.[1] as string;
      const key = /API key: (\S+)/.exec(text)?.[1] as string;
      const orgs = await runCli(['orgs', 'list'], { env: { ITGLUE_BASE_URL: url, ITGLUE_API_KEY: key } });
      expect(envelope<unknown[]>(orgs).data.length).toBe(3); // scale:3, the organization above 2^53 among them
    } finally {
      emulator.child.kill('SIGTERM');
    }
    const bad = await runCli(['emulator', '--rate-limit', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--rate-limit must look like 3000\/300/);
  });
});
