/**
 * Registers the local mirror's commands: `sync`, the offline views (`search`, `changes`,
 * `coverage`, `orphans`) and the subcommands `passwords stale`, `contacts dupes` and
 * `organizations show`. Their modules load only when one runs.
 */
import type { Command } from '../commander.js';
import { examplesHelp } from '../resource-commands.js';
import { contextOf, commandGroup as group, lazyAction } from './command-groups.js';

const DB_HELP = "the mirror file (default: this base URL and key's mirror in the data directory)";
const MAX_AGE_HELP =
  'warn on stderr when the mirror is older than this (default 24h, or GLUEKIT_MIRROR_MAX_AGE)';

/** The options every view takes. */
function viewOptions(command: Command): Command {
  return command.option('--db <path>', DB_HELP).option('--max-age <duration>', MAX_AGE_HELP);
}

export function registerMirrorCommands(program: Command): void {
  program
    .command('sync')
    .description(
      'Copy organizations, contacts, passwords (metadata only), configurations and documents into the local mirror',
    )
    .option('--full', 'read every record again and reconcile deletions (default: only what changed)')
    .option('--resources <list>', 'only these types, e.g. contacts,passwords (default: all five)')
    .option('--db <path>', DB_HELP)
    .option(
      '--concurrency <n>',
      'requests in flight at once, within the rate budget (default: chosen from the budget and the measured latency, 8 to 64)',
    )
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit sync',
        'gluekit sync --full',
        'gluekit sync --resources contacts,configurations --json',
        'gluekit sync --db ./acme.sqlite',
      ]),
    )
    .action(lazyAction(async () => (await import('./mirror-sync.js')).runSync));

  viewOptions(
    program
      .command('search')
      .argument(
        '<query...>',
        'words that must all occur (matched literally: SN-123, ada@example.com, 10.0.0.5)',
      )
      .description('Search the mirror: names, emails, hostnames, serials, asset tags, MACs, IPs, URLs, notes')
      .option(
        '--type <type>',
        'only this type: organizations, contacts, passwords, configurations, documents',
      )
      .option('--org <id|name>', 'only this organization: its id, name or short name')
      .option('--limit <n>', 'at most this many hits', '50'),
  )
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit search C03R3LT7THV8',
        'gluekit search happyfrog.com --type contacts',
        'gluekit search "10.10.2" --org "Happy Frog Dental" --json',
      ]),
    )
    .action(async (words: string[], flags, command: Command) => {
      const { runSearch } = await import('./mirror-views.js');
      await runSearch(contextOf(command), words.join(' '), flags);
    });

  viewOptions(
    program
      .command('changes')
      .description('Records changed since a time, newest first, with field-level differences')
      .requiredOption('--since <when>', 'a duration (24h, 7d, 2w) or a UTC date or time (2026-01-01)')
      .option('--type <type>', 'only this type')
      .option('--org <id|name>', 'only this organization: its id, name or short name')
      .option('--limit <n>', 'at most this many records', '200'),
  )
    .addHelpText(
      'after',
      examplesHelp(['gluekit changes --since 7d', 'gluekit changes --since 2026-01-01 --type configs']),
    )
    .action(lazyAction(async () => (await import('./mirror-views.js')).runChanges));

  viewOptions(
    program
      .command('coverage')
      .description('Per organization: contacts, configurations, passwords and documents, thinnest first')
      .option('--below <n>', 'only organizations with fewer than N records of some kind')
      .option('--org <id|name>', 'only this organization: its id, name or short name'),
  )
    .addHelpText('after', examplesHelp(['gluekit coverage', 'gluekit coverage --below 3 --json']))
    .action(lazyAction(async () => (await import('./mirror-views.js')).runCoverage));

  viewOptions(
    program
      .command('orphans')
      .description('Records whose organization is not in the mirror, or is deleted')
      .option('--type <type>', 'only this type'),
  ).action(lazyAction(async () => (await import('./mirror-views.js')).runOrphans));

  viewOptions(
    group(program, 'passwords')
      .command('stale')
      .description('Passwords not rotated (password-updated-at) for N days, by organization, oldest first')
      .option('--days <n>', 'not rotated for this many days', '365')
      .option('--org <id|name>', 'only this organization: its id, name or short name'),
  )
    .addHelpText(
      'after',
      examplesHelp(['gluekit passwords stale', 'gluekit passwords stale --days 180 --org 2']),
    )
    .action(lazyAction(async () => (await import('./mirror-views.js')).runStalePasswords));

  viewOptions(
    group(program, 'contacts')
      .command('dupes')
      .description('Probable duplicate contacts: a shared email (any of theirs), or else the same name')
      .option('--org <id|name>', 'only groups with a contact in this organization')
      .option('--across-orgs', 'compare contacts of different organizations too'),
  )
    .addHelpText(
      'after',
      examplesHelp(['gluekit contacts dupes', 'gluekit contacts dupes --across-orgs --json']),
    )
    .action(lazyAction(async () => (await import('./mirror-views.js')).runDuplicateContacts));

  viewOptions(
    group(program, 'organizations')
      .command('show')
      .argument('<id|name>', 'the organization: an id, its name or its short name')
      .description('Everything the mirror knows about one organization')
      .option('--days <n>', 'passwords not rotated for this many days count as stale', '365'),
  )
    .addHelpText(
      'after',
      examplesHelp(['gluekit orgs show "Happy Frog Dental"', 'gluekit orgs show 2 --json']),
    )
    .action(async (idOrName: string, flags, command: Command) => {
      const { runOrganizationBrief } = await import('./mirror-views.js');
      await runOrganizationBrief(contextOf(command), idOrName, flags);
    });
}
