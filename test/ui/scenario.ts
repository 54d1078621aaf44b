/**
 * The dashboard's test tenant: the emulator's demo seed, synced into a mirror, then changed "in
 * IT Glue" and synced again (so Changes has field-level diffs), with a contact named like an XSS
 * payload and written with terminal escapes, and three saved plans made by the real CLI (contacts,
 * configurations with a conflict, onboarding documents). Shared by the browser tests and the
 * screenshot script.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import { GlueKit } from '../../src/index.js';
import { MirrorStore, syncMirror } from '../../src/mirror/index.js';
import { type CliResult, runCli } from '../helpers/cli.js';

export const HFD = '1009';
export const KRG = '1036';
export const BLUEBIRD = '1055';
/** A contact whose name would run script if any page put it into HTML unescaped. */
export const XSS_NAME = '<img src=x onerror="document.title=\'pwned\'">';
export const ESCAPE_TITLE = 'Admin\u001b[2J\u009b31m';

type Raw = Record<string, unknown>;

export interface Scenario {
  emulator: Awaited<ReturnType<typeof startEmulator>>;
  dir: string;
  mirrorPath: string;
  plans: { contacts: string; configurations: string; documents: string };
  /** Every password value the emulator holds, none of which may reach a page. */
  passwordValues: string[];
  /** The configuration whose serial changed between the two syncs, and its new serial. */
  changedDevice: { id: string; name: string; serialBefore: string; serialAfter: string };
  /** The environment for a `gluekit` child process pointed at the emulator. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

async function control(emulator: Scenario['emulator'], path: string, body?: unknown): Promise<Raw[]> {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': emulator.apiKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  const json = (await response.json()) as { data?: Raw[] } | Raw[];
  return Array.isArray(json) ? json : (json.data ?? []);
}

/** A plan was saved (exit 8 means it has conflicts, which one of them is meant to). */
function expectPlan(result: CliResult, what: string, file: string): void {
  if ((result.code !== 0 && result.code !== 8) || !existsSync(file)) {
    throw new Error(`${what} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
  }
}

export async function buildScenario(): Promise<Scenario> {
  const dir = mkdtempSync(join(tmpdir(), 'gluekit-ui-'));
  const emulator = await startEmulator({ seed: 'demo' });
  const env = { ITGLUE_BASE_URL: emulator.url, ITGLUE_API_KEY: emulator.apiKey };
  const mirrorPath = join(dir, 'mirror.sqlite');
  const client = new GlueKit({ apiKey: emulator.apiKey, baseUrl: emulator.url });
  const sync = async () => {
    const store = MirrorStore.open(mirrorPath, {
      tenant: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
    });
    try {
      const summary = await syncMirror({ client, store });
      if (!summary.ok) throw new Error(`sync failed: ${summary.failures.map((f) => f.message).join('; ')}`);
    } finally {
      store.close();
    }
  };
  await sync();

  // Changes made in IT Glue between two syncs.
  const devices = await control(emulator, 'records/configurations');
  const device = devices.find((d) => d.organizationId === HFD && typeof d.serialNumber === 'string') as Raw;
  const changedDevice = {
    id: String(device.id),
    name: String(device.name),
    serialBefore: String(device.serialNumber),
    serialAfter: 'SN-2026-0042',
  };
  await control(emulator, `records/configurations/${changedDevice.id}`, {
    attributes: { serialNumber: changedDevice.serialAfter, notes: 'Replaced after the lightning strike.' },
  });
  const contacts = await control(emulator, 'records/contacts');
  const hfdContact = contacts.find((c) => c.organizationId === HFD) as Raw;
  await control(emulator, `records/contacts/${hfdContact.id}`, {
    attributes: {
      title: 'Practice Manager',
      notes: 'Call before 10am. Prefers email for anything about billing or the new X-ray sensor.',
    },
  });
  await client.contacts.create({
    organizationId: KRG,
    name: `${XSS_NAME} Tester`,
    title: ESCAPE_TITLE,
    contactEmails: [{ value: 'xss@krg.example', labelName: 'Work', primary: true }],
  });
  await sync();

  // Saved plans, made by the real CLI against the changed tenant.
  const contactsCsv = join(dir, 'users.csv');
  const email = String((hfdContact.contactEmails as Raw[] | undefined)?.[0]?.value ?? hfdContact.email);
  writeFileSync(
    contactsCsv,
    [
      'first_name,last_name,email,title',
      `${hfdContact.firstName},${hfdContact.lastName},${email},Office Manager`,
      'Grace,Hopper,grace.hopper@hfd.example,Compliance Lead',
    ].join('\n'),
  );
  const krgDevice = devices.find(
    (d) => d.organizationId === KRG && typeof d.serialNumber === 'string',
  ) as Raw;
  const devicesCsv = join(dir, 'devices.csv');
  writeFileSync(
    devicesCsv,
    [
      'name,hostname,serial_number,type',
      'HFD-WS-NEW,HFDWSNEW,NEW-SERIAL-001,Firewall',
      `HFD-MOVED,HFDMOVED,${String(krgDevice.serialNumber)},Firewall`,
    ].join('\n'),
  );
  const plans = {
    contacts: join(dir, 'contacts-plan.json'),
    configurations: join(dir, 'devices-plan.json'),
    documents: join(dir, 'docs-plan.json'),
  };
  const home = mkdtempSync(join(tmpdir(), 'gluekit-ui-home-'));
  const results = await Promise.all([
    runCli(
      ['contacts', 'sync', '--from', contactsCsv, '--org', HFD, '--plan-out', plans.contacts, '--json'],
      {
        env,
        home,
      },
    ),
    runCli(
      [
        'configurations',
        'import',
        '--from',
        devicesCsv,
        '--org',
        HFD,
        '--plan-out',
        plans.configurations,
        '--json',
      ],
      { env, home },
    ),
    runCli(
      [
        'docs',
        'onboard',
        '--org',
        BLUEBIRD,
        '--templates',
        'builtin',
        '--plan-out',
        plans.documents,
        '--json',
      ],
      {
        env,
        home,
      },
    ),
  ]);
  const made = [plans.contacts, plans.configurations, plans.documents];
  results.forEach((result, index) => {
    expectPlan(result, `plan ${index + 1}`, made[index] as string);
  });

  const passwords = await control(emulator, 'records/passwords');
  const passwordValues = passwords
    .map((p) => p.password)
    .filter((value): value is string => typeof value === 'string' && value.length >= 6);
  return {
    emulator,
    dir,
    mirrorPath,
    plans,
    passwordValues,
    changedDevice,
    env,
    stop: () => emulator.stop(),
  };
}
