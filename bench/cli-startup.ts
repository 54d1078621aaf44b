/**
 * bench/cli-startup: what a short-lived process pays for gluekit, whole process from spawn to
 * exit, each as a ratio to `node -e 0` (Node's own start-up):
 *
 * - `gluekit --version`;
 * - `gluekit orgs list --json` against a local emulator (goal: at most 2x): agents call the CLI
 *   in loops, so this is their latency, the exit included;
 * - `import { GlueKit } from 'gluekit'` alone (goal: at most 1.5x).
 *
 * The commands run in turn, round after round (baseline, then each command), so a machine that
 * slows down or speeds up during the run moves every figure alike; each figure is the median of
 * its rounds, and each ratio the median of the per-round ratios. Needs a build (`npm run
 * build`). Prints figures; asserts nothing.
 *
 *   npx tsx bench/cli-startup.ts [rounds]
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { reportFigures } from './_report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/gluekit.js', import.meta.url));

interface Subject {
  label: string;
  args: string[];
  goal?: string;
}

const BASELINE: Subject = { label: 'node -e 0', args: ['-e', '0'] };
const SUBJECTS: Subject[] = [
  { label: 'gluekit --version', args: [BIN, '--version'] },
  { label: 'gluekit orgs list --json', args: [BIN, 'orgs', 'list', '--json'], goal: '<= 2' },
  {
    label: "import { GlueKit } from 'gluekit'",
    // Resolved from the project folder, as a user's code resolves the installed package.
    args: ['--input-type=module', '-e', "import { GlueKit } from 'gluekit'; void GlueKit;"],
    goal: '<= 1.5',
  },
];

function timeOnce(args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** An emulator in its own process: spawnSync blocks this one, so it cannot serve in here. */
async function startEmulatorProcess(): Promise<{ env: Record<string, string>; stop: () => void }> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--env'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.on('data', (chunk) => {
    text += chunk;
  });
  await new Promise<void>((resolve) => child.stdout.on('close', () => resolve()));
  const env = Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => line.replace(/^export /, '').split('=') as [string, string]),
  );
  return { env, stop: () => child.kill('SIGTERM') };
}

export interface StartupRow {
  command: string;
  medianMs: number;
  ratio: number;
  goal?: string | undefined;
}

export async function runCliStartupBench(rounds = 15): Promise<StartupRow[]> {
  const emulator = await startEmulatorProcess();
  try {
    const env = { ...process.env, ...emulator.env, NO_COLOR: '1' };
    const times = new Map<Subject, number[]>([BASELINE, ...SUBJECTS].map((subject) => [subject, []]));
    const ratios = new Map<Subject, number[]>(SUBJECTS.map((subject) => [subject, []]));
    // Two rounds first, not counted: they warm the file cache.
    for (let round = 0; round < rounds + 2; round++) {
      const baseline = timeOnce(BASELINE.args, env);
      const measured = SUBJECTS.map((subject) => [subject, timeOnce(subject.args, env)] as const);
      if (round < 2) continue;
      times.get(BASELINE)?.push(baseline);
      for (const [subject, ms] of measured) {
        times.get(subject)?.push(ms);
        ratios.get(subject)?.push(ms / baseline);
      }
    }
    return [BASELINE, ...SUBJECTS].map((subject) => ({
      command: subject.label,
      medianMs: median(times.get(subject) ?? []),
      ratio: subject === BASELINE ? 1 : median(ratios.get(subject) ?? []),
      goal: subject.goal,
    }));
  } finally {
    emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(process.argv[2] ?? 15);
  console.log(`bench/cli-startup: median of ${rounds} interleaved rounds, whole process`);
  const rows = await runCliStartupBench(rounds);
  for (const row of rows) {
    const goal = row.goal ? `   (goal ${row.goal}x)` : '';
    console.log(
      `${row.command.padEnd(36)} ${row.medianMs.toFixed(0).padStart(5)} ms   ${row.ratio.toFixed(2)}x node -e 0${goal}`,
    );
  }
  const node = rows[0]?.medianMs ?? Number.NaN;
  reportFigures(
    'cli-startup',
    rows.slice(1).map((row) => ({
      name: `start-up: \`${row.command}\` (median of ${rounds}; ratio: median of per-round ratios ${row.ratio.toFixed(2)}x)`,
      value: row.medianMs,
      unit: 'ms',
      baseline: { value: node, label: '`node -e 0`' },
      goal: row.goal,
    })),
  );
}
