/**
 * The key and password values never appear in anything the CLI prints, in any output mode,
 * verbose logging and dry runs included. Only `passwords get --reveal` shows a value.
 */
import { describe, expect, it } from 'vitest';
import { envelope, runCli } from '../helpers/cli.js';
import { NO_FAULTS, setFaults, useEmulator } from '../helpers/emulator.js';

const KEY = 'ITG.cli-canary-key-4f8e2a9c1b7d';
const SECRET = 'cli-canary-pw-Q3#vT8!zR1';
const BIG_ORG_ID = '9007199254740993';

describe('masking in every mode', () => {
  const emulator = useEmulator({ seed: 'demo', apiKey: KEY });
  const env = { ITGLUE_BASE_URL: '', ITGLUE_API_KEY: KEY, CANARY: SECRET };

  it('never prints the key or a password value, whatever the mode', async () => {
    env.ITGLUE_BASE_URL = emulator.current.url;
    const outputs: string[] = [];
    const run = async (args: string[], input?: string) => {
      const result = await runCli(args, { env, ...(input !== undefined ? { input } : {}) });
      outputs.push(result.stdout, result.stderr);
      return result;
    };
    const created = envelope<{ id: string }>(
      await run([
        'passwords',
        'create',
        '--org',
        BIG_ORG_ID,
        '--set',
        'name=Canary',
        '--password-env',
        'CANARY',
        '-v',
      ]),
    ).data;
    for (const format of ['json', 'ndjson', 'csv', 'table']) {
      await run(['passwords', 'list', '--org', BIG_ORG_ID, '-o', format, '-v']);
      await run(['passwords', 'get', created.id, '-o', format, '-v']);
      await run(
        ['passwords', 'update', created.id, '--password-stdin', '--dry-run', '-o', format, '-v'],
        `${SECRET}\n`,
      );
      await run([
        'passwords',
        'create',
        '--org',
        BIG_ORG_ID,
        '--set',
        'name=Dry',
        '--password-env',
        'CANARY',
        '--dry-run',
        '-o',
        format,
      ]);
    }
    await run(['passwords', 'update', created.id, '--password-stdin', '--agent', '-v'], `${SECRET}\n`);
    await run(['doctor', '-o', 'table', '-v']);
    await run(['config', 'list']);
    await setFaults(emulator.current, { lostResponseRate: 1 });
    await run([
      'passwords',
      'create',
      '--org',
      BIG_ORG_ID,
      '--set',
      'name=Lost',
      '--password-env',
      'CANARY',
      '-v',
    ]);
    await setFaults(emulator.current, { errorRate: 1 });
    await run(['passwords', 'update', created.id, '--password-env', 'CANARY', '--agent', '-v']);
    await setFaults(emulator.current, NO_FAULTS);

    const everything = outputs.join('\n');
    expect(everything).toContain('gluekit debug'); // verbose logging really ran
    expect(everything).toContain('[redacted]'); // and dry runs really showed the masked fields
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(SECRET);

    // The one explicit reveal.
    const revealed = await runCli(['passwords', 'get', created.id, '--reveal'], { env });
    expect(envelope<{ password: string }>(revealed).data.password).toBe(SECRET);
  });
});
