/**
 * The `gluekit` program. The command tree for resources comes from the operation table; every
 * command loads its module lazily, so `gluekit --version` stays fast.
 */
import { closeRateStores } from '../core/rate-stores/open.js';
import { VERSION } from '../version.js';
import { Command, CommanderError, Option } from './commander.js';
import { registerLookupsCommand } from './commands/lookups-command.js';
import { registerMcpCommand } from './commands/mcp-command.js';
import { registerMirrorCommands } from './commands/mirror.js';
import { registerUiCommand } from './commands/ui-command.js';
import { registerWorkflowCommands } from './commands/workflow-commands.js';
import { CliContext, type GlobalOptions } from './context.js';
import { EXIT_CODE_HELP, ExitCode, OUTPUT_CONTRACT_HELP } from './exit-codes.js';
import { installInterruptHandler } from './interrupt.js';
import {
  addListOptions,
  addWriteOptions,
  examplesHelp,
  findOperation,
  RESOURCE_CLI,
  type ResourceCli,
} from './resource-commands.js';

const ENVIRONMENT_HELP = `Environment:
  ITGLUE_API_KEY     the API key (or: gluekit config set api-key)
  ITGLUE_REGION      us, eu or au
  ITGLUE_BASE_URL    a base URL instead of a region (e.g. a local emulator)
  GLUEKIT_HOME       where config and data live (default: the platform's directories)
  GLUEKIT_PROFILE    the config profile to use
  GLUEKIT_RATE_LIMIT_WAIT  seconds to wait out IT Glue's rate limit before exit 7 (default 600)
  GLUEKIT_RATE_STORE where each key's rate budget is shared (as --rate-store)
  GLUEKIT_RATE_LIMIT the key's budget as requests/seconds (default 3000/300)
  NO_COLOR           no colour in tables`;

function contextOf(command: Command): CliContext {
  return new CliContext(command.optsWithGlobals() as GlobalOptions);
}

/**
 * Which resource groups get their subcommands: on a call that names one or more groups (any word
 * of the command line, so an option's value at worst builds one more), only those; on a call that
 * names none (`gluekit --help`, `gluekit sync`, a typo), all of them, for the help and the
 * suggestions. The rest are added by name, aliases and description alone: nothing of them is
 * shown or run on such a call, and their subcommands, with every option and example, were a few
 * milliseconds of the start of every `gluekit orgs list`.
 */
function resourceGroupsFor(args: readonly string[] | undefined): (resource: ResourceCli) => boolean {
  if (args === undefined) return () => true;
  const words = new Set(args.filter((arg) => !arg.startsWith('-')));
  const named = (resource: ResourceCli) =>
    words.has(resource.type) || resource.aliases.some((alias) => words.has(alias));
  return RESOURCE_CLI.some(named) ? named : () => true;
}

