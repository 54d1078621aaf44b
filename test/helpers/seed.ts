/**
 * Seeds of the randomised fault suites (chaos, crash). Each suite has a fixed default, so every
 * run injects the same faults; GLUEKIT_FAULT_SEED replaces it, to replay a failure or to explore.
 * A failing test prints its seed and the command that replays it.
 */
import { expect, onTestFailed } from 'vitest';

/** The seed to use: GLUEKIT_FAULT_SEED when set, else the suite's own. */
export function faultSeed(fallback: number): number {
  const raw = process.env.GLUEKIT_FAULT_SEED;
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw))
    throw new Error(`GLUEKIT_FAULT_SEED must be a whole number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** Call inside a test: if it fails, its seed and the replay command are printed with the failure. */
export function printSeedOnFailure(seed: number): void {
  const file = expect.getState().testPath ?? 'the test file';
  onTestFailed(() => {
    process.stderr.write(
      `\nfault seed ${seed}: replay with GLUEKIT_FAULT_SEED=${seed} npx vitest run ${file.replace(`${process.cwd()}/`, '')}\n`,
    );
  });
}
