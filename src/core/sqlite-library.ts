/**
 * better-sqlite3, loaded as fast as it can be: from its one-file bundle (see vendored.ts), with
 * the installed package's native addon handed over as `nativeBinding`. The bundle is used only
 * when it was made from the installed version and the addon is where the package builds it; otherwise (an addon elsewhere, another version,
 * no build yet) the package loads as usual.
 *
 * Loaded only by the modules that open a database: `import { GlueKit }` never loads SQLite.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { packageRequire } from './package-files.js';
import { installedPackage, vendoredPath, vendoredVersion } from './vendored.js';

interface Library {
  Database: typeof Database;
  /** The installed package's native addon, for the bundled JavaScript. */
  nativeBinding?: string;
}

let library: Library | undefined;

function load(): Library {
  const installed = installedPackage('better-sqlite3');
  const addon = join(installed.root, 'build', 'Release', 'better_sqlite3.node');
  if (vendoredVersion('better-sqlite3') === installed.version && existsSync(addon)) {
    return {
      Database: packageRequire(vendoredPath('better-sqlite3')) as typeof Database,
      nativeBinding: addon,
    };
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
