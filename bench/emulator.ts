/**
 * Emulator throughput: the emulator runs in a child process (its own event loop and core), this
 * process drives GETs over keep-alive connections at a fixed concurrency for a few seconds per
 * scenario, and prints requests per second with the ratio to the 3000/s goal. Each scenario is
 * also driven against a bare node:http server in the same child answering the same bytes from
 * memory: the ceiling of the transport, so the ratio is what routing, filtering and
 * serialization cost. It prints figures; it never asserts.
 *
 *   npx tsx bench/emulator.ts
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type Figure, reportFigures } from './_report.js';

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
  /** A bare node:http server answering each path with the emulator's bytes for it, from memory. */
  bareUrl: string;
}

/** Child mode: start the emulator and report where it listens. */
async function serve(): Promise<void> {
  const { startEmulator } = await import('../src/emulator/index.js');
  // No rate limit: the bench measures the emulator, not IT Glue's budget.
  const emulator = await startEmulator({ seed: SEED, rateLimit: false });
  const contact = emulator.control.records('contacts')[0];
  // The first request for a path asks the emulator once; every later one is answered from memory.
  const bodies = new Map<string, Promise<string>>();
  const bare = createServer((incoming, response) => {
    const path = incoming.url ?? '/';
    let body = bodies.get(path);
    if (!body) {
      body = fetch(`${emulator.url}${path}`, { headers: { 'x-api-key': emulator.apiKey } }).then((r) =>
        r.text(),
      );
      bodies.set(path, body);
    }
    void body.then((text) => {
      response.writeHead(200, { 'content-type': 'application/vnd.api+json' });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const started: Started = {
    url: emulator.url,
    apiKey: emulator.apiKey,
    bigOrganization: '9007199254740993',
    contactId: String(contact?.id),
    bareUrl: `http://127.0.0.1:${(bare.address() as { port: number }).port}`,
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
  const figures: Figure[] = [];
  const bareBase = new URL(started.bareUrl);
  // Warm up the driver itself (its own JIT and sockets), so the first scenario is not measured cold.
  await drive(bareBase, scenarios[0]?.[1] ?? '/', started.apiKey, 3 * WARMUP_MS);
  await drive(base, scenarios[0]?.[1] ?? '/', started.apiKey, 3 * WARMUP_MS);
  for (const [label, path] of scenarios) {
    await drive(bareBase, path, started.apiKey, WARMUP_MS);
    const bare = await drive(bareBase, path, started.apiKey, DURATION_MS);
    const barePerSecond = (bare.requests / bare.elapsedMs) * 1000;
    await drive(base, path, started.apiKey, WARMUP_MS);
    const result = await drive(base, path, started.apiKey, DURATION_MS);
    const perSecond = (result.requests / result.elapsedMs) * 1000;
    figures.push({
      // The 3000/s goal is for single records and small pages; a page of 1000 is another matter.
      name: `emulator throughput: ${label} (${CONCURRENCY} keep-alive connections${/1000|filter/.test(label) ? '' : `; goal >= ${GOAL_PER_SECOND} req/s`})`,
      value: perSecond,
      unit: 'req/s',
      baseline: { value: barePerSecond, label: 'bare node:http answering the same bytes from memory' },
    });
    const meanMs = (result.elapsedMs / Math.max(1, result.requests)) * CONCURRENCY;
    const kib = result.bytes / Math.max(1, result.requests) / 1024;
    console.log(
      `${label.padEnd(42)} ${perSecond.toFixed(0).padStart(6)} req/s  ` +
        `${(perSecond / GOAL_PER_SECOND).toFixed(2)}x goal  ~${meanMs.toFixed(1)} ms/req at c=${CONCURRENCY}  ` +
        `${kib.toFixed(1)} KiB/resp  failures ${result.failures}  (bare node:http ${barePerSecond.toFixed(0)} req/s)`,
    );
  }
  child.disconnect();
  await inProcessPages();
  reportFigures('emulator', figures);
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
