/**
 * Device readers: the canonical CSV and JSON, NinjaOne, Datto RMM and Intune describing the same
 * three machines give the same match keys; where each RMM keeps its serial; junk serials and bad
 * MACs are kept as written but warned about; auto-detection; the organization map; errors.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConfigurationSourceRow,
  normalizeHostname,
  normalizeMac,
  normalizeSerial,
  parseConfigurationSource,
  readConfigurationSource,
  SourceInputError,
} from '../../src/sources/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

/** What the matcher sees of a device, plus the descriptive fields every format carries. */
function keys(row: ConfigurationSourceRow) {
  return {
    serial: normalizeSerial(row.serialNumber),
    host: normalizeHostname(row.hostname),
    name: row.name,
    manufacturer: row.manufacturer,
    model: row.model,
  };
}

const THREE_DEVICES = [
  {
    serial: '5CG1234XYZ',
    host: 'hfd-ws-01',
    name: 'HFD-WS-01',
    manufacturer: 'HP',
    model: 'EliteDesk 800 G6',
  },
  { serial: undefined, host: 'hfd-ws-02', name: 'HFD-WS-02', manufacturer: 'ASRock', model: 'B450M Pro4' },
  {
    serial: '0012345678',
    host: 'hfd-lt-03',
    name: 'HFD-LT-03',
    manufacturer: 'Dell Inc.',
    model: 'Latitude 5440',
  },
];

describe('device formats describing the same machines', () => {
  it.each([
    ['devices-canonical.csv', 'csv'],
    ['devices.json', 'json'],
    ['devices-ninjaone.json', 'ninjaone'],
    ['devices-ninjaone.csv', 'ninjaone'],
    ['devices-datto.json', 'datto'],
    ['devices-datto.csv', 'datto'],
    ['devices-intune.csv', 'intune'],
    ['devices-intune.json', 'intune'],
  ])('%s is detected as %s and gives the same serials, hostnames and models', async (file, format) => {
    const source = await readConfigurationSource(fixture(file));
    expect(source.format).toBe(format);
    expect(source.rows.map(keys)).toEqual(THREE_DEVICES);
  });

  it('gives the same MAC keys wherever the source has them', async () => {
    const macs = async (file: string) =>
      (await readConfigurationSource(fixture(file))).rows.map((row) => normalizeMac(row.macAddress));
    const expected = ['3C-52-82-1A-2B-3C', '00-1B-21-AA-BB-CC', undefined];
    for (const file of [
      'devices-canonical.csv',
      'devices.json',
      'devices-ninjaone.json',
      'devices-ninjaone.csv',
      'devices-datto.json',
    ]) {
      expect(await macs(file), file).toEqual(expected);
    }
    expect(await macs('devices-intune.json')).toEqual([
      '3C-52-82-1A-2B-3C',
      '00-1B-21-AA-BB-CC',
      'A0-B1-C2-D3-E4-F5',
    ]);
  });

  it('reads the canonical CSV exactly, notes with their line break, serials as written', async () => {
    const source = await readConfigurationSource(fixture('devices-canonical.csv'));
    expect(source.rows[0]).toEqual({
      source: { file: fixture('devices-canonical.csv'), line: 2 },
      organization: 'Happy Frog Dental',
      name: 'HFD-WS-01',
      hostname: 'HFD-WS-01',
      serialNumber: '5CG1234XYZ',
      assetTag: 'HFD-0001',
      macAddress: '3C:52:82:1A:2B:3C',
      primaryIp: '10.0.0.21',
      type: 'Workstation',
      manufacturer: 'HP',
      model: 'EliteDesk 800 G6',
      os: 'Windows 11 Pro',
      notes: 'Front desk.\nLabel printer attached.',
    });
    expect(source.rows.map((row) => row.source.line)).toEqual([2, 4, 5]);
    expect(source.rows[2]?.serialNumber).toBe('0012345678');
  });
});

