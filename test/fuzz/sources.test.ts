/**
 * Fuzzing the source readers with whole files, as exports and people write them: contact and
 * device CSV in every dialect (comma, semicolon, tab; LF, CRLF, lone CR; BOM; Excel's `sep=`
 * line; quoted or not; headers in any spelling and order), JSON arrays spread over lines, huge
 * cells, hostile JSON, and corruption (invalid UTF-8, NUL, UTF-16, a quote never closed, a row too
 * wide, truncation, flipped bytes).
 *
 * The properties: what a correct writer writes reads back person for person, on the line each
 * record starts; a file certain to be broken is refused with a SourceInputError naming the line
 * of the damage; and whatever the bytes, a reader returns rows or a SourceInputError whose every
 * problem names the file, a line that exists, and a fix, and nothing else escapes. A reader
 * that hung would fail the suite on vitest's timeout. (The per-module unit properties live in
 * test/sources/; these work on complete files.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeSourceBytes,
  parseConfigurationSource,
  parseContactSource,
  parseVaultSource,
  SourceInputError,
} from '../../src/sources/index.js';
import {
  applyDamage,
  contactCsv,
  contactJson,
  contactLayout,
  corrupt,
  corruption,
  type Dialect,
  damage,
  deviceCsv,
  devices,
  dialect,
  messyText,
  type Newline,
  people,
  readOrRefuse,
  totalLinesOf,
  trimmed,
  writeCsv,
} from './support.js';

const readContacts = (bytes: Uint8Array, name: string, format: 'auto' | 'csv' | 'json' = 'auto') =>
  parseContactSource(decodeSourceBytes(bytes, name), name, { format });
const readDevices = (bytes: Uint8Array, name: string, format: 'auto' | 'csv' = 'auto') =>
  parseConfigurationSource(decodeSourceBytes(bytes, name), name, { format });

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('contact readers, whole files', () => {
  it('read back every person of a CSV in any dialect and header spelling, on the line the record starts', () => {
    fc.assert(
      fc.property(people(25), contactLayout, dialect, (persons, layout, d) => {
        const { text, lines } = contactCsv(persons, layout, d);
        const source = readContacts(utf8(text), 'people.csv', 'csv');
        expect(source.rows).toEqual(
          persons.map((person, i) => ({
            source: { file: 'people.csv', line: lines[i] },
            organization: trimmed(person.organization),
            firstName: trimmed(person.firstName),
            lastName: trimmed(person.lastName),
            emails: [person.email],
            title: trimmed(person.title),
          })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('auto-detect the same rows, or refuse at line 1 asking for --format, never guess another format', () => {
    fc.assert(
      fc.property(people(5), contactLayout, dialect, (persons, layout, d) => {
        const { text } = contactCsv(persons, layout, d);
        const bytes = utf8(text);
        const { result, error } = readOrRefuse(
          () => readContacts(bytes, 'people.csv', 'auto'),
          'people.csv',
          totalLinesOf(bytes),
        );
        if (error) {
          expect(error.line).toBe(1);
          expect(error.message).toMatch(/cannot tell the format.*`format`/s);
        } else {
          expect(result?.format).toBe('csv');
          expect(result?.rows).toEqual(readContacts(bytes, 'people.csv', 'csv').rows);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('read back every person of a JSON array, snake_case or camelCase, on the line its object starts', () => {
    fc.assert(
      fc.property(
        people(20),
        fc.boolean(),
        fc.constantFrom<Newline>('\n', '\r\n'),
        fc.nat(4),
        fc.boolean(),
        (persons, snake, newline, indent, bom) => {
          const { text, lines } = contactJson(persons, snake, newline, indent);
          const source = readContacts(utf8(bom ? `\uFEFF${text}` : text), 'people.json');
          expect(source.format).toBe('json');
          expect(source.rows.map((row) => [row.source.line, row.emails, row.firstName])).toEqual(
            persons.map((person, i) => [lines[i], [person.email], trimmed(person.firstName)]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuse a file certain to be broken, naming the line of the damage', () => {
    fc.assert(
      fc.property(people(12), contactLayout, dialect, corruption, (persons, layout, d, how) => {
        const { text } = contactCsv(persons, layout, d);
        const { bytes, line } = corrupt(text, how, 5 + layout.extra, d);
        const { error } = readOrRefuse(
          () => readContacts(bytes, 'broken.csv', 'csv'),
          'broken.csv',
          totalLinesOf(bytes),
        );
        expect(error, `${how.kind} was accepted`).toBeInstanceOf(SourceInputError);
        expect(error?.problems.map((problem) => problem.line)).toContain(line);
      }),
      { numRuns: 400 },
    );
  });

  it('refuse a JSON file with bad bytes, naming their line', () => {
    fc.assert(
      fc.property(
        people(10),
        fc.constantFrom<Newline>('\n', '\r\n', '\r'),
        fc.nat(3),
        corruption.filter((how) => how.kind !== 'unterminated-quote' && how.kind !== 'extra-cells'),
        (persons, newline, indent, how) => {
          const { text } = contactJson(persons, false, newline, indent);
          const d = {
            delimiter: ',',
            newline,
            bom: false,
            sepHint: false,
            quoteAll: false,
            trailingNewline: true,
          } as const;
          const { bytes, line } = corrupt(text, how, 5, d);
          const { error } = readOrRefuse(
            () => readContacts(bytes, 'broken.json'),
            'broken.json',
            totalLinesOf(bytes),
          );
          expect(error).toBeInstanceOf(SourceInputError);
          expect(error?.problems.map((problem) => problem.line)).toContain(line);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('return rows or a located SourceInputError, whatever damage a file takes, in any format', () => {
    const file = fc.oneof(
      fc.tuple(people(10), contactLayout, dialect).map(([p, layout, d]) => contactCsv(p, layout, d).text),
      fc
        .tuple(people(10), fc.boolean(), fc.nat(3))
        .map(([p, snake, indent]) => contactJson(p, snake, '\n', indent).text),
    );
    fc.assert(
      fc.property(
        file,
        fc.array(damage, { minLength: 1, maxLength: 3 }),
        fc.constantFrom<'auto' | 'csv' | 'json'>('auto', 'csv', 'json'),
        (text, damages, format) => {
          const bytes = damages.reduce((acc, how) => applyDamage(acc, how), utf8(text) as Uint8Array);
          readOrRefuse(() => readContacts(bytes, 'damaged.txt', format), 'damaged.txt', totalLinesOf(bytes));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never take a value from a __proto__ key, and never touch Object.prototype, whatever the keys', () => {
    const hostileKey = fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '__defineGetter__',
      'valueOf',
    );
    fc.assert(
      fc.property(fc.array(hostileKey, { minLength: 1, maxLength: 4 }), fc.boolean(), (keys, asCsv) => {
        const hidden = 'hidden@proto.example';
        const text = asCsv
          ? `first_name,email,${keys.join(',')}\nAda,,${keys.map(() => hidden).join(',')}\n`
          : `[{"first_name":"Ada",${keys.map((key) => `"${key}":{"email":"${hidden}","polluted":1}`).join(',')}}]`;
        const result = readOrRefuse(() => readContacts(utf8(text), 'proto.txt'), 'proto.txt', 3).result;
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.hasOwn(Object.prototype, 'email')).toBe(false);
        for (const row of result?.rows ?? []) {
          expect(row.emails).not.toContain(hidden);
          expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('device readers, whole files', () => {
  it('read back every device of a CSV in any dialect, notes exactly as written', () => {
    fc.assert(
      fc.property(devices(25), dialect, (list, d) => {
        const { text, lines } = deviceCsv(list, d);
        const source = readDevices(utf8(text), 'devices.csv');
        expect(source.format).toBe('csv');
        expect(source.rows).toEqual(
          list.map((device, i) => ({
            source: { file: 'devices.csv', line: lines[i] },
            organization: trimmed(device.organization),
            name: trimmed(device.name),
            hostname: device.hostname,
            serialNumber: device.serialNumber,
            notes: device.notes.trim() === '' ? undefined : device.notes,
          })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a file certain to be broken, naming the line of the damage', () => {
    fc.assert(
      fc.property(devices(12), dialect, corruption, (list, d, how) => {
        const { text } = deviceCsv(list, d);
        const { bytes, line } = corrupt(text, how, 5, d);
        const { error } = readOrRefuse(
          () => readDevices(bytes, 'devices.csv'),
          'devices.csv',
          totalLinesOf(bytes),
        );
        expect(error, `${how.kind} was accepted`).toBeInstanceOf(SourceInputError);
        expect(error?.problems.map((problem) => problem.line)).toContain(line);
      }),
      { numRuns: 300 },
    );
  });

  it('return rows or a located SourceInputError, whatever damage a file takes, in any device format', () => {
    fc.assert(
      fc.property(
        devices(10),
        dialect,
        fc.array(damage, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('auto', 'csv', 'ninjaone', 'datto', 'intune', 'json'),
        (list, d, damages, format) => {
          const bytes = damages.reduce(
            (acc, how) => applyDamage(acc, how),
            utf8(deviceCsv(list, d).text) as Uint8Array,
          );
          readOrRefuse(
            () =>
              parseConfigurationSource(decodeSourceBytes(bytes, 'd.csv'), 'd.csv', {
                format: format as 'auto',
              }),
            'd.csv',
            totalLinesOf(bytes),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('huge and hostile input', () => {
  it('reads a cell of a megabyte or two, with quotes, delimiters and line breaks inside, exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom('"', ',', '\r\n', '\n', ';', 'é', 'x'),
        (megabytes, filler) => {
          const notes = `start ${filler.repeat(Math.ceil((megabytes * 1024 * 1024) / filler.length))} end`;
          const device = {
            organization: 'Org',
            name: 'Big',
            hostname: 'big-1',
            serialNumber: 'SN123456',
            notes,
          };
          const d = {
            delimiter: ',',
            newline: '\r\n',
            bom: true,
            sepHint: false,
            quoteAll: false,
            trailingNewline: true,
          } as const;
          const { text } = deviceCsv([device, { ...device, hostname: 'after-1', serialNumber: 'SN999' }], d);
          const rows = readDevices(utf8(text), 'huge.csv').rows;
          expect(rows).toHaveLength(2);
          expect(rows[0]?.notes).toBe(notes);
          // The record after the huge cell starts on the line after every line break inside it.
          const breaks = (notes.match(/\r\n|\r|\n/g) ?? []).length;
          expect(rows[1]?.source.line).toBe(3 + breaks);
        },
      ),
      { numRuns: 4 },
    );
  });

  it('refuses JSON nested a hundred thousand deep, or any depth, with a located error or rows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(10, 1000, 20_000, 100_000),
        fc.constantFrom('[', '{"a":'),
        fc.boolean(),
        (depth, open, closed) => {
          const close = open === '[' ? ']' : '}';
          const value = `${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}`;
          const text = `[{"email":"a@b.example","first_name":${value}}]`;
          readOrRefuse(() => readContacts(utf8(text), 'deep.json'), 'deep.json', 1);
        },
      ),
      { numRuns: 16 },
    );
  });

  it('keeps a serial of hundreds of digits as its digits, never a rounded number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{15,400}$/), (digits) => {
        const text = `[{"name":"Device","serial_number":${digits}}]`;
        const rows = readDevices(utf8(text), 'serials.json').rows;
        expect(rows[0]?.serialNumber).toBe(digits);
      }),
      { numRuns: 100 },
    );
  });
});

// ---- vault exports ----------------------------------------------------------------------------

interface VaultItem {
  name: string;
  username: string;
  password: string;
  otp: string;
  notes: string;
}

/** Each CSV layout as its vault writes it: the header, and a row from an item. */
const VAULT_LAYOUTS: Record<string, { header: string[]; row: (item: VaultItem) => string[] }> = {
  'itglue-csv': {
    header: [
      'name',
      'password_folder',
      'organization',
      'username',
      'password',
      'otp_secret',
      'password_category',
      'url',
      'notes',
    ],
    row: (i) => [
      i.name,
      'Acme/Servers',
      'Acme Corp',
      i.username,
      i.password,
      i.otp,
      '',
      'https://x.example',
      i.notes,
    ],
  },
  'keepassxc-csv': {
    header: [
      'Group',
      'Title',
      'Username',
      'Password',
      'URL',
      'Notes',
      'TOTP',
      'Icon',
      'Last Modified',
      'Created',
    ],
    row: (i) => [
      'Root/Acme',
      i.name,
      i.username,
      i.password,
      'https://x.example',
      i.notes,
      i.otp,
      '0',
      '',
      '',
    ],
  },
  '1password-csv': {
    header: ['Title', 'Url', 'Username', 'Password', 'OTPAuth', 'Favorite', 'Archived', 'Tags', 'Notes'],
    row: (i) => [i.name, 'https://x.example', i.username, i.password, i.otp, 'false', 'false', '', i.notes],
  },
  'bitwarden-csv': {
    header: [
      'folder',
      'favorite',
      'type',
      'name',
      'notes',
      'fields',
      'reprompt',
      'login_uri',
      'login_username',
      'login_password',
      'login_totp',
    ],
    row: (i) => [
      'Acme',
      '',
      'login',
      i.name,
      i.notes,
      '',
      '0',
      'https://x.example',
      i.username,
      i.password,
      i.otp,
    ],
  },
};

