/**
 * The Medium finding of the security review: with the usual umask 022, `gluekit sync` created the
 * data directory and `mirror/` as 0755 and the mirror and `journal.sqlite` as 0644, and a
 * `--plan-out` onto an existing 0644 file kept 0644. Every directory gluekit creates must be 0700
 * and every file 0600 (SQLite's -wal and -shm included), whatever the umask; existing files are
 * tightened on open; a plan is never written through a symbolic link.
 *
 * The test process sets umask 022 (vitest runs each file in its own forked process, and children
 * inherit it), so what it checks is what a user with the usual umask gets.
 */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MirrorStore } from '../../src/mirror/index.js';
import { Journal } from '../../src/workflows/engine/journal.js';
import { runCli } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const octal = (mode: number) => mode.toString(8).padStart(3, '0');

/** The mode of each path, in octal, so a failure shows every file at once. */
function modes(paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((path) => [path, octal(modeOf(path))]));
}

function expectModes(dirs: string[], files: string[]): void {
  for (const path of [...dirs, ...files]) expect(existsSync(path), path).toBe(true);
  expect(modes([...dirs, ...files])).toEqual({
    ...Object.fromEntries(dirs.map((dir) => [dir, '700'])),
    ...Object.fromEntries(files.map((file) => [file, '600'])),
  });
}

let previousUmask = 0;
beforeAll(() => {
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});

describe('files gluekit creates, under umask 022', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('`gluekit sync`: data dir and mirror/ 0700, the mirror 0600', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gluekit-perm-'));
    const result = await runCli(['sync', '--json'], {
      home,
      env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey },
    });
    expect(result.code, result.stderr).toBe(0);
    const mirrorDir = join(home, 'data', 'mirror');
    const mirrors = readdirSync(mirrorDir).map((name) => join(mirrorDir, name));
    expect(mirrors.length).toBeGreaterThan(0);
    expectModes([join(home, 'data'), mirrorDir], mirrors);
  });

  it('a workflow: the journal and the fingerprint key 0600; --plan-out replaces a 0644 file with 0600', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gluekit-perm-'));
    const vault = join(home, 'vault.csv');
    writeFileSync(
      vault,
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n' +
        'Fabrikam,,login,Firewall admin,,,0,https://fw.example,admin,perm-test-value-1,\n',
    );
    const planOut = join(home, 'plan.json');
    writeFileSync(planOut, '{}', { mode: 0o644 });
    expect(modeOf(planOut)).toBe(0o644);
    const result = await runCli(
      [
        'passwords',
        'mirror',
        '--from',
        vault,
        '--org',
        'fabrikam architects',
        '--plan-out',
        planOut,
        '--apply',
        '--yes',
        '--json',
      ],
      { home, env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey } },
    );
    expect(result.code, result.stderr).toBe(0);
    const data = join(home, 'data');
    expectModes([data], [join(data, 'journal.sqlite'), join(data, 'fingerprint.key'), planOut]);
    expect(JSON.parse(readFileSync(planOut, 'utf8'))).toMatchObject({ workflow: 'passwords' });
  });

  it('--plan-out through a symbolic link is refused, and the link target is untouched', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gluekit-perm-'));
    const csv = join(home, 'people.csv');
    writeFileSync(csv, 'first_name,last_name,email\nAda,Lovelace,ada@example.com\n');
    const target = join(home, 'elsewhere.txt');
    writeFileSync(target, 'not a plan', { mode: 0o644 });
    const link = join(home, 'plan.json');
    symlinkSync(target, link);
    const result = await runCli(
      ['contacts', 'sync', '--from', csv, '--org', 'fabrikam architects', '--plan-out', link],
      { home, env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey } },
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('is a symbolic link');
    expect(readFileSync(target, 'utf8')).toBe('not a plan');
    expect(readlinkSync(link)).toBe(target);
  });
});

describe('SQLite files in process, under umask 022', () => {
  it('a new mirror: its directories 0700, the database, -wal and -shm 0600 while open', () => {
    const root = mkdtempSync(join(tmpdir(), 'gluekit-perm-'));
    const path = join(root, 'data', 'mirror', 'm.sqlite');
    const store = MirrorStore.open(path);
    try {
      store.setMeta('probe', 'x');
      expectModes([join(root, 'data'), join(root, 'data', 'mirror')], [path, `${path}-wal`, `${path}-shm`]);
    } finally {
      store.db.close();
    }
  });

  it('a new journal: the database, -wal and -shm 0600', () => {
    const root = mkdtempSync(join(tmpdir(), 'gluekit-perm-'));
    const path = join(root, 'data', 'journal.sqlite');
    const journal = Journal.open(path);
    try {
      expectModes([join(root, 'data')], [path, `${path}-wal`, `${path}-shm`]);
    } finally {
      journal.close();
    }
  });

  it.each([
    ['to read', { readonly: true }],
    ['for a sync', {}],
  ])('an existing 0644 mirror and its -wal and -shm are tightened when opened %s', (_, options) => {
    const root = mkdtempSync(join(tmpdir(), 'gluekit-perm-'));
    const path = join(root, 'old.sqlite');
    MirrorStore.open(path).db.close();
    // As an older gluekit left it: 0644, with another connection holding its -wal and -shm open.
    const older = new Database(path);
    older.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', 'x')").run();
    const files = [path, `${path}-wal`, `${path}-shm`];
    for (const file of files) chmodSync(file, 0o644);
    try {
      MirrorStore.open(path, options).db.close();
      expectModes([], files);
    } finally {
      older.close();
    }
  });
});
