/**
 * bench/shared-budget: three `gluekit sync` processes with one key, started together, against an
 * emulator that enforces IT Glue's limit scaled down tenfold in time (300 requests per 30 s) with
 * 100 ms of latency, each with default settings, so they share the key's window through the file
 * in the data directory (the CLI's default store). Three syncs of scale:240 need about 730
 * requests, more than two windows: the window, not the network, sets the pace.
 *
 * Prints the throughput the three achieved together over the throughput allowed (windowUse in
 * _report.ts), and the 429s the emulator sent (goal 0). The allowed rate assumes a window's worth
 * of requests can all start at once; three processes starting up and reading their first pages
 * cannot, so the ratio is the sharing's cost plus that ramp, which a longer job spreads thinner. The time runs from the spawn of the processes to the last exit, so it
 * includes their start-up. Takes about a minute and a half. Asserts nothing.
 *
 *   npx tsx bench/shared-budget.ts [--store memory|redis://…]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.js';
import { reportFigures, windowUse } from './_report.js';

const LIMIT = 300;
const WINDOW_S = 30;
const LATENCY_MS = 100;
const SEED = 'scale:240';
const PROCESSES = 3;
const BIN = fileURLToPath(new URL('../bin/gluekit.js', import.meta.url));

const at = process.argv.indexOf('--store');
const store = at > 0 ? process.argv[at + 1] : undefined;

function sync(env: NodeJS.ProcessEnv, db: string): Promise<{ code: number | null; stderr: string }> {
  const args = [BIN, ...(store ? ['--rate-store', store] : []), 'sync', '--json', '--db', db];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
}

const emulator = await startEmulator({
  seed: SEED as 'demo',
  rateLimit: { limit: LIMIT, windowSeconds: WINDOW_S },
  faults: { latencyMs: LATENCY_MS },
});
const home = mkdtempSync(join(tmpdir(), 'gluekit-bench-shared-'));
try {
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ITGLUE_|GLUEKIT_)/.test(key))),
    GLUEKIT_HOME: home,
    ITGLUE_BASE_URL: emulator.url,
    ITGLUE_API_KEY: emulator.apiKey,
    GLUEKIT_RATE_LIMIT: `${LIMIT}/${WINDOW_S}`,
  };
  console.log(
    `bench/shared-budget: ${PROCESSES} gluekit sync processes, one key, ${SEED}, limit ${LIMIT} per ${WINDOW_S} s, ` +
      `${LATENCY_MS} ms latency, store ${store ?? 'file (the default)'}`,
  );
  emulator.control.resetCounts();
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) => sync(env, join(home, `mirror-${i}.sqlite`))),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const [i, result] of results.entries())
    if (result.code !== 0) console.log(`process ${i} exited ${result.code}: ${result.stderr.trim()}`);

  const counts = emulator.control.counts();
  const refused = counts.byStatus['429'] ?? 0;
  const use = windowUse(
    `shared budget: ${PROCESSES} processes, one key, start-up included`,
    {
      served: counts.total - refused,
      refused,
      seconds,
      limit: LIMIT,
      windowS: WINDOW_S,
      latencyMs: LATENCY_MS,
    },
    null,
  );
  console.log(use.summary);
  reportFigures('shared-budget', use.figures);
} finally {
  await emulator.stop();
  rmSync(home, { recursive: true, force: true });
}
