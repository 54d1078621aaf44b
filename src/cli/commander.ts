/**
 * commander, loaded with `require` from its one-file bundle (core/vendored.ts says why: an ES
 * `import` of this CommonJS package cost some 20 ms on every start, its six modules and finding
 * the package some 6 ms more than the one file). Types are the package's own; every module of the CLI takes commander from here.
 */
import type * as commander from 'commander';
import { requireCommander } from '../core/vendored.js';

const library = requireCommander<typeof commander>();

export const Command: typeof commander.Command = library.Command;
export type Command = commander.Command;
export const CommanderError: typeof commander.CommanderError = library.CommanderError;
export type CommanderError = commander.CommanderError;
export const Option: typeof commander.Option = library.Option;
export type Option = commander.Option;
