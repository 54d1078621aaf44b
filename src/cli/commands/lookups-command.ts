/**
 * Registers `gluekit lookups [kind]`: the lists a write needs ids from (contact types,
 * configuration types and statuses, manufacturers, models, operating systems, password
 * categories, an organization's document folders and locations). Its module loads only when it runs.
 */
import type { Command } from '../commander.js';
import { CliContext, type GlobalOptions } from '../context.js';
import { examplesHelp } from '../resource-commands.js';

export function registerLookupsCommand(program: Command): void {
  program
    .command('lookups')
    .argument('[kind]', 'which list (without one: every kind)')
    .description('The names and ids writes need: contact types, configuration types, statuses, …')
    .option('--org <id|name>', 'the organization (document-folders and locations only)')
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit lookups',
        'gluekit lookups contact-types',
        'gluekit lookups configuration-types --json',
        'gluekit lookups document-folders --org "Happy Frog Dental"',
        'gluekit lookups models --json',
        'gluekit lookups locations --org HFD',
      ]),
    )
    .action(async (kind: string | undefined, flags: { org?: string }, command: Command) => {
      const { runLookups } = await import('./lookups.js');
      await runLookups(new CliContext(command.optsWithGlobals() as GlobalOptions), kind, flags);
    });
}
