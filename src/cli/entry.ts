/**
 * The `gluekit` binary's entry point. `gluekit --version` answers here, before the command tree
 * and the schemas it needs are loaded; everything else goes to the program in main.ts.
 */
import { VERSION } from '../version.js';

export async function run(argv: readonly string[]): Promise<void> {
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const program = await import('./main.js');
  await program.run(argv);
}
