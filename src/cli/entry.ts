/**
 * The `gluekit` binary's entry point. `gluekit --version` answers here, before the command tree
 * and the schemas it needs are loaded; everything else goes to the program in main.ts.
 */
import { VERSION } from '../version.js';

/**
 * `gluekit --help | head` or `gluekit contacts list | head -1`: the reader closed the pipe and
 * wants no more. That is the reader's choice, not a failure: stop quietly, as `cat` would, rather
 * than throw an unhandled EPIPE with a stack trace.
 */
function stopQuietlyWhenTheReaderLeaves(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}

export async function run(argv: readonly string[]): Promise<void> {
  stopQuietlyWhenTheReaderLeaves();
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const program = await import('./main.js');
  await program.run(argv);
}
