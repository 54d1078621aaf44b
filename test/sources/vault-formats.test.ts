/**
 * What is particular to each vault: Bitwarden encryption, collections and OTP values; LastPass
 * HTML entities and folder rows; KeePass history, recycle bin, field references and the 1.x CSV
 * escaping.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  normalizeOtp,
  parseVaultSource,
  readVaultSource,
  SourceInputError,
} from '../../src/sources/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/vault/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
const DC01 = 'DC01 Administrator';

async function rejection(promise: Promise<unknown>): Promise<SourceInputError> {
  const outcome = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(outcome).toBeInstanceOf(SourceInputError);
  return outcome as SourceInputError;
}

describe('Bitwarden', () => {
  it('refuses an encrypted JSON export and says to export "JSON" instead', async () => {
    const error = await rejection(readVaultSource(fixture('bitwarden-encrypted.json')));
    expect(error.message).toMatch(/encrypted Bitwarden export/);
    expect(error.fix).toMatch(/File format "JSON" \(not "JSON \(Encrypted\)"\)/);
    const accountRestricted = JSON.stringify({
      encrypted: true,
      encKeyValidation_DO_NOT_EDIT: 'x',
      folders: [],
      items: [],
    });
    expect(() => parseVaultSource(accountRestricted, 'inline.json')).toThrow(/account-restricted/);
  });

  it('maps an organization item by its first collection and warns that there are more', async () => {
    const source = await readVaultSource(fixture('bitwarden-org.csv'));
    expect(source.warnings).toEqual([
      {
        source: { file: fixture('bitwarden-org.csv'), line: 4 },
        message: expect.stringMatching(/2 collections.*"Globex"/),
      },
    ]);
    const json = JSON.stringify({
      encrypted: false,
      collections: [{ id: 'c1', organizationId: 'o', name: 'Clients/Acme', externalId: null }],
      items: [
        { id: 'i', type: 1, name: 'Router', collectionIds: ['c1'], folderId: null, login: { password: 'p' } },
      ],
    });
    expect(parseVaultSource(json, 'org.json').rows[0]?.container).toBe('Clients/Acme');
  });

  it('reads a row with an unusable OTP secret, which normalizeOtp reports without quoting it', async () => {
    const [row] = (await readVaultSource(fixture('bitwarden-bad-otp.csv'))).rows;
    expect(row?.otp).toBe('12345678');
    const result = normalizeOtp(row?.otp ?? '');
    expect(result.secret).toBeUndefined();
    expect(result.problem).toMatch(/not Base32/);
    expect(result.problem).not.toContain('12345678');
  });
});

describe('LastPass', () => {
  it('keeps HTML entities by default and warns once, counting the rows and naming the option', async () => {
    const source = await readVaultSource(fixture('lastpass-entities.csv'));
    expect(source.rows.map((row) => row.password)).toEqual([
      'p&amp;ss&lt;word&gt;',
      'plain-pass',
      'x&amp;amp;y',
    ]);
    expect(source.warnings).toHaveLength(1);
    expect(source.warnings[0]?.source.line).toBe(2);
    expect(source.warnings[0]?.message).toMatch(/^2 rows hold HTML entities.*`unescapeLastPass`/);
  });

  it('decodes every field, the password included, when asked, once and without a warning', async () => {
    const source = await readVaultSource(fixture('lastpass-entities.csv'), { unescapeLastPass: true });
    expect(source.rows.map((row) => [row.name, row.password, row.notes])).toEqual([
      ['Shop & Co', 'p&ss<word>', 'Tom & Jerry'],
      ['Plain', 'plain-pass', undefined],
      ['Mail', 'x&amp;y', undefined],
    ]);
    expect(source.warnings).toEqual([]);
  });

  it('leaves out empty-folder rows and turns backslash groupings into paths', async () => {
    const rows = (await readVaultSource(fixture('lastpass.csv'))).rows;
    expect(rows.map((row) => row.name)).not.toContain('Archive');
    expect(rows[0]?.container).toBe('Acme/Servers');
  });
});

describe('KeePass', () => {
  it('never returns history entries and skips the recycle bin', async () => {
    const rows = (await readVaultSource(fixture('keepass.xml'))).rows;
    expect(rows.map((row) => row.name)).toEqual([DC01, 'Firewall', 'Globex Portal', 'Old VPN']);
    expect(rows.map((row) => row.password)).not.toContain('old-dc-password');
    expect(rows[3]?.skip?.reason).toMatch(/recycle bin/);
  });

  it('finds the recycle bin by name when the file names no recycle-bin UUID', () => {
    const xml = `<KeePassFile><Meta/><Root><Group><Name>DB</Name>
      <Group><UUID>AQ==</UUID><Name>Recycle Bin</Name><Entry><String><Key>Title</Key><Value>Gone</Value></String></Entry></Group>
      <Group><Name>Clients</Name><Group><Name>Recycle Bin</Name><Entry><String><Key>Title</Key><Value>Kept</Value></String></Entry></Group></Group>
    </Group></Root></KeePassFile>`;
    const rows = parseVaultSource(xml, 'inline.xml').rows;
    expect(rows.map((row) => [row.name, row.container, Boolean(row.skip)])).toEqual([
      ['Gone', 'Recycle Bin', true],
      ['Kept', 'Clients/Recycle Bin', false],
    ]);
  });

  it('warns about {REF:} field references and skips an entry whose password is one', async () => {
    const source = await readVaultSource(fixture('keepass-ref.xml'));
    expect(source.rows.map((row) => [row.name, row.skip?.reason])).toEqual([
      ['Server', undefined],
      ['Server (copy)', expect.stringMatching(/field reference/)],
      ['Backup server', undefined],
    ]);
    expect(source.warnings.map((w) => [w.source.line, w.message])).toEqual([
      [51, expect.stringMatching(/"Server \(copy\)": Password, UserName are field references/)],
      [80, expect.stringMatching(/"Backup server": Notes is a field reference/)],
    ]);
  });

  it('reads KeePass 1.x CSV backslash escapes, and refuses RFC-style doubled quotes in it', () => {
    const header = '"Account","Login Name","Password","Web Site","Comments"\r\n';
    const rows = parseVaultSource(`${header}"A","u","a\\\\b\\"c","",""\r\n`, 'kp.csv').rows;
    expect(rows[0]?.password).toBe('a\\b"c');
    expect(() => parseVaultSource(`${header}"A","u","a""b","",""\r\n`, 'kp.csv')).toThrow(/kp\.csv:2: .*\\"/);
  });
});
