/**
 * Vault inputs that are wrong: damaged, truncated, encrypted or ZIP64 zips; XML with entity
 * declarations or broken structure; files no vault wrote, or not the format named; size limits;
 * and minified files, whose entries are numbered by position so each stays unique.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseVaultSource, readVaultSource, SourceInputError } from '../../src/sources/index.js';
import { onePuxFixture, zipFiles } from '../fixtures/sources/vault/make-1pux.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/vault/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
const EXPORT_DATA = readFileSync(fixture('1password-export.data.json'), 'utf8');

function failure(action: () => unknown): SourceInputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceInputError);
    return error as SourceInputError;
  }
  throw new Error('expected a SourceInputError');
}

describe('1PUX zip files', () => {
  it('reads the committed fixture and one built in memory the same', async () => {
    const fromFile = await readVaultSource(fixture('1password.1pux'));
    const fromBytes = parseVaultSource(onePuxFixture(), fixture('1password.1pux'));
    expect(fromBytes.rows).toEqual(fromFile.rows);
    expect(fromBytes.rows).toHaveLength(5);
  });

  it('reads a stored (uncompressed) export.data', () => {
    const zip = zipFiles([{ name: 'export.data', data: EXPORT_DATA, method: 0 }]);
    expect(parseVaultSource(zip, 'stored.1pux').rows.map((row) => row.name)[0]).toBe('DC01 Administrator');
  });

  it('says a truncated file is cut short, at every length', () => {
    const bytes = onePuxFixture();
    for (const length of [4, 30, 200, bytes.length - 30, bytes.length - 1]) {
      const error = failure(() => parseVaultSource(bytes.subarray(0, length), 'cut.1pux'));
      expect(error.message, String(length)).toMatch(/^cut\.1pux: the zip file is damaged: .*Export it again/);
    }
  });

  it('refuses garbage that starts like a zip, and a CRC that does not match', () => {
    const garbage = new Uint8Array(400).fill(0x41);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    expect(failure(() => parseVaultSource(garbage, 'junk.1pux')).message).toMatch(/end record is missing/);
    const zip = zipFiles([{ name: 'export.data', data: EXPORT_DATA, method: 0 }]);
    const at = Buffer.from(zip).indexOf('Domain controller');
    zip[at] = 0x64; // 'D' → 'd' inside the stored data
    expect(failure(() => parseVaultSource(zip, 'flipped.1pux')).message).toMatch(
      /fails its size or CRC check/,
    );
  });

  it('refuses encrypted entries, other compression methods and ZIP64, saying so', () => {
    const encrypted = zipFiles([{ name: 'export.data', data: EXPORT_DATA, flags: 1 }]);
    expect(failure(() => parseVaultSource(encrypted, 'e.1pux')).message).toMatch(/export\.data is encrypted/);
    const bzip = zipFiles([{ name: 'export.data', data: EXPORT_DATA, method: 12 }]);
    expect(failure(() => parseVaultSource(bzip, 'b.1pux')).message).toMatch(/compression method 12/);
    const zip64 = zipFiles([{ name: 'export.data', data: EXPORT_DATA }]);
    zip64.set([0xff, 0xff], zip64.length - 12); // entry count 0xFFFF marks ZIP64
    expect(failure(() => parseVaultSource(zip64, 'z.1pux')).message).toMatch(/ZIP64/);
  });

  it('refuses a zip without export.data, and a zip named as another format', () => {
    const other = zipFiles([{ name: 'readme.txt', data: 'hello' }]);
    expect(failure(() => parseVaultSource(other, 'o.zip')).message).toMatch(
      /no export\.data, so it is not a 1Password 1PUX/,
    );
    const error = failure(() => parseVaultSource(onePuxFixture(), 'x.1pux', { format: 'bitwarden-json' }));
    expect(error.message).toMatch(/the file is a zip archive, but a Bitwarden JSON export is not/);
  });

  it('stops a zip whose export.data is over the size limit, before inflating it', () => {
    const error = failure(() => parseVaultSource(onePuxFixture(), 'big.1pux', { maxBytes: 3000 }));
    expect(error.message).toMatch(/export\.data is \d+ bytes uncompressed, over the 3000-byte limit/);
  });
});

describe('XML safety and damage', () => {
  const entry = '<Entry><String><Key>Title</Key><Value>A</Value></String></Entry>';

  it('refuses a DOCTYPE that declares entities, without expanding them', () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE KeePassFile [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;">\n]>\n<KeePassFile><Root><Group>${entry}</Group></Root></KeePassFile>`;
    const error = failure(() => parseVaultSource(laughs, 'bomb.xml'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/declares entities in its DOCTYPE, which is refused/);
    const external = `<!DOCTYPE x [<!ELEMENT x ANY>]><KeePassFile/>`;
    expect(failure(() => parseVaultSource(external, 'dtd.xml')).message).toMatch(/internal DTD subset/);
  });

  it('refuses entities XML does not define, and a bare &', () => {
    const custom = `<KeePassFile><Root><Group><Entry><String><Key>Title</Key><Value>&xxe;</Value></String></Entry></Group></Root></KeePassFile>`;
    expect(failure(() => parseVaultSource(custom, 'e.xml')).message).toMatch(
      /entity "&xxe;" is not one XML defines/,
    );
    const bare = custom.replace('&xxe;', 'Tom & Jerry');
    expect(failure(() => parseVaultSource(bare, 'b.xml')).message).toMatch(/a bare &/);
  });

  it('decodes the predefined entities, numeric references and CDATA', () => {
    const xml = `<KeePassFile><Root><Group><Entry>
      <String><Key>Title</Key><Value>A &amp; B</Value></String>
      <String><Key>Password</Key><Value>&lt;&#x41;&#66;&quot;&apos;<![CDATA[<raw&>]]></Value></String>
    </Entry></Group></Root></KeePassFile>`;
    const [row] = parseVaultSource(xml, 'ok.xml').rows;
    expect([row?.name, row?.password]).toEqual(['A & B', `<AB"'<raw&>`]);
  });

  it('says where a cut-short or mis-nested file breaks', () => {
    const cut = `<KeePassFile>\n<Root>\n<Group>\n${entry}`;
    const error = failure(() => parseVaultSource(cut, 'cut.xml'));
    expect(error.message).toMatch(/ends before <\/Group> \(opened at line 3\): it is cut short/);
    const crossed = `<KeePassFile>\n<Root>\n<Group></Root></Group></KeePassFile>`;
    expect(failure(() => parseVaultSource(crossed, 'x.xml')).message).toMatch(
      /x\.xml:3: <\/Root> closes <Group>/,
    );
  });

  it('refuses XML that is not a KeePass export', () => {
    const error = failure(() => parseVaultSource('<?xml version="1.0"?><passwords/>', 'other.xml'));
    expect(error.message).toMatch(/not a KeePass 2 export \(its root is <passwords> with no <Root>\)/);
  });
});

describe('files no vault wrote', () => {
  it('lists the CSV formats it knows when the headers fit none', () => {
    const error = failure(() => parseVaultSource('site,login,secret\na,b,c\n', 'mystery.csv'));
    expect(error.line).toBe(1);
    for (const format of [
      'bitwarden-csv',
      'keepassxc-csv',
      'keepass1-csv',
      '1password-csv',
      'lastpass-csv',
      'itglue-csv',
    ]) {
      expect(error.message).toContain(format);
    }
  });

  it('lists the JSON formats it knows when the keys fit none', () => {
    const error = failure(() => parseVaultSource('{"logins": []}', 'mystery.json'));
    expect(error.message).toMatch(
      /cannot tell which vault wrote this JSON \(keys: "logins"\).*bitwarden-json.*1pux.*json/,
    );
  });

  it('says a .kdbx database is not an export and which export to make', () => {
    const kdbx = new Uint8Array([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0, 0, 4, 0]);
    expect(failure(() => parseVaultSource(kdbx, 'db.kdbx')).message).toMatch(
      /encrypted KeePass database.*KeePass XML \(2\.x\)/,
    );
  });

  it('refuses an empty file, a format that does not fit, and a format name it does not know', async () => {
    expect(failure(() => parseVaultSource(' \n', 'empty.csv')).message).toMatch(/the file is empty/);
    const csvAsXml = failure(() =>
      parseVaultSource('url,username,password\n', 'lp.csv', { format: 'keepass-xml' }),
    );
    expect(csvAsXml.message).toMatch(/the file is CSV, but a KeePass 2 XML export is not/);
    const wrongCsv = await readVaultSource(fixture('lastpass.csv'), { format: 'keepassxc-csv' }).catch(
      (e: unknown) => e,
    );
    expect((wrongCsv as SourceInputError).message).toMatch(/the KeePassXC CSV export needs a column "Title"/);
    expect(failure(() => parseVaultSource('[]', 'x.json', { format: 'dashlane' as 'json' })).message).toMatch(
      /"dashlane" is not a vault format/,
    );
  });

  it('refuses a missing file and UTF-16 text with the usual messages', async () => {
    await expect(readVaultSource(fixture('missing.csv'))).rejects.toThrow(
      /cannot read the file \(no such file\)/,
    );
    const utf16 = new Uint8Array([0xff, 0xfe, 0x75, 0x00, 0x72, 0x00]);
    expect(failure(() => parseVaultSource(utf16, 'u16.csv')).message).toMatch(/UTF-16/);
    expect(failure(() => parseVaultSource('x'.repeat(100), 'big.csv', { maxBytes: 10 })).message).toMatch(
      /over the 10 bytes limit/,
    );
  });
});

describe('positions and gluekit JSON', () => {
  it('numbers entries of a minified file by position, and says so', () => {
    const text = JSON.stringify({
      encrypted: false,
      folders: [],
      items: [1, 2, 3].map((n) => ({ type: 1, name: `N${n}`, login: { password: `p${n}` } })),
    });
    const source = parseVaultSource(text, 'min.json');
    expect(source.rows.map((row) => row.source.line)).toEqual([1, 2, 3]);
    expect(source.warnings[0]?.message).toMatch(
      /same line \(a minified file\), so entries are numbered by position/,
    );
  });

  it('reads a top-level array at each element line and warns about unknown keys once', () => {
    const text =
      '[\n  {"name": "A", "password": "1", "colour": "red"},\n  {"name": "B", "password": "2", "colour": "blue"}\n]';
    const source = parseVaultSource(text, 'list.json');
    expect(source.rows.map((row) => [row.source.line, row.name, row.password])).toEqual([
      [2, 'A', '1'],
      [3, 'B', '2'],
    ]);
    expect(source.warnings.map((w) => w.message)).toEqual([
      'keys not used: "colour" (a typo in a key name?)',
    ]);
  });

  it('collects every wrong value in gluekit JSON, with its line and key', () => {
    const text =
      '[\n {"name": "A", "password": 1234},\n {"name": "B", "kind": "ssh", "modifiedAt": "yesterday"}\n]';
    const error = failure(() => parseVaultSource(text, 'bad.json'));
    expect(error.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'password'],
      [3, 'kind'],
      [3, 'modifiedAt'],
    ]);
    expect(error.message).toMatch(/^bad\.json has 3 problems; nothing was read/);
  });

  it('skips an entry without a name instead of inventing one', () => {
    const [row] = parseVaultSource('[{"password": "x"}]', 'n.json').rows;
    expect(row?.skip?.reason).toMatch(/no name/);
  });
});
