/**
 * Contact readers: every format describing the same people gives the same canonical rows;
 * proxy addresses, guests, blocked users and shared mailboxes; auto-detection; and every error
 * path with its file:line.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContactSourceRow,
  parseContactSource,
  parseProxyAddresses,
  readContactSource,
  SourceInputError,
} from '../../src/sources/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

/** A row without where it came from and its organization (tenant exports carry none). */
function person(row: ContactSourceRow): Omit<ContactSourceRow, 'source' | 'organization'> {
  const { source: _source, organization: _organization, ...rest } = row;
  return rest;
}

function failure(action: () => unknown): SourceInputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceInputError);
    return error as SourceInputError;
  }
  throw new Error('expected a SourceInputError');
}

async function rejection(promise: Promise<unknown>): Promise<SourceInputError> {
  const outcome = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(outcome).toBeInstanceOf(SourceInputError);
  return outcome as SourceInputError;
}

const HEADER =
  'organization,first_name,last_name,email,additional_emails,title,phone,mobile,contact_type,active,external_id';

describe('contact formats describing the same people', () => {
  it('read to the same canonical rows: canonical CSV and JSON, M365 export, Graph users JSON', async () => {
    const canonical = await readContactSource(fixture('contacts-canonical.csv'));
    expect(canonical.format).toBe('csv');
    const people = canonical.rows.map(person);
    expect(people[0]).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      displayName: 'Ada Lovelace',
      emails: ['Ada.Lovelace@contoso.com', 'ada@contoso.com', 'ada+news@contoso.com'],
      title: 'Chief Technology Officer',
      phone: '+1 555 0100',
      mobile: '+1 555 0101',
      active: true,
      externalId: '6a1f0c2e-1111-4c3b-9d51-000000000001',
    });
    expect(canonical.rows.map((row) => row.organization)).toEqual(Array(3).fill('Happy Frog Dental'));

    for (const [file, format] of [
      ['contacts.json', 'json'],
      ['contacts-m365.csv', 'm365'],
      ['contacts-entra.json', 'entra'],
    ] as const) {
      const source = await readContactSource(fixture(file));
      expect(source.format, file).toBe(format);
      // Only the M365 export says who is licensed ("Licenses"; `Unlicensed` when none).
      const synced = source.rows.filter((row) => !row.skip).map(person);
      expect(
        synced.map(({ licensed: _licensed, ...rest }) => rest),
        file,
      ).toEqual(people);
      if (format === 'm365') expect(synced.map((row) => row.licensed)).toEqual([true, false, true]);
    }
  });

  it('the Entra CSV has no proxy addresses, so it gives the primary address and the UPN only', async () => {
    const canonical = (await readContactSource(fixture('contacts-canonical.csv'))).rows.map(person);
    const entra = await readContactSource(fixture('contacts-entra.csv'));
    const people = entra.rows.filter((row) => !row.skip).map(person);
    expect(people.map(({ emails, ...rest }) => rest)).toEqual(canonical.map(({ emails, ...rest }) => rest));
    expect(people.map((row) => row.emails)).toEqual(canonical.map((row) => row.emails.slice(0, 2)));
  });

  it('gives every row the line it starts on, in CSV and in JSON', async () => {
    expect(
      (await readContactSource(fixture('contacts-m365.csv'))).rows.map((row) => row.source.line),
    ).toEqual([2, 3, 4, 5]);
    const json = await readContactSource(fixture('contacts.json'));
    expect(json.rows.map((row) => row.source)).toEqual([
      { file: fixture('contacts.json'), line: 2 },
      { file: fixture('contacts.json'), line: 15 },
      { file: fixture('contacts.json'), line: 27 },
    ]);
  });
});

