/**
 * Registers the workflow commands on the program: one per entry of the WORKFLOWS table
 * (src/workflows/table.ts), its flags generated from the workflow's options, plus `apply`, `runs`
 * and `undo`. Their modules load only when one runs.
 */

import { flagOf, type WorkflowSpec } from '../../workflows/options.js';
import { WORKFLOWS } from '../../workflows/table.js';
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import { examplesHelp } from '../resource-commands.js';
import { commandGroup, contextOf } from './command-groups.js';
import type { OnboardFlags } from './docs-onboard.js';
import type { PasswordMirrorFlags } from './passwords-mirror.js';
import type { WorkflowFlags } from './workflows.js';

function addRunOptions(command: Command): Command {
  return command
    .option('--plan-out <file>', 'save the plan (JSON) for review and `gluekit apply`')
    .option('--apply', 'write the plan to IT Glue (asks first on a terminal)')
    .option('--yes', 'do not ask (needed with --apply when not at a terminal, and with --agent)')
    .option('--allow-conflicts', 'apply the rest of a plan that has conflicts, skipping them')
    .option('--all', 'list unchanged records in the plan too');
}

/** `auto, csv, m365, entra or json` */
function formatsHelp(formats: readonly string[]): string {
  const all = ['auto', ...formats];
  return `${all.slice(0, -1).join(', ')} or ${all.at(-1)}`;
}

/** The flags of a workflow's options, from the WORKFLOWS table (src/workflows/table.ts). */
function addWorkflowOptions(command: Command, spec: WorkflowSpec): Command {
  if (spec.formats.length > 0) command.option('--format <format>', formatsHelp(spec.formats), 'auto');
  for (const [key, declared] of Object.entries(spec.options)) {
    const flags = declared.value ? `${flagOf(spec, key)} ${declared.value}` : flagOf(spec, key);
    if (declared.required) command.requiredOption(flags, declared.description);
    else command.option(flags, declared.description);
  }
  return command;
}

/** What the CLI says about a workflow beyond its options: where its command goes, its help, its runner. */
interface WorkflowCommand {
  /** The group it extends and its name: `contacts sync`. */
  group: string;
  name: string;
  description: string;
  /** What it reads, a required flag: `--from <file>`, or `--templates <dir>`. */
  input: readonly [flags: string, description: string];
  examples: string[];
  /** Runs it, its module loaded only now (commander's values are untyped: each runner names its own). */
  run(ctx: CliContext, flags: Record<string, unknown>): Promise<void>;
}

/** One command per workflow: TypeScript asks for an entry here when WORKFLOWS gains one. */
const WORKFLOW_COMMANDS: { readonly [Name in WorkflowSpec['name']]: WorkflowCommand } = {
  contacts: {
    group: 'contacts',
    name: 'sync',
    description:
      'Plan (and with --apply, write) contacts from a CSV, an M365 or Entra export, or JSON; never deletes',
    input: ['--from <file>', 'the source file'],
    examples: [
      'gluekit contacts sync --from users.csv --org "Happy Frog Dental"',
      'gluekit contacts sync --from m365-users.csv --org 2 --deactivate-missing --deactivate-type Terminated --plan-out plan.json',
      'gluekit contacts sync --from users.csv --org 2 --apply --yes',
    ],
    run: async (ctx, flags) => (await import('./workflows.js')).runContactSync(ctx, flags as WorkflowFlags),
  },
  configurations: {
    group: 'configurations',
    name: 'import',
    description:
      'Plan (and with --apply, write) configurations from a CSV, NinjaOne, Datto RMM, Intune or JSON; never deletes',
    input: ['--from <file>', 'the source file'],
    examples: [
      'gluekit configs import --from devices.csv --org 2 --type "Managed Workstation"',
      'gluekit configs import --from ninja.json --type-map types.json --plan-out plan.json',
    ],
    run: async (ctx, flags) =>
      (await import('./workflows.js')).runConfigurationImport(ctx, flags as WorkflowFlags),
  },
  passwords: {
    group: 'passwords',
    name: 'mirror',
    description:
      'Plan (and with --apply, write) passwords from a vault export; secrets never printed, never deleted',
    input: ['--from <file>', 'the vault export'],
    examples: [
      'gluekit passwords mirror --from bitwarden.json --org-map clients.json --plan-out plan.json',
      'gluekit passwords mirror --from keepass.xml --org "Happy Frog Dental" --embed-on hostname --apply',
    ],
    run: async (ctx, flags) =>
      (await import('./passwords-mirror.js')).runPasswordMirror(ctx, flags as PasswordMirrorFlags),
  },
  documents: {
    group: 'documents',
    name: 'onboard',
    description: 'Plan (and with --apply, write) onboarding documents for a client from Markdown templates',
    input: ['--templates <dir>', 'a folder of Markdown templates, or "builtin" for the starter pack'],
    examples: [
      'gluekit docs onboard --org "Happy Frog Dental" --templates builtin',
      'gluekit docs onboard --org 2 --templates ./templates --vars acme.yaml --publish --apply',
    ],
    run: async (ctx, flags) => (await import('./docs-onboard.js')).runOnboard(ctx, flags as OnboardFlags),
  },
};

/** A workflow's command: its input, its options' flags, the run flags, examples, and its runner. */
function registerWorkflowCommand(program: Command, spec: WorkflowSpec, command: WorkflowCommand): void {
  const registered = commandGroup(program, command.group)
    .command(command.name)
    .description(command.description)
    .requiredOption(...command.input);
  addRunOptions(addWorkflowOptions(registered, spec))
    .addHelpText('after', examplesHelp(command.examples))
    .action(async (flags: Record<string, unknown>, invoked: Command) => {
      await command.run(contextOf(invoked), flags);
    });
}

export function registerWorkflowCommands(program: Command): void {
  for (const spec of Object.values(WORKFLOWS) as WorkflowSpec[])
    registerWorkflowCommand(program, spec, WORKFLOW_COMMANDS[spec.name]);

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
      await runRunsList(contextOf(command), flags);
    });
  runs
    .command('show')
    .argument('<run>', 'a run id from gluekit runs list')
    .description('One run: every write and its outcome')
    .action(async (runId: string, _flags, command: Command) => {
      const { runRunsShow } = await import('./workflows.js');
      await runRunsShow(contextOf(command), runId);
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
