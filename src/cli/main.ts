/**
 * The `gluekit` program. Commands load their modules lazily so `gluekit --version` stays fast.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { EXIT_CODE_HELP, ExitCode } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('gluekit')
    .description(
      'IT Glue for MSP engineers and their agents: SDK, CLI, safe sync workflows, local mirror, MCP server, emulator.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${EXIT_CODE_HELP}`);

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
      `
Examples:
  gluekit emulator
  eval "$(gluekit emulator --env &)" && gluekit orgs list
  gluekit emulator --seed scale:200 --latency 100 --jitter 50 --fail-rate 0.1`,
    )
    .action(async (options) => {
      const { runEmulatorCommand } = await import('./commands/emulator.js');
      await runEmulatorCommand(options);
    });

  program
    .command('demo')
    .description('A 30-second guided tour against an in-process emulator, with real output')
    .action(async () => {
      const { runDemo } = await import('./commands/demo.js');
      await runDemo();
    });

  return program;
}

export async function run(argv: readonly string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; anything else commander rejects is a usage error.
      process.exitCode = error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
      return;
    }
    const { reportError } = await import('./report-error.js');
    process.exitCode = reportError(error);
  }
}
