/**
 * better-sqlite3, loaded with `require`. It is a CommonJS package, and an ES `import` of one
 * makes Node scan its source for the names it exports on every start (as with commander, see
 * cli/commander.ts); `require` skips that. The shared rate budget opens SQLite on every CLI call
 * that talks to IT Glue, so this is start-up time an agent calling gluekit in a loop pays each time.
 * Loaded only by the modules that open a database: `import { GlueKit }` never loads SQLite.
 */
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

let library: typeof Database | undefined;

export function openDatabase(path: string, options?: Database.Options): Database.Database {
  library ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return new library(path, options);
}
