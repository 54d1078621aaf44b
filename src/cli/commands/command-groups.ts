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

/** A command's runner: its context, then its flags. */
type Runner = (context: CliContext, flags: never) => Promise<void>;

/**
 * The action of a command that takes only flags, whose runner's module loads only when the
 * command runs (so registering commands stays cheap).
 */
export function lazyAction(load: () => Promise<Runner>): (flags: unknown, command: Command) => Promise<void> {
  return async (flags, command) => {
    const run = await load();
    await run(contextOf(command), flags as never);
  };
}
