/**
 * Emulator throughput: the emulator runs in a child process (its own event loop and core), this
 * process drives GETs over keep-alive connections at a fixed concurrency for a few seconds per
 * scenario, and prints requests per second with the ratio to the 3000/s goal. It prints figures;
 * it never asserts.
 *
 *   npx tsx bench/emulator.ts
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const GOAL_PER_SECOND = 3000;
const CONCURRENCY = 32;
const WARMUP_MS = 500;
const DURATION_MS = 3000;
const SEED = 'scale:500';

interface Started {
  url: string;
  apiKey: string;
  bigOrganization: string;
  contactId: string;
}

/** Child mode: start the emulator and report where it listens. */
async function serve(): Promise<void> {
  const { startEmulator } = await import('../src/emulator/index.js');
  // No rate limit: the bench measures the emulator, not IT Glue's budget.
  const emulator = await startEmulator({ seed: SEED, rateLimit: false });
  const contact = emulator.control.records('contacts')[0];
  const started: Started = {
    url: emulator.url,
    apiKey: emulator.apiKey,
    bigOrganization: '9007199254740993',
    contactId: String(contact?.id),
  };
  process.send?.(started);
  process.on('disconnect', () => void emulator.stop().then(() => process.exit(0)));
}

function startChild(): Promise<{ child: ChildProcess; started: Started }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, started: message as Started }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
}

interface Result {
  requests: number;
  failures: number;
  bytes: number;
  elapsedMs: number;
}

/** Keeps `CONCURRENCY` requests in flight for `durationMs`, over reused connections. */
async function drive(base: URL, path: string, apiKey: string, durationMs: number): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const result: Result = { requests: 0, failures: 0, bytes: 0, elapsedMs: 0 };
  const start = performance.now();
  const deadline = start + durationMs;
  const once = () =>
    new Promise<void>((resolve) => {
      const outgoing = request(
        { host: base.hostname, port: base.port, path, agent, headers: { 'x-api-key': apiKey } },
        (response) => {
          response.on('data', (chunk: Buffer) => {
            result.bytes += chunk.length;
          });
          response.on('end', () => {
            if (response.statusCode === 200) result.requests++;
            else result.failures++;
            resolve();
          });
        },
      );
      outgoing.on('error', () => {
        result.failures++;
        resolve();
      });
      outgoing.end();
    });
  const worker = async () => {
    while (performance.now() < deadline) await once();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  result.elapsedMs = performance.now() - start;
  agent.destroy();
  return result;
}

async function main(): Promise<void> {
  const { child, started } = await startChild();
  const base = new URL(started.url);
  const scenarios: Array<[string, string]> = [
    ['show one organization (id above 2^53)', `/organizations/${started.bigOrganization}`],
    ['show one contact', `/contacts/${started.contactId}`],
    [
      'list 50 contacts of one organization',
      `/organizations/${started.bigOrganization}/relationships/contacts`,
    ],
    ['list contacts, filter + sort, page of 50', '/contacts?filter[important]=true&sort=-updated_at'],
    ['list 1000 contacts (largest page)', '/contacts?page[size]=1000'],
  ];
  console.log(
    `emulator ${started.url}, seed ${SEED}, ${CONCURRENCY} keep-alive connections, ${DURATION_MS} ms each`,
  );
  console.log(
    `node ${process.version}, ${(await import('node:os')).availableParallelism()} cores available\n`,
  );
  for (const [label, path] of scenarios) {
    await drive(base, path, started.apiKey, WARMUP_MS);
    const result = await drive(base, path, started.apiKey, DURATION_MS);
    const perSecond = (result.requests / result.elapsedMs) * 1000;
    const meanMs = (result.elapsedMs / Math.max(1, result.requests)) * CONCURRENCY;
    const kib = result.bytes / Math.max(1, result.requests) / 1024;
    console.log(
      `${label.padEnd(42)} ${perSecond.toFixed(0).padStart(6)} req/s  ` +
        `${(perSecond / GOAL_PER_SECOND).toFixed(2)}x goal  ~${meanMs.toFixed(1)} ms/req at c=${CONCURRENCY}  ` +
        `${kib.toFixed(1)} KiB/resp  failures ${result.failures}`,
    );
  }
  child.disconnect();
  await inProcessPages();
}

/** The cost of one large page without sockets: routing, filtering, views and serialization. */
async function inProcessPages(): Promise<void> {
  const { createEmulatorApp } = await import('../src/emulator/index.js');
  const { app, apiKey } = createEmulatorApp({ seed: SEED, rateLimit: false });
  const init = { headers: { 'x-api-key': apiKey } };
  console.log('\nin-process, one request at a time (median of 40):');
  for (const type of ['contacts', 'configurations', 'passwords']) {
    const path = `/${type}?page[size]=1000`;
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      await (await app.request(path, init)).text();
      if (i >= 10) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`  page of 1000 ${type.padEnd(15)} ${(times[times.length >> 1] as number).toFixed(1)} ms`);
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