describe('NinjaOne', () => {
  it('falls back to system.biosSerialNumber when system.serialNumber is missing', async () => {
    const [, , laptop] = (await readConfigurationSource(fixture('devices-ninjaone.json'))).rows;
    expect(laptop).toMatchObject({
      serialNumber: '0012345678',
      externalId: '103',
      type: 'WINDOWS_WORKSTATION',
      os: 'Windows 11 Pro',
    });
  });

  it('names the location by name (references.location.name), never by NinjaOne id', () => {
    const json = JSON.stringify([
      { systemName: 'PC1', locationId: 12, references: { location: { id: 12, name: 'Head Office' } } },
      { systemName: 'PC2', locationId: 13 },
    ]);
    expect(parseConfigurationSource(json, 'n.json').rows.map((row) => row.location)).toEqual([
      'Head Office',
      undefined,
    ]);
  });

  it('prefers a real BIOS serial over a placeholder system serial', () => {
    const json = JSON.stringify([
      { systemName: 'PC1', system: { serialNumber: 'Default string', biosSerialNumber: 'PF3XK9AB' } },
    ]);
    expect(parseConfigurationSource(json, 'n.json').rows[0]?.serialNumber).toBe('PF3XK9AB');
  });

  it('takes the first routable IPv4 and the first real MAC', async () => {
    const [first, second] = (await readConfigurationSource(fixture('devices-ninjaone.json'))).rows;
    expect(first?.primaryIp).toBe('10.0.0.21');
    expect(second).toMatchObject({ primaryIp: '10.0.0.22', macAddress: '00:1B:21:AA:BB:CC' });
  });

  it('names the organization by organizationName, the organization map, or not at all (with one warning)', () => {
    const devices = (organization: object) =>
      JSON.stringify([
        { systemName: 'PC1', nodeClass: 'WINDOWS_WORKSTATION', ...organization },
        { systemName: 'PC2', nodeClass: 'WINDOWS_WORKSTATION', ...organization },
      ]);
    expect(
      parseConfigurationSource(devices({ organizationId: 7, organizationName: 'HFD' }), 'n.json').rows[0]
        ?.organization,
    ).toBe('HFD');
    expect(
      parseConfigurationSource(devices({ references: { organization: { name: 'HFD' } } }), 'n.json').rows[0]
        ?.organization,
    ).toBe('HFD');
    const mapped = parseConfigurationSource(devices({ organizationId: 7 }), 'n.json', {
      organizationMap: { '7': 'Happy Frog Dental' },
    });
    expect(mapped.rows.map((row) => row.organization)).toEqual(['Happy Frog Dental', 'Happy Frog Dental']);
    const unmapped = parseConfigurationSource(devices({ organizationId: 7 }), 'n.json');
    expect(unmapped.rows[0]?.organization).toBeUndefined();
    expect(unmapped.warnings).toEqual([
      {
        source: { file: 'n.json', line: 1 },
        message:
          'NinjaOne organization "7" has no name in the file and no entry in the organization map; its devices use `organization`',
      },
    ]);
  });
});

describe('Datto RMM', () => {
  it('prefers the audit BIOS serial over the baseboard serial', async () => {
    const [desktop, , laptop] = (await readConfigurationSource(fixture('devices-datto.json'))).rows;
    expect(desktop?.serialNumber).toBe('5CG1234XYZ');
    expect(laptop?.serialNumber).toBe('0012345678');
  });

  it('falls back to the baseboard serial when the BIOS has none, and leaves the serial out without an audit', () => {
    const devices = JSON.stringify({
      devices: [
        { hostname: 'PC1', siteName: 'HFD', audit: { baseBoard: { serialNumber: 'MB12345678' } } },
        { hostname: 'PC2', siteName: 'HFD' },
      ],
    });
    const rows = parseConfigurationSource(devices, 'd.json').rows;
    expect(rows.map((row) => row.serialNumber)).toEqual(['MB12345678', undefined]);
  });

  it('takes the site as organization, deviceType.category as type, the uid as id', async () => {
    const [desktop] = (await readConfigurationSource(fixture('devices-datto.json'))).rows;
    expect(desktop).toMatchObject({
      organization: 'Happy Frog Dental',
      type: 'Desktop',
      externalId: '8f2e6a40-0000-4000-8000-000000000101',
    });
  });

  it('maps a site to an IT Glue organization through the organization map', async () => {
    const source = await readConfigurationSource(fixture('devices-datto.json'), {
      organizationMap: new Map([['b7c1-site-hfd', '12345']]),
    });
    expect(source.rows.map((row) => row.organization)).toEqual(['12345', '12345', '12345']);
  });
});

describe('canonical location and primary user', () => {
  it('reads location and primary_user columns', () => {
    const csv = 'name,serial_number,location,primary_user\nPC1,SERIAL0001,Head Office,ada@contoso.com\n';
    expect(parseConfigurationSource(csv, 'd.csv').rows[0]).toMatchObject({
      location: 'Head Office',
      primaryUser: 'ada@contoso.com',
    });
  });
});

