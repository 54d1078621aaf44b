/**
 * The CommonJS dependencies on the CLI's start-up path (src/core/vendored.ts): once built, each
 * loads from the one-file bundle of exactly the installed version, and better-sqlite3 with the
 * installed native addon. Needs a build (`npm test` builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Command } from '../../src/cli/commander.js';
import { openDatabase, sqliteLoadedFrom } from '../../src/core/sqlite-library.js';
import {
  installedPackage,
  VENDORED_PACKAGES,
  vendoredPath,
  vendoredVersion,
} from '../../src/core/vendored.js';

const require = createRequire(import.meta.url);

describe.each(VENDORED_PACKAGES)('%s', (name) => {
  const installed = installedPackage(name);

  it('is found where it is installed, with its own version', () => {
    const manifest = JSON.parse(readFileSync(join(installed.root, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    expect(manifest.name).toBe(name);
    expect(installed.version).toBe(manifest.version);
  });

  it('has a bundle made from the installed version, with the licence beside it', () => {
    expect(existsSync(vendoredPath(name)), 'no bundle: run `npm run build`').toBe(true);
    expect(vendoredVersion(name)).toBe(installed.version);
    expect(readFileSync(vendoredPath(name), 'utf8')).toContain(`${name} ${installed.version}, bundled`);
    expect(existsSync(join(vendoredPath(name), '..', `${name}.LICENSE`))).toBe(true);
  });
});

describe('the loaders', () => {
  it('open SQLite through the bundle, and it works', () => {
    expect(sqliteLoadedFrom()).toBe('bundled');
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    db.prepare('INSERT INTO t (n) VALUES (?)').run(41);
    expect(db.prepare('SELECT n + 1 AS n FROM t').get()).toEqual({ n: 42 });
    db.close();
  });

  it('give the CLI the bundled commander, and it parses', () => {
    expect(Object.keys(require.cache)).toContain(vendoredPath('commander'));
    expect(Object.keys(require.cache).some((path) => path.includes('/node_modules/commander/'))).toBe(false);
    let seen: string | undefined;
    new Command()
      .exitOverride()
      .argument('<name>')
      .action((value: string) => {
        seen = value;
      })
      .parse(['node', 'x', 'acme'], { from: 'node' });
    expect(seen).toBe('acme');
  });
});
