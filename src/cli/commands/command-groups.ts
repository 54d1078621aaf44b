/** What the modules that register commands share: a command's context, and a group to extend. */
import type { Command } from '../commander.js';
import { CliContext, type GlobalOptions } from '../context.js';

/** The context of the command that runs: its own options with the program's global ones. */
export function contextOf(command: Command): CliContext {
  return new CliContext(command.optsWithGlobals() as GlobalOptions);
}

/** A command group main.ts made (`contacts`, `passwords`...), to add subcommands to. */
export function commandGroup(program: Command, name: string): Command {
  const found = program.commands.find((command) => command.name() === name);
  if (!found) throw new Error(`no ${name} command to extend`);
  return found;
}