describe('Microsoft 365 and Entra exports', () => {
  it('puts the SMTP: primary first, then the UPN, then smtp: aliases; SIP, X500 and SPO are dropped', async () => {
    const [ada] = (await readContactSource(fixture('contacts-m365.csv'))).rows;
    expect(ada?.emails).toEqual(['Ada.Lovelace@contoso.com', 'ada@contoso.com', 'ada+news@contoso.com']);
  });

  it('splits proxy addresses at "+" only where a typed entry begins', () => {
    expect(
      parseProxyAddresses([
        'smtp:a+b@x.example+SMTP:Primary@x.example+SIP:a@x.example+x500:/o=Org+smtp:c@x.example',
      ]),
    ).toEqual({
      primary: 'Primary@x.example',
      aliases: ['a+b@x.example', 'c@x.example'],
    });
    expect(parseProxyAddresses(['SMTP:a@x.example', 'smtp:b@x.example', 'bare@x.example'])).toEqual({
      primary: 'a@x.example',
      aliases: ['b@x.example', 'bare@x.example'],
    });
  });

  it('maps Block credential = True to active false, and accountEnabled false to active false', async () => {
    const m365 = await readContactSource(fixture('contacts-m365.csv'));
    expect(m365.rows.map((row) => row.active)).toEqual([true, false, true, true]);
    const entra = await readContactSource(fixture('contacts-entra.csv'));
    expect(entra.rows.map((row) => row.active)).toEqual([true, false, true, true]);
  });

  it('keeps guests and shared mailboxes as rows with a skip reason, never drops them', async () => {
    const m365 = await readContactSource(fixture('contacts-m365.csv'));
    expect(m365.rows[3]?.skip).toEqual({ reason: 'guest account (#EXT# in the user principal name)' });
    const entra = await readContactSource(fixture('contacts-entra.csv'));
    expect(entra.rows[3]).toMatchObject({
      displayName: 'Pat Partner (Fabrikam)',
      skip: { reason: expect.stringMatching(/^guest account/) },
    });
    const graph = await readContactSource(fixture('contacts-entra.json'));
    expect(graph.rows[3]).toMatchObject({
      emails: ['reception@contoso.com'],
      skip: { reason: 'not a person: SharedMailbox mailbox' },
    });
    const userTypeOnly = parseContactSource(
      'userPrincipalName,mail,userType\nvisitor@contoso.com,visitor@fabrikam.com,Guest\n',
      'u.csv',
    );
    expect(userTypeOnly.rows[0]?.skip).toEqual({ reason: 'guest account (userType Guest)' });
  });

  it('does not take the personal alternateEmailAddress as a work address', async () => {
    const entra = await readContactSource(fixture('contacts-entra.csv'));
    expect(entra.rows[0]?.emails).not.toContain('ada.personal@gmail.com');
  });

  it('keeps a formula-looking cell as text (=1+3 stays =1+3)', async () => {
    const source = await readContactSource(fixture('contacts-semicolon-bom-crlf.csv'));
    expect(source.rows[0]?.phone).toBe('=1+3');
  });
});

describe('the canonical CSV', () => {
  it('reads a BOM, semicolons, CRLF, a quoted line break and doubled quotes', async () => {
    const source = await readContactSource(fixture('contacts-semicolon-bom-crlf.csv'));
    expect(source.rows).toEqual([
      {
        source: { file: fixture('contacts-semicolon-bom-crlf.csv'), line: 2 },
        organization: 'Happy Frog Dental',
        firstName: 'Zoë',
        lastName: 'Dupont-Müller',
        emails: ['zoe.dupont@contoso.com', 'zoe@contoso.com', 'z.dupont@contoso.com'],
        title: 'Leiterin "Praxis"\r\nStandort Nord',
        phone: '=1+3',
        contactType: 'Employee',
        active: true,
      },
      {
        source: { file: fixture('contacts-semicolon-bom-crlf.csv'), line: 4 },
        organization: 'Happy Frog Dental',
        firstName: 'Jan',
        lastName: 'de Vries',
        emails: ['jan@contoso.com'],
        title: 'Tandarts; eigenaar',
        phone: '+31 20 555 0100',
      },
    ]);
  });

  it('takes header aliases in any case and spelling, and prefers organization_id to the name', () => {
    const text =
      'Organization_ID,Org,Given Name,SURNAME,E-Mail,Job-Title,Is Active\n42,Happy Frog Dental,Ada,Lovelace,ada@contoso.com,CTO,yes\n';
    expect(parseContactSource(text, 'a.csv').rows[0]).toEqual({
      source: { file: 'a.csv', line: 2 },
      organization: '42',
      firstName: 'Ada',
      lastName: 'Lovelace',
      emails: ['ada@contoso.com'],
      title: 'CTO',
      active: true,
    });
  });

  it('de-duplicates addresses case-insensitively and keeps the first spelling', () => {
    const row = parseContactSource(
      `${HEADER}\nHFD,Ada,L,Ada@Contoso.com,ada@contoso.com; ADA@CONTOSO.COM ,x@contoso.com,,,,,\n`,
      'a.csv',
    ).rows[0];
    expect(row?.emails).toEqual(['Ada@Contoso.com']);
  });

  it('drops an invalid additional address with a warning naming the line', () => {
    const source = parseContactSource(
      `${HEADER}\nHFD,Ada,L,ada@contoso.com,not-an-address;a.l@contoso.com,,,,,,\n`,
      'a.csv',
    );
    expect(source.rows[0]?.emails).toEqual(['ada@contoso.com', 'a.l@contoso.com']);
    expect(source.warnings).toEqual([
      {
        source: { file: 'a.csv', line: 2 },
        message: 'additional_emails: "not-an-address" is not an email address; left out',
      },
    ]);
  });

  it('reports a row with neither name nor address as not a person, and passes over blank lines', () => {
    const source = parseContactSource(`${HEADER}\nHFD,,,,,Receptionist,,,,,\n,,,,,,,,,,\n\n`, 'a.csv');
    expect(source.rows).toEqual([
      {
        source: { file: 'a.csv', line: 2 },
        organization: 'HFD',
        emails: [],
        title: 'Receptionist',
        skip: { reason: 'not a person: no name and no email address' },
      },
    ]);
  });

  it('warns once about columns it does not use', () => {
    const source = parseContactSource('email,first_name,emial_2\nada@contoso.com,Ada,x\n', 'a.csv');
    expect(source.warnings).toEqual([
      {
        source: { file: 'a.csv', line: 1 },
        message: 'columns not used: "emial_2" (a typo in a header name?)',
      },
    ]);
  });
});

