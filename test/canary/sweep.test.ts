/**
 * The end-to-end secrets sweep. A tenant whose API key, password values and OTP secret are
 * distinctive canaries goes through the real binary (contacts sync with a saved plan and apply,
 * runs, undo, configuration import, password create, list, get and update, the mirror sync and
 * its views, doctor, a wrong key, an unreachable URL, and writes under faults; verbose logging on
 * throughout) and through the SDK in process (workflow plan and apply with a journal, mirror sync,
 * password reads, failures). Then everything produced is scanned: every stdout and stderr, every
 * log line and error the SDK gave, and every byte of every file under the gluekit home (config,
 * plans, journal, mirror, with their -wal and -shm), the temp directory the processes used, and
 * the SDK run's directory. Zero occurrences, in UTF-8 or UTF-16, except in the one explicit
 * reveal, which prints the value to stdout only and leaves no trace on disk.
 *
 * Narrower canaries: test/sdk/canary.test.ts (SDK errors and logs), test/cli/masking.test.ts
 * (CLI output modes), test/mirror/secrets.test.ts (the mirror file). This is the sweep across all.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Logger, RequestAbortedError } from '../../src/index.js';
import { MirrorStore, syncMirror } from '../../src/mirror/index.js';
import { readContactSource } from '../../src/sources/index.js';
import { contactExecutor, planContactSync } from '../../src/workflows/contacts/index.js';
import { applyPlan } from '../../src/workflows/engine/apply.js';
import { Journal } from '../../src/workflows/engine/journal.js';
import { type CliResult, runCli } from '../helpers/cli.js';
import { clientFor, NO_FAULTS, rawRecords, setFaults, useEmulator } from '../helpers/emulator.js';

const KEY = 'ITG.sweep-canary-key-5e1a9b3c7d2f4e80a6';
const PASSWORD = 'sweep-canary-pw-Hx4#Rk8!Tz2q';
const SECOND_PASSWORD = 'sweep-canary-pw2-Wm7$Jd3@Lp9';
const OTP = 'JBSWY3DPSWEEPCANARYOTPQ';
const NEEDLES = [KEY, KEY.slice('ITG.'.length), PASSWORD, SECOND_PASSWORD, OTP];
const ORG = '1009';
const BIG_ORG = '9007199254740993';

/** Every file under a directory, recursively. */
function filesUnder(directory: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path));
    else found.push(path);
  }
  return found;
}

/** Where the needles occur in a file, as UTF-8 or UTF-16 (SQLite may store either). */
function hitsInFile(path: string, needles: readonly string[]): string[] {
  const bytes = readFileSync(path);
  return needles
    .filter(
      (needle) =>
        bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le')),
    )
    .map((needle) => `${needle} in ${path}`);
}

function hitsInText(label: string, text: string, needles: readonly string[]): string[] {
  return needles.filter((needle) => text.includes(needle)).map((needle) => `${needle} in ${label}`);
}

