/**
 * Header matching, and the format tables: no alias may mean two fields in one format, and every
 * format's detection signature must stay distinct enough that its own headers select it.
 */
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_CSV, CONFIGURATION_JSON } from '../../src/sources/configurations/canonical.js';
import { CONFIGURATION_DATTO } from '../../src/sources/configurations/datto.js';
import { CONFIGURATION_INTUNE } from '../../src/sources/configurations/intune.js';
import { CONFIGURATION_NINJAONE } from '../../src/sources/configurations/ninjaone.js';
import { CONTACT_CSV, CONTACT_JSON } from '../../src/sources/contacts/canonical.js';
import { CONTACT_ENTRA } from '../../src/sources/contacts/entra.js';
import { CONTACT_M365 } from '../../src/sources/contacts/m365.js';
import { detectFormat } from '../../src/sources/formats.js';
import { headerKey, matchColumns } from '../../src/sources/headers.js';

const CONTACT_SPECS = [CONTACT_CSV, CONTACT_M365, CONTACT_ENTRA, CONTACT_JSON];
const DEVICE_SPECS = [
  CONFIGURATION_CSV,
  CONFIGURATION_NINJAONE,
  CONFIGURATION_DATTO,
  CONFIGURATION_INTUNE,
  CONFIGURATION_JSON,
];

describe('header keys', () => {
  it('ignore case, whitespace, underscores and hyphens', () => {
    for (const header of ['First Name', 'first_name', 'firstName', 'FIRST-NAME', ' first  name '])
      expect(headerKey(header)).toBe('firstname');
    expect(headerKey('system.serialNumber')).toBe('system.serialnumber');
    expect(headerKey('Country/Region')).toBe('country/region');
  });

  it('match columns to fields, reporting unused headers and fields given twice', () => {
    const table = { email: ['email', 'mail'], firstName: ['first_name'] };
    expect(matchColumns(['E-Mail', 'First Name', 'Notes', '', 'mail'], table)).toEqual({
      columns: new Map([
        ['email', 0],
        ['firstName', 1],
      ]),
      duplicates: [{ field: 'email', headers: ['E-Mail', 'mail'] }],
      unused: ['Notes'],
    });
  });
});

describe('format tables', () => {
  it.each([...CONTACT_SPECS, ...DEVICE_SPECS].map((spec) => [spec.format, spec.label, spec] as const))(
    '%s (%s) gives no alias to two fields',
    (_, __, spec) => {
      const owner = new Map<string, string>();
      for (const [field, aliases] of Object.entries(spec.fields as Record<string, readonly string[]>)) {
        for (const alias of aliases) {
          const key = headerKey(alias);
          expect(owner.get(key) ?? field, `${alias} is claimed by ${owner.get(key)} and ${field}`).toBe(
            field,
          );
          owner.set(key, field);
        }
      }
    },
  );

  it.each([
    ['contacts', 'csv', CONTACT_SPECS],
    ['contacts', 'm365', CONTACT_SPECS],
    ['contacts', 'entra', CONTACT_SPECS],
    ['devices', 'csv', DEVICE_SPECS],
    ['devices', 'ninjaone', DEVICE_SPECS],
    ['devices', 'datto', DEVICE_SPECS],
    ['devices', 'intune', DEVICE_SPECS],
  ] as const)('%s: a CSV with all the %s signature headers is detected as %s', (_, format, specs) => {
    const readable = (specs as ReadonlyArray<(typeof specs)[number]>).filter((spec) => spec.reads.csv);
    const spec = readable.find((candidate) => candidate.format === format);
    const detected = detectFormat(readable, [...(spec?.signature ?? [])]);
    expect('spec' in detected && detected.spec.format).toBe(format);
  });
});
