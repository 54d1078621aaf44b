/**
 * `gluekit demo` (and `npm run demo`): a short tour with real output, against an emulator started
 * in this process. It needs no key and no network. The CLI steps run the real `gluekit` binary.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlueKit } from '../../client.js';
import { AmbiguousWriteError } from '../../core/errors.js';
import { packagePath } from '../../core/package-files.js';
import { writePrivateFile } from '../../core/private-files.js';
import { startEmulator } from '../../emulator/index.js';

const BIN = packagePath('bin', 'gluekit.js');
const out = (line = '') => process.stdout.write(`${line}\n`);
const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

function step(n: number, title: string): void {
  out(`\n${n}. ${title}`);
}

/** The step running now, stopped with the tour. */
const running = new Set<ChildProcess>();

/**
 * Runs `gluekit <args>` against the emulator and shows the command and what it printed. The child
 * runs asynchronously: the emulator it talks to lives in this process's event loop.
 */
function shell(display: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  out(`  $ ${display}`);
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        running.delete(child);
        const text = `${stdout}${stderr}`;
        if (text.trim()) out(indent(text));
        if (error && typeof error.code === 'number') out(`    (exit ${error.code})`);
        resolve();
      },
    );
    running.add(child);
  });
}

/**
 * The tour's folder (a fingerprint key, a journal, a mirror, its sample files) goes when the tour
 * ends, however it ends: at the end, on Ctrl-C (the CLI exits 130 on SIGINT) and on SIGTERM. It
 * is removed in an `exit` listener, so it goes even when something calls process.exit; the step
 * running then is killed first, so it cannot write there again. `--keep` leaves the folder.
 * Returns what to call when the tour is over.
 */
function removeWhenDone(dir: string, keep: boolean): () => void {
  const remove = () => {
    for (const child of running) child.kill('SIGKILL');
    if (keep) process.stderr.write(`gluekit demo: kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  };
  const onTerm = () => process.exit(128 + constants.signals.SIGTERM);
  process.on('exit', remove);
  process.once('SIGTERM', onTerm);
  return () => {
    process.off('exit', remove);
    process.off('SIGTERM', onTerm);
    remove();
  };
}

async function setFaults(url: string, faults: Record<string, number>): Promise<void> {
  await fetch(`${url}/__emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
}

/** Steps 2 to 6: the setup check, lists and filters, a create, a dry run, from the CLI. */
async function tourRecords(client: GlueKit, env: NodeJS.ProcessEnv): Promise<void> {
  step(2, 'Check the setup: configuration, host, key, clock and rate budget.');
  await shell('gluekit doctor', ['doctor', '-o', 'table'], env);

  step(3, 'List organizations: one request at page size 1000. The id above 2^53 stays exact.');
  await shell('gluekit orgs list', ['orgs', 'list', '-o', 'table'], env);

  const device = (await client.configurations.list({ pageSize: 50 })).data.find((c) => c.hostname);
  if (device?.hostname) {
    step(
      4,
      'A filtered list. Real IT Glue has no hostname filter (it ignores it and returns everything); gluekit matches.',
    );
    const hostname = device.hostname.toLowerCase();
    await shell(
      `gluekit configs list --hostname ${hostname}`,
      ['configs', 'list', '--hostname', hostname, '-o', 'table'],
      env,
    );
  }

  step(
    5,
    "Create a contact with the document's fields; gluekit sends IT Glue's (first/last name, contact-emails).",
  );
  await shell(
    'gluekit contacts create --org "fabrikam architects" --set name="Ada Lovelace" --set email=ada@example.com',
    [
      'contacts',
      'create',
      '--org',
      'fabrikam architects',
      '--set',
      'name=Ada Lovelace',
      '--set',
      'email=ada@example.com',
      '-o',
      'table',
      '--select',
      'id,name,firstName,lastName,email,organizationName',
    ],
    env,
  );
  await shell(
    'gluekit contacts list --email ADA@example.com --select id,name,organization.name',
    [
      'contacts',
      'list',
      '--email',
      'ADA@example.com',
      '--select',
      'id,name,organization.name',
      '-o',
      'table',
    ],
    env,
  );

  step(
    6,
    'A dry run: the exact request, nothing sent, the key and the password masked. Secrets never come from argv.',
  );
  await shell(
    'NEW_SECRET=… gluekit passwords create --org "fabrikam architects" --set name="Firewall admin" --password-env NEW_SECRET --dry-run',
    [
      'passwords',
      'create',
      '--org',
      'fabrikam architects',
      '--set',
      'name=Firewall admin',
      '--password-env',
      'NEW_SECRET',
      '--dry-run',
      '-o',
      'table',
    ],
    { ...env, NEW_SECRET: 'demo-secret-never-printed' },
  );
}

/** Step 7: a lost response from TypeScript, and the create that is never doubled. */
async function tourLostResponse(client: GlueKit, emulatorUrl: string): Promise<void> {
  step(
    7,
    'From TypeScript: a lost response. The emulator commits the next create, then drops the connection.',
  );
  out(
    "  > await client.contacts.create({ organizationId, name: 'Grace Hopper', email: 'grace@example.com' })",
  );
  const organizationId = (await client.organizations.list({ filter: { name: 'Fabrikam Architects' } }))
    .data[0]?.id as string;
  await setFaults(emulatorUrl, { lostResponseRate: 1 });
  try {
    await client.contacts.create({ organizationId, name: 'Grace Hopper', email: 'grace@example.com' });
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError)) throw error;
    out(`    ${error.name}: a POST is never re-sent blindly; look the record up by its natural key.`);
  } finally {
    await setFaults(emulatorUrl, { lostResponseRate: 0 });
  }
  const grace = (await client.contacts.list({ filter: { email: 'grace@example.com' } })).data;
  out(`  > (await client.contacts.list({ filter: { email: 'grace@example.com' } })).data.length`);
  out(`    ${grace.length}   (created exactly once)`);
}