function addResourceCommands(program: Command, wanted: (resource: ResourceCli) => boolean): void {
  for (const resource of RESOURCE_CLI) {
    const group = program
      .command(resource.type)
      .aliases(resource.aliases)
      .description(`IT Glue ${resource.type}`);
    if (!wanted(resource)) continue;
    const list = findOperation(resource.type, 'list', 'global');
    const nestedList = findOperation(resource.type, 'list', 'organization');
    if (list) {
      addListOptions(
        group
          .command('list')
          .description(
            `${list.summary} (${list.operationId}${nestedList ? `; ${nestedList.operationId} with --org` : ''})`,
          ),
        list,
        nestedList !== undefined,
      )
        .addHelpText('after', examplesHelp(resource.examples.list))
        .action(async (flags, command: Command) => {
          const { runList } = await import('./commands/records.js');
          await runList(contextOf(command), resource.type, flags);
        });
    }
    const get = findOperation(resource.type, 'get', 'global');
    if (get) {
      const command = group
        .command('get')
        .argument(
          resource.type === 'organizations' ? '<id|name>' : '<id>',
          resource.type === 'organizations' ? 'the id, the name or the short name' : 'the record id',
        )
        .description(`${get.summary} (${get.operationId})`);
      if (resource.type === 'passwords') {
        command
          .option('--reveal', 'fetch and show the password value')
          .option('--copy', 'copy the value to the clipboard (terminal only)');
      }
      command
        .addHelpText('after', examplesHelp(resource.examples.get))
        .action(async (id: string, flags, cmd: Command) => {
          const { runGet } = await import('./commands/records.js');
          await runGet(contextOf(cmd), resource.type, id, flags);
        });
    }
    for (const action of ['create', 'update'] as const) {
      const op = findOperation(resource.type, action, 'global');
      if (!op) continue;
      const nested = findOperation(resource.type, action, 'organization');
      const command = group
        .command(action)
        .description(
          `${op.summary} (${op.operationId}${nested ? `; ${nested.operationId} with --org` : ''})`,
        );
      if (action === 'update') command.argument('<id>', 'the record id');
      if (nested || (resource.type === 'passwords' && action === 'create')) {
        command.option('--org <id|name>', 'the organization: its id, name (any case) or short name');
      }
      addWriteOptions(command, resource.type === 'passwords')
        .addHelpText('after', examplesHelp(resource.examples[action]))
        .action(async (...args: unknown[]) => {
          const cmd = args[args.length - 1] as Command;
          const flags = args[args.length - 2] as Record<string, unknown>;
          const id = action === 'update' ? (args[0] as string) : undefined;
          const { runWrite } = await import('./commands/records.js');
          await runWrite(contextOf(cmd), resource.type, action, id, flags);
        });
    }
    if (resource.type === 'documents') addSectionCommands(group);
  }
}

/** `docs sections list|update`: real IT Glue keeps a document's body in sections. */
function addSectionCommands(documents: Command): void {
  const sections = documents
    .command('sections')
    .description("A document's sections, where IT Glue keeps its body (real IT Glue; not in the document)");
  sections
    .command('list')
    .argument('<document-id>', 'the document id')
    .description('List the sections of a document, in order (GET /documents/{id}/relationships/sections)')
    .addHelpText(
      'after',
      examplesHelp(['gluekit docs sections list 1201', 'gluekit docs sections list 1201 --json']),
    )
    .action(async (documentId: string, _flags, cmd: Command) => {
      const { runSectionsList } = await import('./commands/doc-sections.js');
      await runSectionsList(contextOf(cmd), documentId);
    });
  const update = sections
    .command('update')
    .argument('<document-id>', 'the document id')
    .argument('<section-id>', 'the section id (see: docs sections list)')
    .description(
      "Update one section's content or fields (PATCH /documents/{id}/relationships/sections/{section_id}); its kind cannot change",
    );
  addWriteOptions(update, false)
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit docs sections update 1201 5521 --set content="<p>Two sites, one VPN.</p>"',
        'gluekit docs sections update 1201 5520 --set level=3 --dry-run',
      ]),
    )
    .action(async (documentId: string, sectionId: string, flags, cmd: Command) => {
      const { runSectionUpdate } = await import('./commands/doc-sections.js');
      await runSectionUpdate(contextOf(cmd), documentId, sectionId, flags);
    });
}

/**
 * Where commander's own messages go. In JSON mode a parser error (an unknown option, a missing
 * argument) must reach stderr as the JSON error object like any other, so commander's text is
 * kept back here and reported by `run` instead.
 */
export interface ParserOutput {
  json: boolean;
  /** The last text commander kept back (its error line, or the help it shows for a missing command). */
  heldBack: string;
}

/**
 * The whole program; with `args` (the command line after `gluekit`), only the resource groups
 * that line names are built whole (see resourceGroupsFor).
 */
