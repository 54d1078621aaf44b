/**
 * Runs the real `gluekit` binary (bin/gluekit.js → dist/, built by `npm test`) as a child process,
 * with a clean environment: no inherited IT Glue settings, and a config home of its own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/gluekit.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  home?: string;
  timeoutMs?: number;
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'gluekit-test-'));
}

export function cliEnv(extra: Record<string, string | undefined> = {}, home = tempHome()): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(ITGLUE_|GLUEKIT_)/.test(key) && key !== 'NO_COLOR') env[key] = value;
  }
  env.GLUEKIT_HOME = home;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runNode([BIN, ...args], cliEnv(options.env, options.home), options);
}

/** Runs `node <args>` to its end with this environment, collecting what it prints. */
export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: Pick<CliOptions, 'input' | 'timeoutMs'> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // A hang guard, under vitest's own (120 s): it ends the child, so the test reports the call.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Parses stdout as the JSON envelope. */
export function envelope<T = unknown>(result: CliResult): { data: T; meta: Record<string, unknown> } {
  try {
    return JSON.parse(result.stdout) as { data: T; meta: Record<string, unknown> };
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** Parses the JSON error gluekit writes to stderr in JSON mode. */
export function jsonError(result: CliResult): {
  error: { code: string; status?: number; message: string; details: unknown };
} {
  const line = result.stderr.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`stderr has no JSON error (exit ${result.code}):\n${result.stderr}`);
  }
}
