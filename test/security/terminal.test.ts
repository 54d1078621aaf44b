/**
 * Item 6 of the security review: terminal escapes. A contact named with `ESC [2J` (clear the
 * screen) or an OSC sequence (retitle the window) was written raw to the terminal by
 * `contacts list --output table`. Table output and every message on stderr now drop C0 and C1
 * controls; the visible text stays.
 */

import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliEnv, jsonError, runCli } from '../helpers/cli.js';
import { clientFor, useEmulator } from '../helpers/emulator.js';
import { json, startServer, type TestServer } from './support.js';

// ESC, BEL, CSI (C1, U+009B), CR, DEL: none of them may reach the terminal.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CLEAR_SCREEN = '\u001b[2J\u001b[H';
const RETITLE = '\u001b]0;owned\u0007';

describe('hostile text never drives the terminal', () => {
  const emulator = useEmulator({ seed: 'demo' });
  let upstream: TestServer;
  beforeAll(async () => {
    upstream = await startServer((_, res) =>
      json(res, 422, {
        errors: [
          {
            status: '422',
            title: `bad${CLEAR_SCREEN}${RETITLE}name\u009b31m`,
            source: { pointer: '/data/attributes/name' },
          },
        ],
      }),
    );
  });
  afterAll(() => upstream.close());

  it('`contacts list --output table` prints a contact named with escapes as plain text', async () => {
    const client = clientFor(emulator.current);
    const org = (await client.organizations.list()).data[0];
    await client.contacts.create({
      organizationId: org?.id as string,
      name: `Mallory${CLEAR_SCREEN}${RETITLE}Evil\rOverprint\u009b2J`,
    });
    const result = await runCli(['contacts', 'list', '--all', '--output', 'table'], {
      env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey },
    });
    expect(result.code, result.stderr).toBe(0);
    // The CR became a space (a cell is one line); every control is gone, the visible text stays.
    expect(result.stdout).toContain('Mallory[2J[H]0;ownedEvil Overprint2J');
    expect(result.stdout).not.toMatch(CONTROLS);
    expect(result.stderr).not.toMatch(CONTROLS);
  });

  it('an error message that carries escapes reaches a terminal without them', async () => {
    // Under a pseudo-terminal, where gluekit writes for a person (the prompt never comes: the
    // script just reads everything until the command exits).
    const script = new URL('../helpers/answer_prompt.py', import.meta.url).pathname;
    const env = cliEnv({
      ITGLUE_BASE_URL: upstream.origin,
      ITGLUE_API_KEY: 'ITG.terminal-test-key',
      NO_COLOR: '1',
    });
    const shown = await new Promise<{ code: number; text: string }>((resolve) => {
      execFile(
        'python3',
        [
          script,
          'no prompt',
          '',
          '--',
          process.execPath,
          BIN,
          'contacts',
          'create',
          '--org',
          '1',
          '--set',
          'name=x',
        ],
        { env, encoding: 'utf8' },
        (error, stdout) => resolve({ code: error ? Number(error.code) : 0, text: stdout }),
      );
    });
    expect(shown.code).toBe(6);
    // A terminal turns each line break into CR LF; apart from those, nothing but text.
    const text = shown.text.replaceAll('\r\n', '\n');
    expect(text).toContain('gluekit: IT Glue returned 422');
    expect(text).toContain('bad[2J[H]0;ownedname31m');
    expect(text).not.toMatch(CONTROLS);
  });

  it('in JSON on stderr, every control is escaped, C1 included, and the value kept', async () => {
    const result = await runCli(['contacts', 'create', '--org', '1', '--set', 'name=x', '--json'], {
      env: { ITGLUE_BASE_URL: upstream.origin, ITGLUE_API_KEY: 'ITG.terminal-test-key' },
    });
    expect(result.code).toBe(6);
    expect(result.stderr).not.toMatch(CONTROLS);
    expect(jsonError(result).error.message).toContain(`bad${CLEAR_SCREEN}${RETITLE}name\u009b31m`);
  });
});
