/**
 * `gluekit demo`, the README's first command, through the real binary: it runs the whole tour
 * against its own emulator, with no key and no network, never prints a password value, and
 * leaves no folder behind in the temp directory: not at the end, not on Ctrl-C (SIGINT), not on
 * SIGTERM; `--keep` keeps it. Each run gets a temp directory of its own (TMPDIR), so what is
 * left there is the run's doing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, runCli } from '../helpers/cli.js';

function ownTmp(): string {
  return mkdtempSync(join(tmpdir(), 'gluekit-demo-test-'));
}

function demoFolders(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => name.startsWith('gluekit-demo-'));
}

/** Starts the demo, waits until the tour has begun (its folder exists), then sends `signal`. */
function interruptDemo(
  signal: NodeJS.Signals,
  tmp: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string; during: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'demo', ...args], {
      env: cliEnv({ TMPDIR: tmp }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let during: string[] = [];
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      // Step 1 is printed once the folder is made and the emulator is up: a tour under way.
      if (during.length === 0 && stdout.includes('1. An emulator is running')) {
        during = demoFolders(tmp);
        child.kill(signal);
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, during }));
  });
}

describe('gluekit demo', () => {
  it('runs the tour to the end, writes through a plan, prints no password value, and removes its folder', async () => {
    const tmp = ownTmp();
    const result = await runCli(['demo'], { timeoutMs: 120_000, env: { TMPDIR: tmp } });
    expect(result.code, result.stderr).toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    // The firewall's admin password is already embedded on its configuration: reported, not
    // created again as a general password beside it.
    expect(output).toMatch(/1 create, 0 update, 0 deactivate, 0 unchanged, 2 skip, 0 conflict/);
    expect(output).toMatch(/already exists embedded \(password \d+ on confi/);
    expect(output).toMatch(/secure note: only logins are imported/);
    expect(output).toMatch(/6 create, 0 update/);
    expect(output).toMatch(/This tour sent IT Glue \d+ requests of the 3000 allowed/);
    expect(output).not.toContain('demo-only-value');
    expect(demoFolders(tmp)).toEqual([]);
  }, 150_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'removes its folder when stopped with %s mid-tour (exit %i)',
    async (signal, exitCode) => {
      const tmp = ownTmp();
      const result = await interruptDemo(signal, tmp);
      expect(result.during, 'the tour had made its folder').toHaveLength(1);
      expect(result.code, result.stderr).toBe(exitCode);
      expect(demoFolders(tmp)).toEqual([]);
    },
    60_000,
  );

  it('keeps its folder with --keep, and says where it is', async () => {
    const tmp = ownTmp();
    const result = await interruptDemo('SIGINT', tmp, ['--keep']);
    expect(result.code).toBe(130);
    expect(demoFolders(tmp)).toEqual(result.during);
    expect(result.stderr).toContain(`kept ${join(tmp, result.during[0] as string)}`);
  });
});