export function buildProgram(
  output: ParserOutput = { json: false, heldBack: '' },
  args?: readonly string[],
): Command {
  const program = new Command('gluekit')
    .description(
      'IT Glue for MSP engineers and their agents: SDK, CLI, safe sync workflows, local mirror, MCP server, emulator.',
    )
    .version(VERSION, '-V, --version')
    .option('--json', 'JSON output (the default when stdout is not a terminal)')
    .addOption(new Option('-o, --output <format>', 'table, json, ndjson or csv'))
    .option('--select <paths>', 'only these fields, dotted paths, e.g. id,name,organization.name')
    .option('--field <name>', "print only this field's value and nothing else (for | clip or $(…))")
    .option('--wide', "tables: cut no cell to the terminal's width")
    .addOption(
      new Option(
        '--csv-formula-guard <on|off>',
        "CSV: put ' before cells a spreadsheet would run as a formula (default on)",
      ).choices(['on', 'off']),
    )
    .option('--agent', 'for agents and scripts: JSON, no prompts, no colour, no progress')
    .option('--profile <name>', 'the config profile to use')
    .option('--region <region>', 'us, eu or au')
    .option('--base-url <url>', 'a base URL instead of a region (e.g. a local emulator)')
    .option('--no-color', 'no colour')
    .option('-v, --verbose', 'log requests to stderr (never the key or a secret)')
    .option(
      '--rate-store <store>',
      "where each key's rate budget is shared: file (default: every gluekit process on this machine), memory, file:PATH or redis://host:port/db",
    )
    .showSuggestionAfterError(true)
    // Set before the subcommands are added, so they inherit both: usage errors throw, and exit 2.
    .exitOverride()
    .configureOutput({
      writeErr: (text) => {
        if (output.json) output.heldBack = text;
        else process.stderr.write(text);
      },
    })
    .addHelpText('after', `\n${ENVIRONMENT_HELP}\n\n${OUTPUT_CONTRACT_HELP}\n\n${EXIT_CODE_HELP}`);

  addResourceCommands(program, resourceGroupsFor(args));
  registerMirrorCommands(program);
  registerWorkflowCommands(program);
  registerMcpCommand(program);
  registerUiCommand(program);
  registerLookupsCommand(program);

  const config = program.command('config').description('Named profiles: region or base URL, and the API key');
  config
    .command('set')
    .argument('<key>', 'region, base-url, api-key or default-profile')
    .argument('[value]', 'the value (api-key reads it from stdin or a hidden prompt instead)')
    .option('--stdin', 'read the value from stdin')
    .description('Set a value in the profile (--profile, default "default")')
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit config set region eu',
        'printf %s "$KEY" | gluekit config set api-key',
        'gluekit config set base-url http://127.0.0.1:4010 --profile emulator',
      ]),
    )
    .action(async (key: string, value: string | undefined, flags, cmd: Command) => {
      const { runConfigSet } = await import('./commands/config.js');
      await runConfigSet(contextOf(cmd), key, value, flags);
    });
  config
    .command('get')
    .argument('<key>', 'region, base-url, api-key (shown as a fingerprint) or default-profile')
    .description('Show one value of the profile')
    .action(async (key: string, _flags, cmd: Command) => {
      const { runConfigGet } = await import('./commands/config.js');
      runConfigGet(contextOf(cmd), key);
    });
  config
    .command('list')
    .description('Show every profile (keys as fingerprints)')
    .action(async (_flags, cmd: Command) => {
      const { runConfigList } = await import('./commands/config.js');
      runConfigList(contextOf(cmd));
    });

  config
    .command('delete')
    .alias('rm')
    .argument('<profile>', 'the profile to remove, its key included')
    .description('Delete a profile')
    .addHelpText('after', examplesHelp(['gluekit config delete emulator']))
    .action(async (name: string, _flags, cmd: Command) => {
      const { runConfigDelete } = await import('./commands/config.js');
      runConfigDelete(contextOf(cmd), name);
    });

  program
    .command('doctor')
    .description('Check configuration, reachability, the key, the region, the clock and the rate budget')
    .action(async (_flags, cmd: Command) => {
      const { runDoctor } = await import('./commands/doctor.js');
      await runDoctor(contextOf(cmd));
    });

  program
    .command('emulator')
    .description('Serve a faithful local IT Glue (no key, no network) until Ctrl-C')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option(
      '--profile <profile>',
      'real: behave like IT Glue; seed: take the OpenAPI document literally',
      'real',
    )
    .option('--seed <seed>', 'demo, scale:N (N organizations) or empty', 'demo')
    .option('--api-key <key>', 'the key clients must send (default: a random one, printed at start)')
    .option('--latency <ms>', 'added latency per request', '0')
    .option('--jitter <ms>', 'random extra latency up to this much', '0')
    .option('--fail-rate <r>', 'fraction of requests answered with a 5xx', '0')
    .option('--reset-rate <r>', 'fraction of connections reset with no answer', '0')
    .option('--lost-response-rate <r>', 'fraction of writes committed, then the answer lost', '0')
    .option('--rate-limit <n/seconds>', 'requests per window per key, or "off"', '3000/300')
    .option('--env', 'print only `export ITGLUE_BASE_URL=…` and `export ITGLUE_API_KEY=…`')
    .addHelpText(
      'after',
      examplesHelp([
        'gluekit emulator',
        'eval "$(gluekit emulator --env &)" && gluekit orgs list',
        'gluekit emulator --seed scale:200 --latency 100 --jitter 50 --fail-rate 0.1',
      ]),
    )
    .action(async (options, cmd: Command) => {
      const { runEmulatorCommand } = await import('./commands/emulator.js');
      // Here --profile names the emulator's profile. Commander files it under the global
      // --profile (a config profile, which means nothing to the emulator), so read it from there.
      await runEmulatorCommand({ ...options, profile: cmd.optsWithGlobals().profile ?? 'real' });
    });

  program
    .command('demo')
    .description('A 30-second guided tour against an in-process emulator, with real output')
    .option('--keep', 'keep the temp folder the tour writes to (its journal and mirror) for a look')
    .action(async (flags: { keep?: boolean }) => {
      const { runDemo } = await import('./commands/demo.js');
      await runDemo(flags);
    });

  return program;
}