/** Steps 8 to 10: the mirror, then the safe-sync workflows with plan, apply and journal. */
async function tourMirrorAndWorkflows(env: NodeJS.ProcessEnv): Promise<void> {
  step(
    8,
    'A local mirror: one sync (page size 1000; documents per organization), then fleet-wide answers offline.',
  );
  await shell('gluekit sync', ['sync', '-o', 'table'], env);
  await shell(
    'gluekit search "hfd-ws"',
    ['search', 'hfd-ws', '-o', 'table', '--select', 'type,id,name,organization.name'],
    env,
  );
  await shell(
    'gluekit passwords stale --days 730',
    ['passwords', 'stale', '--days', '730', '-o', 'table'],
    env,
  );

  step(9, 'A safe sync: plan from a source file, review, then apply with a journal (and undo if needed).');
  const people = join(env.GLUEKIT_HOME as string, 'people.csv');
  writePrivateFile(
    people,
    'first_name,last_name,email,title\nAda,Lovelace,ada@example.com,CTO\nKatherine,Johnson,katherine@example.com,Mathematician\n',
  );
  await shell(
    'gluekit contacts sync --from people.csv --org "fabrikam architects"',
    ['contacts', 'sync', '--from', people, '--org', 'fabrikam architects', '-o', 'table'],
    env,
  );
  await shell(
    'gluekit contacts sync --from people.csv --org "fabrikam architects" --apply --yes',
    ['contacts', 'sync', '--from', people, '--org', 'fabrikam architects', '--apply', '--yes', '-o', 'table'],
    env,
  );

  step(
    10,
    'Mirror passwords from a Bitwarden export: matched by name, values never printed, then onboarding documents.',
  );
  const vault = join(env.GLUEKIT_HOME as string, 'bitwarden.csv');
  writePrivateFile(
    vault,
    'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n' +
      'Fabrikam,,login,Firewall admin,,,0,https://fw.fabrikam.example,admin,demo-only-value-1,\n' +
      'Fabrikam,,login,Wi-Fi (staff),,,0,,,demo-only-value-2,\n' +
      'Fabrikam,,note,Alarm notes,ask the office manager,,0,,,,\n',
  );
  await shell(
    'gluekit passwords mirror --from bitwarden.csv --org "fabrikam architects" --apply --yes',
    [
      'passwords',
      'mirror',
      '--from',
      vault,
      '--org',
      'fabrikam architects',
      '--apply',
      '--yes',
      '-o',
      'table',
    ],
    env,
  );
  await shell(
    'gluekit docs onboard --org "fabrikam architects" --templates builtin',
    ['docs', 'onboard', '--org', 'fabrikam architects', '--templates', 'builtin', '-o', 'table'],
    env,
  );
}

export interface DemoFlags {
  keep?: boolean;
}

export async function runDemo(flags: DemoFlags = {}): Promise<void> {
  const started = Date.now();
  out(
    'gluekit demo: IT Glue from the terminal and from TypeScript, against a local emulator (no key, no network).',
  );

  const emulator = await startEmulator({ seed: 'demo' });
  // A home of its own, so the tour's mirror and journal never touch yours.
  const home = mkdtempSync(join(tmpdir(), 'gluekit-demo-'));
  const done = removeWhenDone(home, flags.keep === true);
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ITGLUE_BASE_URL: emulator.url,
      ITGLUE_API_KEY: emulator.apiKey,
    };
    delete env.ITGLUE_REGION;
    env.GLUEKIT_HOME = home;
    step(1, `An emulator is running at ${emulator.url}: it behaves like real IT Glue and holds a small MSP.`);
    out('   (gluekit emulator --env prints the two exports that point gluekit at it)');

    const client = new GlueKit({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    await tourRecords(client, env);
    await tourLostResponse(client, emulator.url);
    await tourMirrorAndWorkflows(env);

    const counts = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { total: number };
    step(11, `This tour sent IT Glue ${counts.total} requests of the 3000 allowed per 5 minutes.`);
  } finally {
    await emulator.stop();
    done();
  }

  out('\nPoint gluekit at your own tenant (nothing else changes):');
  out('  export ITGLUE_API_KEY=ITG.xxxxxxxx   # IT Glue: Account > Settings > API Keys');
  out('  export ITGLUE_REGION=us              # or eu, au');
  out('  gluekit doctor');
  out(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
