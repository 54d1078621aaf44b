/**
 * Registers the workflow commands on the program. Their modules load only when one runs.
 */
import type { Command } from '../commander.js';
import type { GlobalOptions } from '../context.js';
import { CliContext } from '../context.js';
import { examplesHelp } from '../resource-commands.js';

function contextOf(command: Command): CliContext {
  return new CliContext(command.optsWithGlobals() as GlobalOptions);
}

function group(program: Command, name: string): Command {
  const found = program.commands.find((command) => command.name() === name);
  if (!found) throw new Error(`no ${name} command to extend`);
  return found;
}

function addRunOptions(command: Command): Command {
  return command
    .option('--plan-out <file>', 'save the plan (JSON) for review and `gluekit apply`')
    .option('--apply', 'write the plan to IT Glue (asks first on a terminal)')
    .option('--yes', 'do not ask (needed with --apply when not at a terminal, and with --agent)')
    .option('--allow-conflicts', 'apply the rest of a plan that has conflicts, skipping them')
    .option('--all', 'list unchanged records in the plan too');
}

export function registerWorkflowCommands(program: Command): void {
  addRunOptions(
    group(program, 'contacts')
      .command('sync')
      .description(
        'Plan (and with --apply, write) contacts from a CSV, an M365 or Entra export, or JSON; never deletes',
      )
      .requiredOption('--from <file>', 'the source file')
      .option('--org <id|name>', 'the organization for a file without an organization column')
      .option('--format <format>', 'auto, csv, m365, entra or json', 'auto')
      .option('--deactivate-missing', 'deactivate contacts this source owns that are missing from it')
      .option(
        '--deactivate-type <id|name>',
        'the contact type that marks departed people (IT Glue contacts have no archive flag)',
      )
      .option('--deactivate-unowned', 'also deactivate contacts this source did not create or match before')
      .option(
        '--max-deactivate <n|pct>',
        'allow more than 20% of an organization to be deactivated in one run',
      )
      .option('--match-name', 'match rows without an email by exact name, when exactly one contact has it')
      .option('--source <name>', 'the source id that owns what this run creates (default contacts:<format>)'),
  )
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit contacts sync --from users.csv --org "Happy Frog Dental"',
        'gluekit contacts sync --from m365-users.csv --org 2 --deactivate-missing --deactivate-type Terminated --plan-out plan.json',
        'gluekit contacts sync --from users.csv --org 2 --apply --yes',
      ]),
    )
    .action(async (flags, command: Command) => {
      const { runContactSync } = await import('./workflows.js');
      await runContactSync(contextOf(command), flags);
    });

  addRunOptions(
    group(program, 'configurations')
      .command('import')
      .description(
        'Plan (and with --apply, write) configurations from a CSV, NinjaOne, Datto RMM, Intune or JSON; never deletes',
      )
      .requiredOption('--from <file>', 'the source file')
      .option('--org <id|name>', 'the organization for a file without an organization column')
      .option('--format <format>', 'auto, csv, ninjaone, datto, intune or json', 'auto')
      .option('--type <id|name>', 'the configuration type for new devices whose row names none')
      .option('--type-map <file>', 'source device classes to IT Glue configuration types (JSON or CSV)')
      .option('--status <id|name>', 'the configuration status for new devices')
      .option('--archive-missing', 'archive devices this source owns that are missing from it (never delete)')
      .option(
        '--source <name>',
        'the source id that owns what this run creates (default configurations:<format>)',
      ),
  )
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit configs import --from devices.csv --org 2 --type "Managed Workstation"',
        'gluekit configs import --from ninja.json --type-map types.json --plan-out plan.json',
      ]),
    )
    .action(async (flags, command: Command) => {
      const { runConfigurationImport } = await import('./workflows.js');
      await runConfigurationImport(contextOf(command), flags);
    });

  addRunOptions(
    group(program, 'passwords')
      .command('mirror')
      .description(
        'Plan (and with --apply, write) passwords from a vault export; secrets never printed, never deleted',
      )
      .requiredOption('--from <file>', 'the vault export')
      .option('--org <id|name>', 'the organization for the whole file')
      .option(
        '--org-map <file>',
        'vault containers (folders, collections, groups, vaults) to organizations (JSON or CSV)',
      )
      .option(
        '--format <format>',
        'auto, bitwarden-json, bitwarden-csv, keepass-xml, keepassxc-csv, keepass1-csv, 1password-csv, 1pux, lastpass-csv, itglue-csv or json',
        'auto',
      )
      .option('--category <id|name>', 'the password category for entries that name none')
      .option('--category-map <file>', 'source categories to IT Glue password categories (JSON or CSV)')
      .option(
        '--embed-on <field>',
        'embed entries whose folder or field names a configuration, found by hostname, serial or name',
      )
      .option('--compare-values', 'fetch values still unknown to compare them (one request each)')
      .option(
        '--archive-missing',
        'archive passwords this source owns that are missing from it (never delete)',
      )
      .option('--lastpass-unescape', 'decode &amp; and the like in a LastPass export')
      .option(
        '--source <name>',
        'the source id that owns what this run creates (default passwords:<format>)',
      ),
  )
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit passwords mirror --from bitwarden.json --org-map clients.json --plan-out plan.json',
        'gluekit passwords mirror --from keepass.xml --org "Happy Frog Dental" --embed-on hostname --apply',
      ]),
    )
    .action(async (flags, command: Command) => {
      const { runPasswordMirror } = await import('./passwords-mirror.js');
      await runPasswordMirror(contextOf(command), flags);
    });

  addRunOptions(
    group(program, 'documents')
      .command('onboard')
      .description('Plan (and with --apply, write) onboarding documents for a client from Markdown templates')
      .requiredOption('--org <id|name>', 'the organization')
      .requiredOption(
        '--templates <dir>',
        'a folder of Markdown templates, or "builtin" for the starter pack',
      )
      .option('--vars <file>', 'values for {{ vars.* }} (YAML or JSON)')
      .option('--folder <name|id>', 'the document folder for templates that name none')
      .option('--publish', 'publish the documents after writing them')
      .option('--adopt', 'replace documents gluekit did not write, or that a person edited'),
  )
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit docs onboard --org "Happy Frog Dental" --templates builtin',
        'gluekit docs onboard --org 2 --templates ./templates --vars acme.yaml --publish --apply',
      ]),
    )
    .action(async (flags, command: Command) => {
      const { runOnboard } = await import('./docs-onboard.js');
      await runOnboard(contextOf(command), flags);
    });

  program
    .command('apply')
    .argument('<plan>', 'a plan saved with --plan-out')
    .description('Apply a saved plan, after checking nothing it touches changed since')
    .option('--yes', 'do not ask')
    .option('--allow-conflicts', 'skip conflicting or changed records and apply the rest')
    .option('--all', 'list unchanged records too')
    .action(async (file: string, flags, command: Command) => {
      const { runApply } = await import('./workflows.js');
      await runApply(contextOf(command), file, flags);
    });

  const runs = program.command('runs').description('The journal of applied plans');
  runs
    .command('list')
    .description('Recent runs, newest first')
    .option('--limit <n>', 'how many', '50')
    .action(async (flags, command: Command) => {
      const { runRunsList } = await import('./workflows.js');
      runRunsList(contextOf(command), flags);
    });
  runs
    .command('show')
    .argument('<run>', 'a run id from gluekit runs list')
    .description('One run: every write and its outcome')
    .action(async (runId: string, _flags, command: Command) => {
      const { runRunsShow } = await import('./workflows.js');
      runRunsShow(contextOf(command), runId);
    });

  runs
    .command('export')
    .description('The audit trail: every write gluekit made, one row per changed field, oldest first')
    .option('--since <when>', 'only writes since a duration (30d, 12h) or a UTC date or time')
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit runs export --since 30d --output csv > gluekit-audit.csv',
        'gluekit runs export --since 2026-01-01 --output json',
      ]),
    )
    .action(async (flags, command: Command) => {
      const { runRunsExport } = await import('./runs-export.js');
      runRunsExport(contextOf(command), flags);
    });

  addRunOptions(
    program
      .command('undo')
      .argument('<run>', 'a run id from gluekit runs list')
      .description(
        'Plan the reverse of a run (updates restored, creations archived or deactivated); apply it like any plan',
      )
      .option(
        '--deactivate-type <id|name>',
        'for contacts the run created: the contact type that marks them deactivated',
      ),
  ).action(async (runId: string, flags, command: Command) => {
    const { runUndo } = await import('./workflows.js');
    await runUndo(contextOf(command), runId, flags);
  });
}
