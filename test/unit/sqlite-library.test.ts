/**
 * The SQLite loader (src/core/sqlite-library.ts): once built, better-sqlite3's JavaScript comes
 * from the one-file bundle of exactly the installed version, with the installed native addon.
 * Needs a build (`npm test` builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSqlitePath, openDatabase, sqliteLoadedFrom } from '../../src/core/sqlite-library.js';

const installedVersion = (
  JSON.parse(
    readFileSync(
      join(dirname(dirname(createRequire(import.meta.url).resolve('better-sqlite3'))), 'package.json'),
      'utf8',
    ),
  ) as { version: string }
).version;

describe('openDatabase', () => {
  it('uses the bundle built from the installed better-sqlite3, and it works', () => {
    expect(existsSync(bundledSqlitePath(installedVersion)), 'no bundle: run `npm run build`').toBe(true);
    expect(sqliteLoadedFrom()).toBe('bundled');
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    db.prepare('INSERT INTO t (n) VALUES (?)').run(41);
    expect(db.prepare('SELECT n + 1 AS n FROM t').get()).toEqual({ n: 42 });
    db.close();
  });

  it('has no bundle for a version that is not installed, so that one would load the package itself', () => {
    expect(existsSync(bundledSqlitePath('0.0.0'))).toBe(false);
  });
});
