/**
 * Registers `gluekit ui`. The dashboard's modules load only when it runs, never for another
 * command or for `import { GlueKit }`.
 */
import type { Command } from '../commander.js';
import { examplesHelp } from '../resource-commands.js';
import { lazyAction } from './command-groups.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function registerUiCommand(program: Command): void {
  program
    .command('ui')
    .description(
      'A local, read-only web dashboard over the mirror: coverage, stale passwords, changes, duplicates, search and plan review',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', '4280')
    .option('--host <address>', 'address to bind (anything but loopback needs a token)', '127.0.0.1')
    .option('--db <path>', "the mirror file (default: this base URL and key's mirror in the data directory)")
    .option('--plan <file>', 'a saved plan to offer on the plan review page (repeatable)', collect)
    .option(
      '--auth-token-file <path>',
      'read the token off-loopback visitors must present from this file (or set GLUEKIT_UI_AUTH_TOKEN)',
    )
    .option(
      '--max-age <duration>',
      'when the mirror counts as stale (default 24h, or GLUEKIT_MIRROR_MAX_AGE)',
    )
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit ui',
        'gluekit ui --port 0 --plan plan.json',
        'gluekit ui --db ./acme.sqlite',
        'GLUEKIT_UI_AUTH_TOKEN="$(openssl rand -hex 32)" gluekit ui --host 0.0.0.0',
      ]),
    )
    .action(lazyAction(async () => (await import('./ui.js')).runUi));
}