describe('auto-detection', () => {
  it('says which format it chose and from which headers', async () => {
    const source = await readContactSource(fixture('contacts-m365.csv'));
    expect(source.detection).toMatch(
      /^auto-detected m365 \(Microsoft 365 admin-center "Export users" CSV\) from the headers "Block credential"/,
    );
    expect(
      (await readContactSource(fixture('contacts-canonical.csv'), { format: 'csv' })).detection,
    ).toBeUndefined();
  });

  it('tells Entra from M365 although both write the user principal name', () => {
    expect(
      parseContactSource('userPrincipalName,mail,accountEnabled\na@x.example,a@x.example,true\n', 'u.csv')
        .format,
    ).toBe('entra');
    expect(
      parseContactSource('User principal name,Block credential\na@x.example,False\n', 'u.csv').format,
    ).toBe('m365');
  });

  it('reads JSON with Graph user keys as entra, other JSON as canonical', () => {
    expect(parseContactSource('[{"userPrincipalName": "a@x.example"}]', 'u.json').format).toBe('entra');
    expect(parseContactSource('[{"email": "a@x.example", "firstName": "A"}]', 'u.json').format).toBe('json');
  });

  it('lists the headers it saw and those it expected when nothing fits', async () => {
    const error = await rejection(readContactSource(fixture('contacts-unknown.csv')));
    expect(error.line).toBe(1);
    expect(error.message).toMatch(
      /cannot tell the format from the headers .* Seen: "Nom", "Prénom", "Courriel"\. Expected: csv \(gluekit contact CSV\): "organization"/,
    );
    expect(error.message).toMatch(/m365 \(.*\): "User principal name"/);
    expect(error.fix).toMatch(/`format`/);
  });
});

describe('contact input problems', () => {
  it('lists every problem in the file with its line and field, and reads nothing', async () => {
    const error = await rejection(readContactSource(fixture('contacts-problems.csv')));
    const file = fixture('contacts-problems.csv');
    expect(error.problems.map((problem) => [problem.line, problem.field, problem.message])).toEqual([
      [2, 'email', '"bob@" is not an email address'],
      [3, 'active', '"maybe" is not true or false'],
      [4, undefined, 'the row has 7 cells but the header has 6 columns'],
    ]);
    expect(error.message.split('\n')[1]).toBe(
      `  ${file}:2: email: "bob@" is not an email address. Fix the cell or remove the row.`,
    );
  });

  it('names the line where an unterminated quote began, with problems found before it', () => {
    const error = failure(() => parseContactSource('email,active\nbob@,true\nok@x.example,"yes\n', 'c.csv'));
    expect(error.problems.map((problem) => problem.line)).toEqual([2, 3]);
    expect(error.problems[1]?.message).toMatch(/never closed/);
  });

  it('needs a name or address column in the canonical format', () => {
    const error = failure(() => parseContactSource('title,phone\nCTO,555\n', 'c.csv', { format: 'csv' }));
    expect(error.message).toMatch(
      /c\.csv:1: the gluekit contact CSV needs a column "email" or "first_name" or .*; the file has "title", "phone"/,
    );
  });

  it('refuses a file with two columns for the same field', () => {
    const error = failure(() => parseContactSource('email,E-mail\na@x.example,b@x.example\n', 'c.csv'));
    expect(error.message).toBe(
      'c.csv:1: email, E-mail: 2 columns all give email. Remove or rename all but one of them.',
    );
  });

  it('refuses an empty file rather than reading it as "nobody"', () => {
    expect(() => parseContactSource(' \n\n', 'c.csv')).toThrow(/c\.csv:1: the file is empty/);
    expect(parseContactSource(`${HEADER}\n`, 'c.csv').rows).toEqual([]);
  });

  it('reports JSON of the wrong shape at the line of the element', () => {
    const error = failure(() =>
      parseContactSource(
        '[\n  {"email": "a@x.example"},\n  "bob",\n  {"email": {"nested": true}}\n]',
        'c.json',
      ),
    );
    expect(error.problems.map((problem) => [problem.line, problem.field, problem.message])).toEqual([
      [3, undefined, 'expected a record ({...}), found a string'],
      [4, 'email', 'expected text, found an object'],
    ]);
  });

  it('refuses the M365 format for a JSON file', () => {
    expect(() => parseContactSource('[{"email": "a@x.example"}]', 'c.json', { format: 'm365' })).toThrow(
      /the file is JSON, but the m365 format is read from CSV/,
    );
  });

  it('never echoes other cells of a bad row in the message', () => {
    const error = failure(() =>
      parseContactSource('email,title,active\nbob@x.example,hunter2-secret,perhaps\n', 'c.csv'),
    );
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.message).toContain('"perhaps"');
  });
});

