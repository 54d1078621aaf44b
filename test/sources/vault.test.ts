/**
 * Vault readers: every export format describing the same entries gives the same logins (byte-
 * exact passwords, containers, OTP secrets); auto-detection picks each format; what each format
 * skips (notes, archived, trashed, recycle bin) and why; positions, times, extra URLs and custom
 * fields. What is particular to one vault is in vault-formats.test.ts.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  normalizeOtp,
  parseVaultSource,
  readVaultSource,
  type VaultEntry,
  type VaultFormat,
} from '../../src/sources/index.js';
import type { VaultSourceRow } from '../../src/workflows/passwords/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/vault/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

const DC01 = 'DC01 Administrator';
const FORMULA = "=cmd|' /C calc'!A0";
const SPACED = '  Tr1cky, "quoted" pass  ';

/** The logins every fixture holds, as the planner sees them. */
const LOGINS = [
  {
    name: DC01,
    username: 'ACME\\administrator',
    password: FORMULA,
    url: 'https://dc01.acme.example',
    container: 'Acme/Servers',
  },
  {
    name: 'Firewall',
    username: 'admin',
    password: SPACED,
    url: 'https://fw.acme.example',
    container: 'Acme/Servers',
  },
  {
    name: 'Globex Portal',
    username: 'ops@globex.example',
    password: 'G10bex!Portal#2026',
    url: 'https://portal.globex.example',
    container: 'Globex',
    otp: 'JBSWY3DPEHPK3PXP',
  },
];

interface Case {
  file: string;
  format: VaultFormat;
  /** Whether the format has a grouping and an OTP column. */
  container: boolean;
  otp: boolean;
  /** Names returned skipped, each with a reason matching the pattern. */
  skipped: Record<string, RegExp>;
}

const NOTE = /^secure note: only logins are imported$/;
const CASES: Case[] = [
  {
    file: 'bitwarden.csv',
    format: 'bitwarden-csv',
    container: true,
    otp: true,
    skipped: { 'Alarm code': NOTE },
  },
  {
    file: 'bitwarden-org.csv',
    format: 'bitwarden-csv',
    container: true,
    otp: true,
    skipped: { 'Alarm code': NOTE },
  },
  {
    file: 'bitwarden.json',
    format: 'bitwarden-json',
    container: true,
    otp: true,
    skipped: { 'Alarm code': NOTE, 'Old VPN': /Bitwarden trash/ },
  },
  {
    file: 'keepass.xml',
    format: 'keepass-xml',
    container: true,
    otp: true,
    skipped: { 'Old VPN': /recycle bin/ },
  },
  {
    file: 'keepassxc.csv',
    format: 'keepassxc-csv',
    container: true,
    otp: true,
    skipped: { 'Old VPN': /recycle bin/ },
  },
  { file: 'keepass1.csv', format: 'keepass1-csv', container: false, otp: false, skipped: {} },
  {
    file: '1password.csv',
    format: '1password-csv',
    container: false,
    otp: true,
    skipped: { 'Old VPN': /archived/ },
  },
  {
    file: '1password.1pux',
    format: '1pux',
    container: true,
    otp: true,
    skipped: { 'Alarm code': NOTE, 'Old VPN': /archived/ },
  },
  {
    file: 'lastpass.csv',
    format: 'lastpass-csv',
    container: true,
    otp: true,
    skipped: { 'Alarm code': NOTE },
  },
  { file: 'itglue.csv', format: 'itglue-csv', container: true, otp: true, skipped: {} },
  {
    file: 'vault.json',
    format: 'json',
    container: true,
    otp: true,
    skipped: { 'Alarm code': NOTE, 'Old VPN': /archived/ },
  },
];

function projection(entry: VaultEntry, c: Case) {
  return {
    name: entry.name,
    username: entry.username,
    password: entry.password,
    url: entry.url,
    ...(c.container ? { container: entry.container } : {}),
    ...(c.otp && entry.otp ? { otp: normalizeOtp(entry.otp).secret } : {}),
  };
}

function expected(c: Case) {
  return LOGINS.map(({ container, otp, ...rest }) => ({
    ...rest,
    ...(c.container ? { container } : {}),
    ...(c.otp && otp ? { otp } : {}),
  }));
}

