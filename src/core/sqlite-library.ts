/**
 * better-sqlite3, loaded as fast as it can be. Every CLI call that talks to IT Glue opens the
 * shared rate budget (a SQLite file), so this is start-up time that an agent calling gluekit in a
 * loop pays each time:
 *
 * - with `require`, never an ES import: importing this CommonJS package makes Node scan its
 *   source for the names it exports (as with commander, see cli/commander.ts);
 * - from one file: the package's JavaScript is thirteen small modules, and finding, reading and
 *   compiling them cost 10 ms of a 180 ms `gluekit orgs list`. scripts/build.js bundles exactly
 *   that JavaScript into `dist/vendor/better-sqlite3-<version>.cjs`. It is used only when the
 *   installed package has that version and its native addon is where the package builds it, and
 *   the addon is then handed over as `nativeBinding`; otherwise (another installed version, an
 *   addon elsewhere, no build yet) the package loads as usual.
 *
 * Loaded only by the modules that open a database: `import { GlueKit }` never loads SQLite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { packagePath, packageRequire } from './package-files.js';

interface Library {
  Database: typeof Database;
  /** The installed package's native addon, for the bundled JavaScript. */
  nativeBinding?: string;
}

let library: Library | undefined;

/** Where scripts/build.js puts the bundle of better-sqlite3 `version`'s JavaScript. */
export function bundledSqlitePath(version: string): string {
  return packagePath('dist', 'vendor', `better-sqlite3-${version}.cjs`);
}

function load(): Library {
  const installed = dirname(dirname(packageRequire.resolve('better-sqlite3'))); // …/lib/index.js
  const { version } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
    version: string;
  };
  const bundled = bundledSqlitePath(version);
  const addon = join(installed, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(bundled) && existsSync(addon)) {
    return { Database: packageRequire(bundled) as typeof Database, nativeBinding: addon };
  }
  return { Database: packageRequire('better-sqlite3') as typeof Database };
}

/** How this process loads SQLite: `bundled` once built, `package` otherwise. */
export function sqliteLoadedFrom(): 'bundled' | 'package' {
  library ??= load();
  return library.nativeBinding === undefined ? 'package' : 'bundled';
}

export function openDatabase(path: string, options: Database.Options = {}): Database.Database {
  library ??= load();
  const { Database: Open, nativeBinding } = library;
  return new Open(path, nativeBinding === undefined ? options : { ...options, nativeBinding });
}
