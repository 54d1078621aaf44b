/**
 * Item 8 of the security review: credentials inside vault URLs. A Bitwarden URI
 * `https://user:secret@fw.example/` was copied into IT Glue's `url` field, plans, the mirror and
 * MCP results. The userinfo is now cut out of every URL of every entry when the export is read,
 * with a warning that names the entry and not the secret.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVaultSource } from '../../src/sources/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { rawRecords, useEmulator } from '../helpers/emulator.js';

const SECRET = 'url-canary-S3cr3t';
const HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
const EXPORT =
  `${HEADER}\n` +
  `Fabrikam,,login,Core firewall,,,0,https://admin:${SECRET}@fw.fabrikam.example/login,admin,pw-value-1,\n` +
  `Fabrikam,,login,Switch,,,0,"https://sw.fabrikam.example/,ssh://root:${SECRET}%40x@10.0.0.2:22/",root,pw-value-2,\n` +
  'Fabrikam,,login,Printer,,,0,https://printer.fabrikam.example/,,pw-value-3,\n';

describe('credentials inside vault URLs', () => {
  it('are cut from url and otherUrls, with a warning naming the entry only', () => {
    const source = parseVaultSource(EXPORT, 'bitwarden.csv');
    const byName = new Map(source.rows.map((row) => [row.name, row]));
    expect(byName.get('Core firewall')?.url).toBe('https://fw.fabrikam.example/login');
    expect(byName.get('Switch')?.otherUrls).toEqual(['ssh://10.0.0.2:22/']);
    expect(byName.get('Printer')?.url).toBe('https://printer.fabrikam.example/');
    expect(JSON.stringify(source.rows)).not.toContain(SECRET);
    const warnings = source.warnings.map((warning) => warning.message);
    expect(warnings.filter((message) => message.includes('carried a user name or password'))).toEqual([
      expect.stringContaining('"Core firewall"'),
      expect.stringContaining('"Switch"'),
    ]);
    expect(JSON.stringify(source.warnings)).not.toContain(SECRET);
  });

  describe('through `gluekit passwords mirror`', () => {
    const emulator = useEmulator({ seed: 'demo' });

    it('reach neither the plan, nor the output, nor IT Glue', async () => {
      const home = tempHome();
      const file = join(home, 'bitwarden.csv');
      writeFileSync(file, EXPORT);
      const plan = join(home, 'plan.json');
      const result = await runCli(
        [
          'passwords',
          'mirror',
          '--from',
          file,
          '--org',
          'fabrikam architects',
          '--plan-out',
          plan,
          '--apply',
          '--yes',
        ],
        { home, env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/"Core firewall": a URL carried a user name or password/);
      for (const text of [result.stdout, result.stderr, readFileSync(plan, 'utf8')])
        expect(text).not.toContain(SECRET);
      const stored = JSON.stringify(await rawRecords(emulator.current, 'passwords'));
      expect(stored).toContain('fw.fabrikam.example/login');
      expect(stored).not.toContain(SECRET);
    });
  });
});