describe('vault formats describing the same entries', () => {
  for (const c of CASES) {
    it(`${c.file}: auto-detects ${c.format} and reads the same logins, byte-exact`, async () => {
      const source = await readVaultSource(fixture(c.file));
      expect(source.format).toBe(c.format);
      expect(source.detection).toMatch(new RegExp(`^auto-detected ${c.format} \\(`));
      const logins = source.rows.filter((row) => !row.skip);
      expect(logins.every((row) => row.kind === 'login')).toBe(true);
      expect(logins.map((row) => projection(row, c))).toEqual(expected(c));
      const skipped = source.rows.filter((row) => row.skip);
      expect(skipped.map((row) => row.name).sort()).toEqual(Object.keys(c.skipped).sort());
      for (const row of skipped) expect(row.skip?.reason).toMatch(c.skipped[row.name] as RegExp);
      // Positions are unique: the plan pairs each action with its secret by file:line.
      expect(new Set(source.rows.map((row) => row.source.line)).size).toBe(source.rows.length);
      const typed: VaultSourceRow[] = source.rows;
      expect(typed).toHaveLength(source.rows.length);
    });
  }

  it('reads each file the same with its format named, and then says nothing about detection', async () => {
    for (const c of CASES) {
      const auto = await readVaultSource(fixture(c.file));
      const named = await readVaultSource(fixture(c.file), { format: c.format });
      expect(named.detection, c.file).toBeUndefined();
      expect(named.rows, c.file).toEqual(auto.rows);
    }
  });

  it('reports CSV rows and JSON items at the line where they start, and 1PUX items by number', async () => {
    const lines = async (file: string) =>
      (await readVaultSource(fixture(file))).rows.map((row) => row.source.line);
    expect(await lines('bitwarden.csv')).toEqual([2, 3, 5, 6]); // the Firewall's fields cell spans two lines
    expect(await lines('bitwarden.json')).toEqual([5, 23, 48, 66, 79]);
    expect(await lines('keepass.xml')).toEqual([52, 127, 188, 244]);
    expect(await lines('1password.1pux')).toEqual([1, 2, 3, 4, 5]);
  });

  it('carries last-modified times as ISO strings where the format has them', async () => {
    const modified = async (file: string) => (await readVaultSource(fixture(file))).rows[0]?.modifiedAt;
    for (const file of ['bitwarden.json', 'keepass.xml', 'keepassxc.csv', '1password.1pux', 'vault.json']) {
      expect(await modified(file), file).toBe('2026-03-01T10:00:00.000Z');
    }
    expect(await modified('lastpass.csv')).toBeUndefined();
  });

  it('keeps extra URLs and plain custom fields, and leaves concealed fields out', async () => {
    for (const file of ['bitwarden.json', '1password.1pux', 'keepass.xml']) {
      const firewall = (await readVaultSource(fixture(file))).rows.find((row) => row.name === 'Firewall');
      expect(firewall?.customFields, file).toEqual([{ name: 'Serial', value: 'FGT-123' }]);
      expect(JSON.stringify(firewall), file).not.toContain('8812');
    }
    const json = (await readVaultSource(fixture('bitwarden.json'))).rows[1];
    expect(json?.otherUrls).toEqual(['https://fw-backup.acme.example']);
    const csv = (await readVaultSource(fixture('bitwarden.csv'))).rows[1];
    expect(csv?.customFields).toEqual([
      { name: 'Serial', value: 'FGT-123' },
      { name: 'Rack', value: 'B2' },
    ]);
  });

  it('carries the organization and category of IT Glue CSV and gluekit JSON', async () => {
    const itglue = (await readVaultSource(fixture('itglue.csv'))).rows;
    expect(itglue.map((row) => [row.organization, row.category])).toEqual([
      ['Acme Corp', 'Server'],
      ['Acme Corp', 'Network'],
      ['Globex Inc', 'Web'],
    ]);
    const json = (await readVaultSource(fixture('vault.json'))).rows[0];
    expect([json?.organization, json?.category]).toEqual(['Acme Corp', 'Server']);
  });

  it('keeps a password of spaces and a password with a leading quote exactly', () => {
    const csv = 'name,username,password,url\nBlank-ish,u,"   ",\nQuote,u,"""x"" ",\n';
    const rows = parseVaultSource(csv, 'inline.csv', { format: 'itglue-csv' }).rows;
    expect(rows.map((row) => row.password)).toEqual(['   ', '"x" ']);
  });
});
