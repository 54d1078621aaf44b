/**
 * commander, loaded with `require`. It is a CommonJS package, and an ES `import` of CommonJS
 * costs Node some 20 ms on every start (it scans the package's source for the names it exports),
 * which `require` does not: a fifth of all a CLI call may add to Node's own start-up. Types are
 * the package's own; every module of the CLI takes commander from here.
 */
import type * as commander from 'commander';
import { packageRequire } from '../core/package-files.js';

const library = packageRequire('commander') as typeof commander;

export const Command: typeof commander.Command = library.Command;
export type Command = commander.Command;
export const CommanderError: typeof commander.CommanderError = library.CommanderError;
export type CommanderError = commander.CommanderError;
export const Option: typeof commander.Option = library.Option;
export type Option = commander.Option;
