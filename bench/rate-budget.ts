/**
 * bench/rate-budget: how much of the rate budget an import uses. A contact sync of 3,000 new
 * contacts (3,000 writes, plus the reads of its plan) against the emulator with IT Glue's limit
 * scaled down tenfold in time, 300 requests per 30 s (the client's budget set to match), and
 * 100 ms of latency on every request. At 4 requests in flight and 100 ms each the client could
 * send 40 a second; the budget allows 10, so the budget, not the network, sets the pace.
 *
 * Prints the throughput achieved over the throughput allowed (goal >= 0.95), where "allowed" is
 * the best any client could do with this many requests under a sliding window: the N-th request
 * may start at floor((N-1) / limit) windows, and then it takes the latency. And the 429s the
 * emulator sent (goal 0: a budget spent well is never refused). Takes about five minutes.
 * Asserts nothing.
 *
 *   npx tsx bench/rate-budget.ts [--writes 3000]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.js';
import { GlueKit } from '../src/index.js';
import { readContactSource } from '../src/sources/index.js';
import { contactExecutor, planContactSync } from '../src/workflows/contacts/index.js';
import { applyPlan } from '../src/workflows/engine/apply.js';
import { Journal } from '../src/workflows/engine/journal.js';
import { reportFigures, windowUse } from './_report.js';

const at = process.argv.indexOf('--writes');
const WRITES = at > 0 ? Number(process.argv[at + 1]) : 3000;
const LIMIT = 300;
const WINDOW_S = 30;
const LATENCY_MS = 100;

const emulator = await startEmulator({
  seed: 'demo',
  rateLimit: { limit: LIMIT, windowSeconds: WINDOW_S },
  faults: { latencyMs: LATENCY_MS },
});
try {
  const client = new GlueKit({
    apiKey: emulator.apiKey,
    baseUrl: emulator.url,
    rateLimit: { limit: LIMIT, windowMs: WINDOW_S * 1000 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'gluekit-bench-budget-'));
  const csv = join(dir, 'people.csv');
  const rows = Array.from(
    { length: WRITES },
    (_, i) => `Happy Frog Dental,Budget,Person ${i},budget${i}@bench.example`,
  );
  writeFileSync(csv, `organization,first_name,last_name,email\n${rows.join('\n')}\n`);
  const source = await readContactSource(csv, { format: 'csv' });
  const journal = Journal.open(join(dir, 'journal.sqlite'));
  emulator.control.resetCounts();

  console.log(
    `bench/rate-budget: ${WRITES} creates, limit ${LIMIT} per ${WINDOW_S} s (client and emulator), ${LATENCY_MS} ms latency`,
  );
  const started = performance.now();
  const plan = await planContactSync(
    client,
    journal,
    { file: csv, format: source.format, rows: source.rows },
    {},
  );
  const result = await applyPlan({
    plan,
    target: plan.target,
    journal,
    executors: { contacts: contactExecutor(client) },
    checkPreconditions: false,
    onProgress: (done, total) => {
      if (done % 300 === 0)
        console.log(`  ${done}/${total} written, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  journal.close();

  const counts = emulator.control.counts();
  const refused = counts.byStatus['429'] ?? 0;
  const served = counts.total - refused;
  const written = (result.counts.done ?? 0) + (result.counts.adopted ?? 0);
  const use = windowUse(`rate-budget use: ${WRITES}-write import`, {
    served,
    refused,
    seconds,
    limit: LIMIT,
    windowS: WINDOW_S,
    latencyMs: LATENCY_MS,
  });
  console.log(`${written} writes; ${use.summary}`);
  reportFigures('rate-budget', use.figures);
} finally {
  await emulator.stop();
}