describe('secrets canary: the end-to-end sweep', () => {
  const emulator = useEmulator({ seed: 'demo', apiKey: KEY });
  const root = mkdtempSync(join(tmpdir(), 'gluekit-sweep-'));
  const home = join(root, 'home');
  const temp = join(root, 'tmp');
  const inputs = join(root, 'inputs');
  const sdkDir = join(root, 'sdk');
  for (const directory of [home, temp, inputs, sdkDir]) mkdirSync(directory, { recursive: true });
  const outputs: Array<{ label: string; text: string }> = [];
  let canaryId = '';

  async function cli(args: string[], extra: Record<string, string> = {}, input?: string): Promise<CliResult> {
    const env = {
      ITGLUE_BASE_URL: emulator.current.url,
      ITGLUE_API_KEY: KEY,
      GLUEKIT_LOG: 'debug',
      TMPDIR: temp,
      CANARY_PW: SECOND_PASSWORD,
      ...extra,
    };
    const result = await runCli(args, { env, home, ...(input !== undefined ? { input } : {}) });
    outputs.push({ label: `stdout of ${args.join(' ')}`, text: result.stdout });
    outputs.push({ label: `stderr of ${args.join(' ')}`, text: result.stderr });
    return result;
  }

  it('runs every workflow, read and failure through the binary, and leaves no canary anywhere', async () => {
    // The tenant's own canary: a demo password given a value and an OTP secret "in IT Glue".
    const seeded = (await rawRecords(emulator.current, 'passwords')).find(
      (p) => String(p.organizationId) === ORG,
    );
    canaryId = String(seeded?.id);
    const edit = await fetch(`${emulator.current.url}/__emulator/records/passwords/${canaryId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ attributes: { password: PASSWORD, otpSecret: OTP, name: 'Sweep canary' } }),
    });
    expect(edit.status).toBe(200);

    const people = join(inputs, 'people.csv');
    writeFileSync(
      people,
      'first_name,last_name,email,title\nAda,Sweep,ada.sweep@hfd.example,CTO\nAlan,Sweep,alan.sweep@hfd.example,\n',
    );
    const devices = join(inputs, 'devices.csv');
    writeFileSync(devices, 'name,hostname,serial_number\nSWEEP-PC-1,sweep-pc-1,SWEEPSN0001\n');
    const plans = join(home, 'plans');
    mkdirSync(plans);

    const planned = await cli([
      'contacts',
      'sync',
      '--from',
      people,
      '--org',
      ORG,
      '--plan-out',
      join(plans, 'c.json'),
      '-v',
    ]);
    expect(planned.code, planned.stderr).toBe(0);
    await cli(['contacts', 'sync', '--from', people, '--org', ORG, '-o', 'table', '-v']);
    const applied = await cli(['apply', join(plans, 'c.json'), '--yes', '-v']);
    expect(applied.code, applied.stderr).toBe(0);
    const runId = (JSON.parse(applied.stdout).meta as { run: { id: string } }).run.id;
    // Reads run side by side (they share nothing but the journal, which SQLite serializes).
    await Promise.all([
      cli(['runs', 'list', '-v']),
      cli(['runs', 'show', runId, '-o', 'table']),
      cli(['undo', runId, '--deactivate-type', 'Terminated', '--plan-out', join(plans, 'undo.json'), '-v']),
    ]);
    const imported = await cli([
      'configurations',
      'import',
      '--from',
      devices,
      '--org',
      ORG,
      '--type',
      'Managed Workstation',
      '--apply',
      '--yes',
      '-v',
    ]);
    expect(imported.code, imported.stderr).toBe(0);

    const created = await cli([
      'passwords',
      'create',
      '--org',
      BIG_ORG,
      '--set',
      'name=Sweep second',
      '--password-env',
      'CANARY_PW',
      '-v',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const secondId = (JSON.parse(created.stdout) as { data: { id: string } }).data.id;
    await Promise.all([
      ...['json', 'table'].flatMap((format) => [
        cli(['passwords', 'list', '--org', ORG, '-o', format, '-v']),
        cli(['passwords', 'get', canaryId, '-o', format, '-v']),
      ]),
      cli(['passwords', 'get', secondId, '-v']),
      cli(['passwords', 'update', secondId, '--password-stdin', '-v'], {}, `${SECOND_PASSWORD}\n`),
      cli(['passwords', 'update', secondId, '--password-env', 'CANARY_PW', '--dry-run', '-v']),
    ]);

    const synced = await cli(['sync', '-v']);
    expect(synced.code, synced.stderr).toBe(0);
    await cli(['sync', '--full', '-v']);
    await Promise.all([
      cli(['search', 'Sweep', '-v']),
      cli(['passwords', 'stale', '--days', '0', '-v']),
      cli(['coverage', '-v']),
      cli(['changes', '--since', '1d', '-v']),
      cli(['doctor', '-v']),
    ]);

    // Failures: a wrong key that starts with the real one, writes and reads under faults.
    expect((await cli(['orgs', 'list', '-v'], { ITGLUE_API_KEY: `${KEY}x` })).code).toBe(4);
    writeFileSync(people, 'first_name,last_name,email\nGrace,Sweep,grace.sweep@hfd.example\n');
    await setFaults(emulator.current, { lostResponseRate: 0.5, errorRate: 0.3, seed: 7 });
    try {
      await Promise.all([
        cli(['contacts', 'sync', '--from', people, '--org', ORG, '--apply', '--yes', '-v']),
        cli(['passwords', 'update', secondId, '--password-env', 'CANARY_PW', '-v']),
        cli(['passwords', 'get', canaryId, '-v']),
      ]);
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }

    // The sweep really ran: verbose logs, a journal, a mirror with the canary's metadata, plans.
    const everything = outputs.map((output) => output.text).join('\n');
    expect(everything).toContain('gluekit debug');
    expect(everything).toContain('Sweep canary');
    const files = filesUnder(home);
    expect(files.some((file) => file.endsWith('journal.sqlite'))).toBe(true);
    expect(files.filter((file) => /mirror|\.sqlite$/.test(file)).length).toBeGreaterThanOrEqual(2);
    expect(files.some((file) => file.endsWith('undo.json'))).toBe(true);
    expect(files.some((file) => readFileSync(file).includes(Buffer.from('Sweep canary')))).toBe(true);
    expect(outputs.length).toBeGreaterThan(50);

    const hits = [
      ...outputs.flatMap((output) => hitsInText(output.label, output.text, NEEDLES)),
      ...[home, temp].flatMap((directory) =>
        filesUnder(directory).flatMap((file) => hitsInFile(file, NEEDLES)),
      ),
    ];
    expect(hits).toEqual([]);
  }, 120_000);

  it('runs the workflows, the mirror and password reads through the SDK, and leaves no canary', async () => {
    const produced: string[] = [];
    const logger: Logger = {
      error: (m, f) => produced.push(m, JSON.stringify(f ?? {})),
      warn: (m, f) => produced.push(m, JSON.stringify(f ?? {})),
      info: (m, f) => produced.push(m, JSON.stringify(f ?? {})),
      debug: (m, f) => produced.push(m, JSON.stringify(f ?? {})),
    };
    const capture = (value: unknown) => {
      if (value instanceof Error) {
        produced.push(
          value.message,
          String(value.stack),
          JSON.stringify(value),
          inspect(value, { depth: 8 }),
        );
        if (value.cause) capture(value.cause);
      } else produced.push(inspect(value, { depth: 8 }), JSON.stringify(value) ?? '');
    };
    const client = clientFor(emulator.current, { logger });
    const journal = Journal.open(join(sdkDir, 'journal.sqlite'));
    const people = join(inputs, 'sdk-people.csv');
    writeFileSync(
      people,
      `first_name,last_name,email\n${Array.from({ length: 20 }, (_, i) => `Sdk,Person ${i},sdk${i}@hfd.example`).join('\n')}\n`,
    );
    await setFaults(emulator.current, { lostResponseRate: 0.3, errorRate: 0.2, resetRate: 0.05, seed: 9 });
    try {
      const source = await readContactSource(people);
      const plan = await planContactSync(
        client,
        journal,
        { file: people, format: source.format, rows: source.rows },
        {
          org: ORG,
        },
      );
      capture(plan);
      capture(
        await applyPlan({
          plan,
          target: plan.target,
          journal,
          executors: { contacts: contactExecutor(client) },
          checkPreconditions: true,
        }),
      );
      const store = MirrorStore.open(join(sdkDir, 'mirror.sqlite'), {
        tenant: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
      });
      try {
        capture(await syncMirror({ client, store }));
      } finally {
        store.close();
      }
      capture(await client.passwords.get(canaryId));
      capture(await client.passwords.list({ filter: { organizationId: ORG } }));
      capture(
        await client.passwords.update(canaryId, { password: PASSWORD, otpSecret: OTP }).catch((e) => e),
      );
      const controller = new AbortController();
      controller.abort();
      const aborted = await client.passwords.get(canaryId, { signal: controller.signal }).catch((e) => e);
      expect(aborted).toBeInstanceOf(RequestAbortedError);
      capture(aborted);
    } finally {
      await setFaults(emulator.current, NO_FAULTS);
    }
    journal.close();
    capture(client);
    expect(produced.join('\n')).toMatch(/GET \/organizations/); // the logger really saw requests
    const hits = [
      ...hitsInText('SDK logs, results and errors', produced.join('\n'), NEEDLES),
      ...filesUnder(sdkDir).flatMap((file) => hitsInFile(file, NEEDLES)),
    ];
    expect(hits).toEqual([]);
  });

  it('the scan itself finds a canary where one is', () => {
    const control = join(mkdtempSync(join(tmpdir(), 'gluekit-sweep-control-')), 'control.bin');
    writeFileSync(control, Buffer.concat([Buffer.from('x'), Buffer.from(PASSWORD, 'utf16le')]));
    expect(hitsInFile(control, NEEDLES)).toEqual([`${PASSWORD} in ${control}`]);
    expect(hitsInText('t', `a ${KEY.slice(4)} b`, NEEDLES)).toHaveLength(1);
  });

  it('the one explicit reveal shows the value on stdout, once, and nowhere else', async () => {
    const before = outputs.length;
    const revealed = await cli(['passwords', 'get', canaryId, '--reveal', '-o', 'json', '-v']);
    expect(revealed.code, revealed.stderr).toBe(0);
    expect(revealed.stdout.split(PASSWORD)).toHaveLength(2);
    expect(revealed.stderr).not.toContain(PASSWORD);
    expect(revealed.stdout + revealed.stderr).not.toContain(OTP);
    expect(revealed.stdout + revealed.stderr).not.toContain(KEY.slice(4));
    const hits = [home, temp].flatMap((directory) =>
      filesUnder(directory).flatMap((file) => hitsInFile(file, NEEDLES)),
    );
    expect(hits).toEqual([]);
    expect(outputs.length).toBe(before + 2);
  });
});
