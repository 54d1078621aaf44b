/**
 * The match keys: emails, serials (and why a serial is junk), asset tags, MACs, hostnames and
 * names. Each never throws, is idempotent, and returns undefined for values that cannot be keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeAssetTag,
  normalizeEmail,
  normalizeHostname,
  normalizeMac,
  normalizeName,
  normalizeSerial,
  serialJunkReason,
} from '../../src/normalize/keys.js';

describe('normalizeEmail', () => {
  it('trims, lowercases and keeps +tags and dots', () => {
    expect(normalizeEmail('  John.Smith+Invoices@Contoso.COM ')).toBe('john.smith+invoices@contoso.com');
    expect(normalizeEmail("o'brien@contoso.ie")).toBe("o'brien@contoso.ie");
    expect(normalizeEmail('pat_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe(
      'pat_fabrikam.com#ext#@contoso.onmicrosoft.com',
    );
  });

  it('composes to NFC, so a decomposed é matches a precomposed one', () => {
    expect(normalizeEmail('ze\u0301@exemple.fr')).toBe('z\u00e9@exemple.fr');
    expect(normalizeEmail('ZÉ@exemple.fr')).toBe(normalizeEmail('ze\u0301@EXEMPLE.fr'));
    expect(normalizeEmail('info@bücher.de')).toBe('info@bücher.de');
  });

  it('returns undefined for anything that is not an address', () => {
    for (const value of [
      '',
      '   ',
      'bob@',
      '@contoso.com',
      'bob',
      'bob@localhost',
      'bob@10.0.0.1',
      'two@at@signs.com',
      'with space@contoso.com',
      'SMTP:ada@contoso.com',
      'Ada <ada@contoso.com>',
      '.ada@contoso.com',
      'ada.@contoso.com',
      'a..b@contoso.com',
      'ada@contoso..com',
      'ada@-contoso.com',
      'ada@contoso.com.',
      `${'a'.repeat(65)}@contoso.com`,
      `ada@${'a'.repeat(64)}.com`,
      undefined,
      null,
    ]) {
      expect(normalizeEmail(value), String(value)).toBeUndefined();
    }
  });
});

describe('normalizeSerial and serialJunkReason', () => {
  it('removes all whitespace, uppercases, and keeps leading zeros in a string', () => {
    expect(normalizeSerial('  5cg 1234\txyz ')).toBe('5CG1234XYZ');
    expect(normalizeSerial('0012345678')).toBe('0012345678');
    expect(normalizeSerial('VMware-56 4d 1a 2b')).toBe('VMWARE-564D1A2B');
  });

  it.each([
    ['To Be Filled By O.E.M.', 'a placeholder, not a real serial'],
    ['TobefilledbyO.E.M.', 'a placeholder, not a real serial'],
    ['Default string', 'a placeholder, not a real serial'],
    ['System Serial Number', 'a placeholder, not a real serial'],
    ['SystemSerialNumber', 'a placeholder, not a real serial'],
    ['Chassis Serial Number', 'a placeholder, not a real serial'],
    ['Base Board Serial Number', 'a placeholder, not a real serial'],
    ['None', 'a placeholder, not a real serial'],
    ['N/A', 'a placeholder, not a real serial'],
    ['NA', 'a placeholder, not a real serial'],
    ['Not Specified', 'a placeholder, not a real serial'],
    ['Not Available', 'a placeholder, not a real serial'],
    ['Unknown', 'a placeholder, not a real serial'],
    ['Empty', 'a placeholder, not a real serial'],
    ['No Serial', 'a placeholder, not a real serial'],
    ['INVALID', 'a placeholder, not a real serial'],
    ['Default', 'a placeholder, not a real serial'],
    ['O.E.M.', 'a placeholder, not a real serial'],
    ['OEM', 'a placeholder, not a real serial'],
    ['Asset Tag', 'a placeholder, not a real serial'],
    ['0', 'a placeholder, not a real serial'],
    ['0123456789', 'a counting sequence, not a real serial'],
    ['123456789', 'a counting sequence, not a real serial'],
    ['1234567890', 'a counting sequence, not a real serial'],
    ['00000000', 'one character repeated'],
    ['XXXXXXXX', 'one character repeated'],
    ['00000000-0000-0000-0000-000000000000', 'one character repeated'],
    ['FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'one character repeated'],
    ['1.23457E+11', 'a number in scientific notation (Excel rewrote it; the real value is lost)'],
    ['4.5e-05', 'a number in scientific notation (Excel rewrote it; the real value is lost)'],
    ['ABC', 'shorter than 4 characters'],
    ['--..', 'punctuation only'],
    ['   ', 'empty'],
  ])('%j is junk: %s', (serial, reason) => {
    expect(serialJunkReason(serial)).toBe(reason);
    expect(normalizeSerial(serial)).toBeUndefined();
  });

  it('keeps real serials that only look odd', () => {
    for (const serial of ['12E4567', 'ABCD', '2345', 'PF3XK9', 'C02XL0GHJGH5', '0000-0017-5210']) {
      expect(serialJunkReason(serial), serial).toBeUndefined();
      expect(normalizeSerial(serial)).toBeDefined();
    }
  });

  it('treats asset tags by the same rules, except that short tags are real', () => {
    expect(normalizeAssetTag(' at 042 ')).toBe('AT042');
    expect(normalizeAssetTag('042')).toBe('042');
    expect(normalizeAssetTag('Asset Tag')).toBeUndefined();
    expect(normalizeAssetTag('No Asset Tag')).toBeUndefined();
    expect(normalizeAssetTag('Default string')).toBeUndefined();
  });
});

describe('normalizeMac', () => {
  it('unifies separators to "-" in uppercase pairs (17 characters)', () => {
    for (const value of [
      'aa:bb:cc:dd:ee:0f',
      'AA-BB-CC-DD-EE-0F',
      'aabb.ccdd.ee0f',
      'AABBCCDDEE0F',
      ' aa bb cc dd ee 0f ',
    ]) {
      expect(normalizeMac(value), value).toBe('AA-BB-CC-DD-EE-0F');
    }
  });

  it('returns undefined for invalid, all-zero and broadcast addresses', () => {
    for (const value of [
      '',
      'aa:bb:cc:dd:ee',
      'aa:bb:cc:dd:ee:ff:00',
      'gg:bb:cc:dd:ee:ff',
      '00:00:00:00:00:00',
      'FF-FF-FF-FF-FF-FF',
      'aa/bb/cc/dd/ee/ff',
    ]) {
      expect(normalizeMac(value), value).toBeUndefined();
    }
  });
});

describe('normalizeHostname', () => {
  it('keeps the short name, lowercased: the FQDN suffix is dropped', () => {
    expect(normalizeHostname(' HFD-WS-01.hfd.local ')).toBe('hfd-ws-01');
    expect(normalizeHostname('HFD-WS-01')).toBe('hfd-ws-01');
    expect(normalizeHostname('pc01.contoso.com.')).toBe('pc01');
  });

  it('drops a UNC prefix and an AD computer-account "$"', () => {
    expect(normalizeHostname('\\\\FILESRV01')).toBe('filesrv01');
    expect(normalizeHostname('PC01$')).toBe('pc01');
  });

  it('returns undefined for blanks and IP addresses', () => {
    for (const value of ['', '  ', '10.0.0.21', 'fe80::1', '.local', undefined, null]) {
      expect(normalizeHostname(value), String(value)).toBeUndefined();
    }
  });
});

describe('normalizeName', () => {
  it('trims, turns no-break spaces into spaces, collapses runs, NFC, lowercase', () => {
    expect(normalizeName('  Happy\u00A0Frog   Dental\t')).toBe('happy frog dental');
    expect(normalizeName('Zoe\u0308 Dupont')).toBe('zoë dupont');
    expect(normalizeName(' \u00A0 ')).toBeUndefined();
  });
});

describe('normalizer properties', () => {
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
  const normalizers = {
    normalizeEmail,
    normalizeSerial,
    normalizeAssetTag,
    normalizeMac,
    normalizeHostname,
    normalizeName,
  };

  it.each(Object.entries(normalizers))('%s never throws and is idempotent', (_, normalize) => {
    fc.assert(
      fc.property(anyText, (value) => {
        const once = normalize(value);
        if (once !== undefined) expect(normalize(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('normalizeEmail accepts every simple generated address, in any case, with surrounding spaces', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const address = fc.tuple(
      fc.stringMatching(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,20}$/),
      fc.array(label, { minLength: 1, maxLength: 3 }),
      fc.stringMatching(/^[a-z]{2,6}$/),
    );
    fc.assert(
      fc.property(address, fc.boolean(), ([local, labels, tld], upper) => {
        const email = `${local}@${[...labels, tld].join('.')}`;
        const written = ` ${upper ? email.toUpperCase() : email} `;
        expect(normalizeEmail(written)).toBe(email);
      }),
    );
  });

  it('serials differing only in case and whitespace normalize alike', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{4,16}$/),
        fc.array(fc.nat(20), { maxLength: 3 }),
        (serial, cuts) => {
          let spaced = serial.toLowerCase();
          for (const cut of cuts) spaced = `${spaced.slice(0, cut)} ${spaced.slice(cut)}`;
          expect(normalizeSerial(spaced)).toBe(normalizeSerial(serial));
        },
      ),
    );
  });

  it('a valid MAC normalizes to 17 characters of hex pairs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-fA-F]{12}$/), fc.constantFrom(':', '-', ''), (hex, separator) => {
        const written = (hex.match(/../g) as string[]).join(separator);
        const mac = normalizeMac(written);
        if (/^0+$|^[fF]+$/.test(hex)) expect(mac).toBeUndefined();
        else expect(mac).toMatch(/^[0-9A-F]{2}(?:-[0-9A-F]{2}){5}$/);
      }),
    );
  });
});
