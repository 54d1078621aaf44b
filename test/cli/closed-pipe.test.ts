/**
 * `gluekit --help | head -1`: the reader leaves before gluekit has written. gluekit stops quietly
 * with exit 0, as `cat` does, instead of an unhandled EPIPE and a stack trace on stderr.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv } from '../helpers/cli.js';

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the child has started: its first write to stdout meets a pipe with no reader.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout pipe', () => {
  it.each([[['--help']], [['contacts', '--help']], [['--version']]])(
    'gluekit %j exits 0 without a trace',
    async (args) => {
      const result = await runWithClosedStdout(args);
      expect(result.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js/);
      expect(result.code).toBe(0);
    },
  );
});
