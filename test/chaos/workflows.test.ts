/**
 * The workflows under every fault at once (see support.ts for the faults and the checks): each
 * case creates and updates dozens of records through the plan/apply engine while the emulator
 * answers 5xx, resets connections, loses write responses and sends a burst of 429s, then must
 * show the desired state, one record per key, no DELETE, a journal that accounts for every
 * committed write, and a re-run that plans only `unchanged` and writes nothing.
 *
 * Onboarding documents write sections beside the documents the journal records, so their chaos
 * run has checks of its own, in documents.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { normalizeSerial } from '../../src/normalize/keys.js';
import { readConfigurationSource, readContactSource } from '../../src/sources/index.js';
import { configurationExecutor, planConfigurationImport } from '../../src/workflows/configurations/index.js';
import { contactExecutor, planContactSync } from '../../src/workflows/contacts/index.js';
import { fingerprinter } from '../../src/workflows/engine/fingerprint-key.js';
import {
  passwordExecutor,
  planPasswordMirror,
  secretsFromMap,
  type VaultSourceRow,
} from '../../src/workflows/passwords/index.js';
import { rawRecords, useEmulator } from '../helpers/emulator.js';
import { faultSeed } from '../helpers/seed.js';
import { type ChaosCase, type ChaosTenant, type Observed, organizationId, runChaosCase } from './support.js';

const ORG = 'Happy Frog Dental';
type Raw = Record<string, unknown>;

function group(records: Raw[], keysOf: (record: Raw) => string[]): Observed {
  const byKey = new Map<string, Raw[]>();
  for (const record of records) {
    for (const key of new Set(keysOf(record))) byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  return { byKey, count: records.length };
}

async function recordsOf(t: ChaosTenant, type: string): Promise<Raw[]> {
  const org = await organizationId(t, ORG);
  return (await rawRecords(t.emulator, type, t.apiKey)).filter((r) => String(r.organizationId) === org);
}

// ---- contacts: 100 new people and 10 changed titles ---------------------------------------------

const contactEmails = (record: Raw) =>
  ((record.contactEmails as Array<{ value: string }> | undefined) ?? []).map(
    (email) => `email:${email.value.toLowerCase()}`,
  );

function contactsCase(): ChaosCase {
  const desired = new Map<string, Raw>();
  let path = '';
  return {
    name: 'contacts sync',
    async setup(t) {
      const existing = await recordsOf(t, 'contacts');
      const owners = group(existing, contactEmails).byKey;
      // People already in IT Glue whose email is theirs alone, and not synced from a PSA.
      const eligible = existing.filter(
        (c) =>
          !c.psaIntegration &&
          contactEmails(c).length > 0 &&
          contactEmails(c).every((k) => owners.get(k)?.length === 1),
      );
      const rows: string[] = [];
      for (const [i, contact] of eligible.slice(0, 10).entries()) {
        const email = (contact.contactEmails as Array<{ value: string; primary: boolean }>).find(
          (e) => e.primary,
        )?.value as string;
        const title = `Chaos Title ${i}`;
        rows.push(`${ORG},${contact.firstName ?? ''},${contact.lastName ?? ''},${email},${title}`);
        desired.set(`email:${email.toLowerCase()}`, { title });
      }
      for (let i = 0; i < 100; i++) {
        const email = `chaos.person${i}@hfd.example`;
        rows.push(`${ORG},Chaos,Person ${i},${email},Tester`);
        desired.set(`email:${email}`, { firstName: 'Chaos', lastName: `Person ${i}`, title: 'Tester' });
      }
      path = t.file('contacts.csv', `organization,first_name,last_name,email,title\n${rows.join('\n')}\n`);
    },
    async plan(t) {
      const source = await readContactSource(path, { format: 'csv' });
      const plan = await planContactSync(
        t.client,
        t.journal,
        { file: path, format: source.format, rows: source.rows },
        {},
      );
      return { plan, executors: { contacts: contactExecutor(t.client) } };
    },
    observe: async (t) => group(await recordsOf(t, 'contacts'), contactEmails),
    desired: () => desired,
  };
}

// ---- configurations: 80 new devices and 8 new addresses ----------------------------------------

const serialKey = (record: Raw) => {
  const serial = normalizeSerial((record.serialNumber as string | null) ?? undefined);
  return serial ? [`serial:${serial}`] : [];
};

function configurationsCase(): ChaosCase {
  const desired = new Map<string, Raw>();
  let path = '';
  return {
    name: 'configuration import',
    async setup(t) {
      const existing = await recordsOf(t, 'configurations');
      const owners = group(existing, serialKey).byKey;
      const eligible = existing.filter(
        (c) =>
          !c.archived &&
          !c.psaIntegration &&
          serialKey(c).length === 1 &&
          owners.get(serialKey(c)[0] as string)?.length === 1,
      );
      const rows: string[] = [];
      for (const [i, device] of eligible.slice(0, 8).entries()) {
        const ip = `10.99.0.${i + 1}`;
        rows.push(`${ORG},${device.name},,${device.serialNumber},${ip}`);
        desired.set(serialKey(device)[0] as string, { primaryIp: ip });
      }
      for (let i = 0; i < 80; i++) {
        const serial = `CHAOSSN${String(i).padStart(5, '0')}`;
        rows.push(`${ORG},CHAOS-PC-${i},chaos-pc-${i},${serial},10.98.0.${i + 1}`);
        desired.set(`serial:${normalizeSerial(serial)}`, {
          name: `CHAOS-PC-${i}`,
          hostname: `chaos-pc-${i}`,
          primaryIp: `10.98.0.${i + 1}`,
        });
      }
      path = t.file(
        'devices.csv',
        `organization,name,hostname,serial_number,primary_ip\n${rows.join('\n')}\n`,
      );
    },
    async plan(t) {
      const source = await readConfigurationSource(path, { format: 'csv' });
      const plan = await planConfigurationImport(
        t.client,
        t.journal,
        { file: path, format: source.format, rows: source.rows },
        { type: 'Managed Workstation' },
      );
      return { plan, executors: { configurations: configurationExecutor(t.client) } };
    },
    observe: async (t) => group(await recordsOf(t, 'configurations'), serialKey),
    desired: () => desired,
  };
}

// ---- passwords: 60 new entries and 6 changed values ---------------------------------------------

const passwordName = (record: Raw) =>
  record.resourceId ? [] : [`password:${String(record.name).toLowerCase()}`];

function passwordsCase(): ChaosCase {
  const desired = new Map<string, Raw>();
  const rows: VaultSourceRow[] = [];
  const fingerprint = fingerprinter(randomBytes(32));
  return {
    name: 'password mirror',
    async setup(t) {
      // Passwords already in IT Glue, general and alone with their name: the vault is newer.
      const existing = (await recordsOf(t, 'passwords')).filter((p) => !p.resourceId && !p.archived);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
      for (const [i, password] of existing.slice(0, 6).entries()) {
        const value = `chaos-rotated-${i}`;
        rows.push({
          source: { file: 'vault.json', line: rows.length + 2 },
          name: String(password.name),
          password: value,
          modifiedAt: tomorrow,
        });
        desired.set(passwordName(password)[0] as string, { password: value });
      }
      for (let i = 0; i < 60; i++) {
        const value = ` chaos value ${i}, "quoted" `;
        rows.push({
          source: { file: 'vault.json', line: rows.length + 2 },
          name: `Chaos login ${i}`,
          username: `user${i}`,
          password: value,
        });
        desired.set(`password:chaos login ${i}`, { password: value, username: `user${i}` });
      }
    },
    async plan(t) {
      const { plan, secrets } = await planPasswordMirror(
        t.client,
        t.journal,
        { file: 'vault.json', format: 'json', rows },
        fingerprint,
        { org: ORG },
      );
      const target = { baseUrl: t.client.baseUrl, keyFingerprint: t.client.keyFingerprint };
      return {
        plan,
        executors: {
          passwords: passwordExecutor(t.client, t.journal, target, fingerprint, secretsFromMap(secrets)),
        },
      };
    },
    observe: async (t) => group(await recordsOf(t, 'passwords'), passwordName),
    desired: () => desired,
  };
}

const CASES: Array<[string, () => ChaosCase]> = [
  ['contacts sync', contactsCase],
  ['configuration import', configurationsCase],
  ['password mirror', passwordsCase],
];

describe('workflows under every fault at once', () => {
  const emulator = useEmulator({ seed: 'demo' });
  for (const [index, [name, make]] of CASES.entries()) {
    it(`${name}: desired state, no duplicates, no DELETE, journal = writes seen, quiet re-run`, async () => {
      await runChaosCase(emulator.current, make(), faultSeed(1000 + index));
    });
  }
});