function wantsJsonErrors(argv: readonly string[]): boolean {
  if (argv.includes('--json') || argv.includes('--agent')) return true;
  const output = argv.findIndex((arg) => arg === '--output' || arg === '-o');
  const format = output >= 0 ? argv[output + 1] : argv.find((arg) => arg.startsWith('--output='))?.slice(9);
  if (format !== undefined) return format !== 'table';
  return process.stdout.isTTY !== true;
}

/** A parser error as the error object's message: commander's text without its `error: ` prefix. */
function parserMessage(error: CommanderError, heldBack: string): string {
  if (error.code === 'commander.help' || error.code === 'commander.helpDisplayed') {
    const usage = heldBack.split('\n').find((line) => line.startsWith('Usage:')) ?? '';
    return `A command is missing. ${usage.trim()} (add --help for the list)`;
  }
  return (heldBack || error.message).trim().replace(/^error: /, '');
}

export async function run(argv: readonly string[]): Promise<void> {
  const jsonErrors = wantsJsonErrors(argv.slice(2));
  const parserOutput: ParserOutput = { json: jsonErrors, heldBack: '' };
  const program = buildProgram(parserOutput, argv.slice(2));
  installInterruptHandler(() => {
    process.stderr.write('\ngluekit: interrupted\n');
    process.exit(ExitCode.INTERRUPTED);
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; anything else commander rejects is a usage error.
      process.exitCode = error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
      if (error.exitCode !== 0 && jsonErrors) {
        const { reportError } = await import('./report-error.js');
        const { UsageError } = await import('./usage-error.js');
        reportError(new UsageError(parserMessage(error, parserOutput.heldBack)), true);
      }
      return;
    }
    const { reportError } = await import('./report-error.js');
    process.exitCode = reportError(error, jsonErrors);
  } finally {
    // The rate budget's file or Redis connection must not keep the process alive.
    await closeRateStores();
  }
}
