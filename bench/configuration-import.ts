/**
 * bench/configuration-import: 20 organizations with 100 devices each, imported once (setup, no
 * latency); then a source with 1% of them changed (a new IP address) and 5 new devices per
 * organization is imported again with 100 ms of latency per request. Prints the requests the
 * import used against the minimum a correct import needs (the organization list, the type list,
 * one list of each organization, one cross-organization serial check per 100 new serials, and
 * the writes), and against a per-row "look the serial up, then write" import (counted on a
 * sample and scaled). Asserts nothing.
 *
 *   npx tsx bench/configuration-import.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.js';
import { GlueKit } from '../src/index.js';
import { readConfigurationSource } from '../src/sources/index.js';
import { configurationExecutor, planConfigurationImport } from '../src/workflows/configurations/index.js';
import { applyPlan } from '../src/workflows/engine/apply.js';
import { Journal } from '../src/workflows/engine/journal.js';
import { reportFigures } from './_report.js';

const ORGANIZATIONS = 20;
const PER_ORGANIZATION = 100;
const NEW_PER_ORGANIZATION = 5;
const CHANGED_EVERY = 100; // 1%
const LATENCY_MS = 100;
const NAIVE_SAMPLE = 200;

const emulator = await startEmulator({ seed: `scale:${ORGANIZATIONS}`, rateLimit: false });
try {
  const client = new GlueKit({ apiKey: emulator.apiKey, baseUrl: emulator.url, rateLimit: false });
  const organizations = emulator.control.records('organizations').map((org) => String(org.name));
  const dir = mkdtempSync(join(tmpdir(), 'gluekit-bench-configs-'));
  const journal = Journal.open(join(dir, 'journal.sqlite'));
  const header = 'organization,name,hostname,serial_number,primary_ip,type';
  const device = (o: number, i: number, round: number) => {
    const n = o * 1000 + i;
    const ip = round > 0 && n % CHANGED_EVERY === 0 ? `10.1.${o}.${i}` : `10.0.${o}.${i}`;
    return `${organizations[o]},PC-${n},pc-${n},BENCH${String(n).padStart(7, '0')},${ip},Managed Workstation`;
  };
  const rowsFor = (round: number, perOrganization: number) =>
    organizations.flatMap((_, o) => Array.from({ length: perOrganization }, (_, i) => device(o, i, round)));

  const importFile = async (name: string, rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
    const source = await readConfigurationSource(path, { format: 'csv' });
    const plan = await planConfigurationImport(
      client,
      journal,
      { file: path, format: source.format, rows: source.rows },
      {},
    );
    const result = await applyPlan({
      plan,
      target: plan.target,
      journal,
      executors: { configurations: configurationExecutor(client) },
      checkPreconditions: false,
    });
    return { plan, result };
  };

  // Setup: every organization gets its devices (no latency).
  await importFile('first.csv', rowsFor(0, PER_ORGANIZATION));

  // Measured: 1% changed, 5% new, at 100 ms a request.
  emulator.control.setFaults({ latencyMs: LATENCY_MS });
  emulator.control.resetCounts();
  const started = performance.now();
  const second = await importFile('second.csv', rowsFor(1, PER_ORGANIZATION + NEW_PER_ORGANIZATION));
  const seconds = (performance.now() - started) / 1000;
  const ours = emulator.control.counts().total;
  const creates = second.plan.summary.create;
  const updates = second.plan.summary.update;
  const listPages = organizations.length * Math.ceil((PER_ORGANIZATION + NEW_PER_ORGANIZATION) / 1000);
  const minimum = 1 + 1 + listPages + Math.ceil(creates / 100) + creates + updates;

  // Naive: look each row's serial up, then write. Counted on a sample without latency, scaled.
  emulator.control.setFaults({ latencyMs: 0 });
  emulator.control.resetCounts();
  const sample = rowsFor(1, PER_ORGANIZATION + NEW_PER_ORGANIZATION).slice(0, NAIVE_SAMPLE);
  for (const row of sample) {
    const serial = row.split(',')[3] as string;
    await client.configurations.list({ filter: { serialNumber: serial } }).toArray();
  }
  const rows = organizations.length * (PER_ORGANIZATION + NEW_PER_ORGANIZATION);
  const naive = Math.round((emulator.control.counts().total * rows) / NAIVE_SAMPLE) + 1 + creates + updates;
  journal.close();

  console.log(
    `bench/configuration-import: ${rows} devices over ${organizations.length} organizations, ${updates} changed, ${creates} new, ${LATENCY_MS} ms latency`,
  );
  console.log(
    `gluekit import        ${String(ours).padStart(6)} requests  ${(ours / minimum).toFixed(3)}x the minimum  ${seconds.toFixed(1)} s`,
  );
  console.log(
    `minimum               ${String(minimum).padStart(6)} requests  (2 lookups + ${listPages} lists + ${Math.ceil(creates / 100)} serial checks + ${creates + updates} writes)`,
  );
  console.log(
    `look up, then write   ${String(naive).padStart(6)} requests  ${(naive / minimum).toFixed(1)}x the minimum (counted on ${NAIVE_SAMPLE} rows, scaled)`,
  );
  reportFigures('configuration-import', [
    {
      name: `configuration import: requests (${rows.toLocaleString('en-US')} devices in ${organizations.length} organizations, 1% changed, ${creates} new, ${LATENCY_MS} ms latency)`,
      value: ours,
      unit: 'requests',
      baseline: { value: minimum, label: 'the minimum: lookups, lists, serial checks, writes' },
      goal: '<= 1.05',
    },
    {
      name: 'configuration import: look up each serial, then write (per-row approach, scaled)',
      value: naive,
      unit: 'requests',
      baseline: { value: minimum, label: 'the minimum' },
    },
  ]);
} finally {
  await emulator.stop();
}
