/**
 * `gluekit configurations import` through the real binary: a configuration type that IT Glue does
 * not have is an input problem (exit 9) that lists the valid types, on both emulator profiles.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonError, runCli, tempHome } from '../helpers/cli.js';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

describe.each(['real', 'seed'] as const)('configurations import --type, %s profile', (profile) => {
  const emulator = useEmulator({ seed: 'demo', profile });

  it('--type Laptop2 lists the valid configuration types and writes nothing', async () => {
    const home = tempHome();
    const from = join(home, 'devices.csv');
    writeFileSync(from, 'name,hostname,serial_number\nHFD-NEW-1,HFDNEW1,NEWSERIAL01\n');
    const env = { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey };
    await resetCounts(emulator.current);
    const result = await runCli(
      ['configurations', 'import', '--from', from, '--org', 'HFD', '--type', 'Laptop2', '--json'],
      { env, home },
    );
    expect(result.code, result.stderr).toBe(9);
    const message = jsonError(result).error.message;
    expect(message).toMatch(/"Laptop2" is not a configuration type in IT Glue/);
    expect(message).toMatch(
      /Use one of: .*Managed Server.*Managed Workstation.*Network Device.*Printer \(or an id\)/,
    );
    const { byMethod } = await requestCounts(emulator.current);
    expect((byMethod.POST ?? 0) + (byMethod.PATCH ?? 0)).toBe(0);
  });
});