describe('Intune', () => {
  it('reads the admin-center export with its BOM and CRLF, and keeps the primary user', async () => {
    const source = await readConfigurationSource(fixture('devices-intune.csv'));
    expect(source.rows[0]).toMatchObject({
      source: { file: fixture('devices-intune.csv'), line: 2 },
      name: 'HFD-WS-01',
      hostname: 'HFD-WS-01',
      serialNumber: '5CG1234XYZ',
      primaryUser: 'ada@contoso.com',
      primaryUserEmail: 'Ada.Lovelace@contoso.com',
      externalId: '3d1f4c52-0000-4000-8000-000000000001',
    });
    expect(source.rows[0]?.organization).toBeUndefined();
  });

  it('uses chassisType as the type unless it is unknown, then deviceType', async () => {
    const source = await readConfigurationSource(fixture('devices-intune.json'));
    expect(source.rows.map((row) => row.type)).toEqual(['desktop', 'windowsRT', 'laptop']);
  });
});

describe('junk serials and bad MACs', () => {
  it('keeps them as written for the report, warns with the reason, and never as a match key', async () => {
    const source = await readConfigurationSource(fixture('devices-junk-serials.csv'));
    expect(source.rows.map((row) => row.serialNumber)).toEqual([
      '1.23457E+11',
      '0',
      'Default string',
      'System Serial Number',
      '0123456789',
      '00000000',
      'N/A',
      'ABC',
      '5cg 1234 xyz',
    ]);
    expect(source.rows.map((row) => normalizeSerial(row.serialNumber))).toEqual([
      ...Array(8).fill(undefined),
      '5CG1234XYZ',
    ]);
    expect(source.rows[8]?.macAddress).toBe('3c5282.1a2b.3c');
    const file = fixture('devices-junk-serials.csv');
    expect(source.warnings).toContainEqual({
      source: { file, line: 2 },
      message:
        'serial number "1.23457E+11" is a number in scientific notation (Excel rewrote it; the real value is lost): not used for matching',
    });
    expect(source.warnings).toContainEqual({
      source: { file, line: 4 },
      message: 'MAC address "not-a-mac" is not a usable MAC address: not used for matching',
    });
    expect(source.warnings.filter((warning) => warning.source.line === 10)).toEqual([]);
  });

  it('keeps a serial that JSON gives as a number as its digits, however long', () => {
    const rows = parseConfigurationSource(
      '[{"name": "PC1", "serialNumber": 123456789012345678901}, {"name": "PC2", "serial_number": 42424242}]',
      'd.json',
    ).rows;
    expect(rows.map((row) => row.serialNumber)).toEqual(['123456789012345678901', '42424242']);
  });
});

describe('device auto-detection and problems', () => {
  it('prefers the canonical format when its columns tie with another', () => {
    expect(
      parseConfigurationSource('Serial number,Manufacturer,Model\n5CG1234XYZ,HP,X\n', 'd.csv').format,
    ).toBe('csv');
  });

  it('errs with the headers seen and expected when nothing fits', () => {
    expect(() => parseConfigurationSource('foo,bar\n1,2\n', 'd.csv')).toThrow(
      /d\.csv:1: cannot tell the format .* Seen: "foo", "bar"\. Expected: csv .* ninjaone .* datto .* intune/,
    );
  });

  it('needs a way to identify a device when the format is given', () => {
    expect(() =>
      parseConfigurationSource('organization,type\nHFD,Workstation\n', 'd.csv', { format: 'csv' }),
    ).toThrow(/needs a column "name" or "hostname" or "serial_number" or "asset_tag" or "mac_address"/);
  });

  it('names the line of a JSON syntax error', () => {
    const error = (() => {
      try {
        parseConfigurationSource('[\n  {"name": "PC1"},\n  {"name": "PC2",}\n]\n', 'd.json');
      } catch (caught) {
        return caught as SourceInputError;
      }
    })();
    expect(error).toBeInstanceOf(SourceInputError);
    expect(error?.line).toBe(3);
    expect(error?.message).toMatch(/^d\.json:3: the file is not valid JSON/);
  });

  it('never crashes on arbitrary text in any format', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json().map((json) => json),
      fc
        .array(fc.string({ maxLength: 10 }), { maxLength: 6 })
        .map((cells) => `name,serial_number,mac_address\n${cells.join(',')}\n`),
    );
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('auto', 'csv', 'ninjaone', 'datto', 'intune', 'json') as fc.Arbitrary<'auto'>,
        (input, format) => {
          try {
            parseConfigurationSource(input, 'fuzz', { format });
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