describe('contact reader properties', () => {
  it('never crashes on arbitrary text: rows, or a SourceInputError whose every problem has a line', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({
        unit: fc.constantFrom('"', ',', ';', '\n', '\r', 'a', '@', ' ', '[', '{', '}', ']', ':'),
        maxLength: 80,
      }),
      fc
        .array(fc.string({ maxLength: 12 }), { maxLength: 8 })
        .map((cells) => `${HEADER}\n${cells.join(',')}\n`),
    );
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('auto', 'csv', 'm365', 'entra', 'json') as fc.Arbitrary<'auto'>,
        (input, format) => {
          try {
            const source = parseContactSource(input, 'fuzz.csv', { format });
            for (const row of source.rows) expect(row.source.line).toBeGreaterThanOrEqual(1);
          } catch (error) {
            expect(error).toBeInstanceOf(SourceInputError);
            for (const problem of (error as SourceInputError).problems)
              expect(problem.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('format names', () => {
  it('refuses a format it does not know, listing the ones it does', () => {
    expect(() => parseContactSource('email\na@x.example\n', 'c.csv', { format: 'xml' as 'csv' })).toThrow(
      '"xml" is not a format this reader knows; use one of auto, csv, m365, entra, json',
    );
  });
});

describe('what a contact source says beyond the contact (issue 15)', () => {
  it('names the columns and keys with data that no field reads, and only those', async () => {
    const m365 = await readContactSource(fixture('contacts-m365.csv'));
    // Blank in every row (Fax, DirSyncEnabled...) is not named; read columns never are.
    expect(m365.unusedColumns).toContain('Department');
    expect(m365.unusedColumns).toContain('City');
    expect(m365.unusedColumns).not.toContain('Fax');
    expect(m365.unusedColumns).not.toContain('User principal name');
    expect(m365.unusedColumns).not.toContain('Licenses');
    const graph = parseContactSource(
      JSON.stringify({
        value: [
          {
            userPrincipalName: 'a@contoso.com',
            mail: 'a@contoso.com',
            department: 'Sales',
            assignedLicenses: [],
          },
          { userPrincipalName: 'b@contoso.com', assignedLicenses: [{ skuId: 'sku-1' }], officeLocation: '' },
        ],
      }),
      'users.json',
    );
    expect(graph.format).toBe('entra');
    expect(graph.unusedColumns).toEqual(['department']);
    expect(graph.rows.map((row) => row.licensed)).toEqual([undefined, true]);
  });

  it('reads the M365 "Office phone" as the work phone; next to a different "Phone number" it says which is kept', () => {
    const header = 'User principal name,Proxy addresses,Phone number,Office phone,Groups';
    const source = parseContactSource(
      `${header}\na@contoso.com,,,+1 509 555 0100,Sales;All staff\nb@contoso.com,,555 0001,555 0002,\nc@contoso.com,,5095550003,+1 509 555 0003,\n`,
      'users.csv',
    );
    expect(source.format).toBe('m365');
    expect(source.rows.map((row) => row.phone)).toEqual(['+1 509 555 0100', '555 0001', '5095550003']);
    expect(source.rows[0]?.groups).toEqual(['Sales', 'All staff']);
    expect(source.warnings.map((w) => `${w.source.line}: ${w.message}`)).toEqual([
      '3: Office phone: "555 0002" left out: Phone number "555 0001" is the Work phone',
    ]);
  });
});
