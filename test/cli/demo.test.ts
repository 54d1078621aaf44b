/**
 * `gluekit demo`, the README's first command, through the real binary: it runs the whole tour
 * against its own emulator, with no key and no network, and never prints a password value.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('gluekit demo', () => {
  it('runs the tour to the end, writes through a plan, and prints no password value', async () => {
    const result = await runCli(['demo'], { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toMatch(/2 create, 0 update, 0 deactivate, 0 unchanged, 1 skip, 0 conflict/);
    expect(output).toMatch(/secure note: only logins are imported/);
    expect(output).toMatch(/6 create, 0 update/);
    expect(output).toMatch(/This tour sent IT Glue \d+ requests of the 3000 allowed/);
    expect(output).not.toContain('demo-only-value');
  }, 150_000);
});
