/**
 * bench/cli-startup: median wall time of `gluekit --version` and `gluekit orgs list --json`
 * against a local emulator, each as a ratio to `node -e 0` (Node's own start-up). Needs a build
 * (`npm run build`). Prints figures; asserts nothing.
 *
 *   npx tsx bench/cli-startup.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { reportFigures } from './_report.js';

const BIN = fileURLToPath(new URL('../bin/gluekit.js', import.meta.url));

function medianMs(args: string[], env: NodeJS.ProcessEnv, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (i >= 2) samples.push(ms); // the first two warm the file cache
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
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

export async function runCliStartupBench(
  runs = 15,
): Promise<Array<{ command: string; medianMs: number; ratio: number }>> {
  const emulator = await startEmulatorProcess();
  try {
    const env = { ...process.env, ...emulator.env, NO_COLOR: '1' };
    const baseline = medianMs(['-e', '0'], env, runs);
    const version = medianMs([BIN, '--version'], env, runs);
    const list = medianMs([BIN, 'orgs', 'list', '--json'], env, runs);
    return [
      { command: 'node -e 0', medianMs: baseline, ratio: 1 },
      { command: 'gluekit --version', medianMs: version, ratio: version / baseline },
      { command: 'gluekit orgs list --json', medianMs: list, ratio: list / baseline },
    ];
  } finally {
    emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('bench/cli-startup: median of 15 runs each');
  const rows = await runCliStartupBench();
  for (const row of rows) {
    console.log(
      `${row.command.padEnd(26)} ${row.medianMs.toFixed(0).padStart(5)} ms   ${row.ratio.toFixed(2)}x node -e 0`,
    );
  }
  const node = rows[0]?.medianMs ?? Number.NaN;
  reportFigures(
    'cli-startup',
    rows.slice(1).map((row) => ({
      name: `CLI start-up: \`${row.command}\` (median of 15)`,
      value: row.medianMs,
      unit: 'ms',
      baseline: { value: node, label: '`node -e 0`' },
    })),
  );
}