/** Secrets distinctive enough to search for, with CSV syntax and spaces inside, never trimmed. */
const secret = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]{10,16}$/), messyText)
  .map(([core, messy]) => `pw-${core}${messy.replaceAll('\r', '')}`);
const vaultItems = fc.array(
  fc.record({
    name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,15}$/),
    username: fc.stringMatching(/^[a-z]{0,8}$/),
    password: secret,
    otp: fc.oneof(
      fc.constant(''),
      fc.constant('JBSWY3DPEHPK3PXP'),
      fc.stringMatching(/^otp-[A-Za-z0-9]{10,14}$/),
    ),
    notes: messyText,
  }),
  { minLength: 1, maxLength: 8 },
);

function vaultCsv(items: readonly VaultItem[], format: string, d: Dialect) {
  const layout = VAULT_LAYOUTS[format] as (typeof VAULT_LAYOUTS)[string];
  const { text, lines } = writeCsv([layout.header, ...items.map(layout.row)], d);
  return { text, lines: lines.slice(1) };
}

describe('vault readers, whole files', () => {
  const format = fc.constantFrom(...Object.keys(VAULT_LAYOUTS));

  it('read back every entry of a CSV export in any dialect: the name, and the password byte for byte', () => {
    fc.assert(
      fc.property(vaultItems, format, dialect, fc.boolean(), (items, f, d, auto) => {
        const { text, lines } = vaultCsv(items, f, { ...d, sepHint: false });
        const source = parseVaultSource(utf8(text), 'vault.csv', { format: auto ? 'auto' : (f as 'json') });
        expect(source.format).toBe(f);
        expect(source.rows.map((row) => [row.source.line, row.name, row.password, row.skip])).toEqual(
          items.map((item, i) => [lines[i], item.name.trim(), item.password, undefined]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('return rows or a located SourceInputError, and never quote a password or OTP secret in it or in a warning', () => {
    fc.assert(
      fc.property(
        vaultItems,
        format,
        dialect,
        fc.array(damage, { maxLength: 3 }),
        fc.constantFrom('auto', ...Object.keys(VAULT_LAYOUTS), 'json', 'keepass-xml'),
        (items, f, d, damages, wanted) => {
          const bytes = damages.reduce(
            (acc, how) => applyDamage(acc, how),
            utf8(vaultCsv(items, f, d).text) as Uint8Array,
          );
          const { result, error } = readOrRefuse(
            () => parseVaultSource(bytes, 'vault.csv', { format: wanted as 'json' }),
            'vault.csv',
            totalLinesOf(bytes),
          );
          const said = [
            error?.message ?? '',
            ...(result?.warnings ?? []).map((warning) => warning.message),
          ].join('\n');
          for (const item of items) {
            expect(said).not.toContain(item.password);
            if (item.otp.startsWith('otp-')) expect(said).not.toContain(item.otp);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('refuse a file certain to be broken, naming the line of the damage', () => {
    fc.assert(
      fc.property(vaultItems, format, dialect, corruption, (items, f, d, how) => {
        const { text } = vaultCsv(items, f, d);
        const layout = VAULT_LAYOUTS[f] as (typeof VAULT_LAYOUTS)[string];
        const { bytes, line } = corrupt(text, how, layout.header.length, d);
        const { error } = readOrRefuse(
          () => parseVaultSource(bytes, 'vault.csv', { format: f as 'json' }),
          'vault.csv',
          totalLinesOf(bytes),
        );
        expect(error, `${how.kind} was accepted`).toBeInstanceOf(SourceInputError);
        expect(error?.problems.map((problem) => problem.line)).toContain(line);
        for (const item of items) expect(error?.message).not.toContain(item.password);
      }),
      { numRuns: 300 },
    );
  });
});
