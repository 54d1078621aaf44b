/**
 * bench/list-read: how long the SDK takes to read a whole list at 150 ms of latency per request,
 * against the lower bound: requests × latency / slots, where the slots are the pages a list reads
 * at once with default settings. The emulator runs in its own process (its own core).
 *
 * Reads, each with default settings:
 * - every contact of scale:4000 (about 40 pages of 1000) from a stand-in server that answers the
 *   emulator's own pages, rendered once beforehand, after the latency: this measures the SDK's
 *   reading alone, not the emulator's work of rendering 1000 records on a busy machine;
 * - the same list from the emulator itself;
 * - the case, every contact then every configuration of scale:500 (9 pages in two lists),
 *   against the same bound and against the fewest round trips a page-number reader can take
 *   (each list's first page, which says how many there are, then the rest `slots` at a time).
 * And one page at a time (`concurrency: 1`), as gluekit read before, for comparison.
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/list-read.ts
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { inFlightFor } from '../src/core/in-flight.js';
import { DEFAULT_RATE_LIMIT } from '../src/core/rate-budget.js';
import { MAX_READ_AHEAD } from '../src/core/read-ahead.js';
import { GlueKit } from '../src/index.js';
import { type Figure, reportFigures } from './_report.js';

const LATENCY_MS = 150;

interface Started {
  url: string;
  apiKey: string;
}

async function serve(seed: string): Promise<void> {
  const { startEmulator } = await import('../src/emulator/index.js');
  const emulator = await startEmulator({
    seed: seed as 'demo',
    rateLimit: false,
    faults: { latencyMs: LATENCY_MS },
  });
  process.send?.({ url: emulator.url, apiKey: emulator.apiKey } satisfies Started);
  process.on('disconnect', () => void emulator.stop().then(() => process.exit(0)));
}

function startChild(seed: string): Promise<{ child: ChildProcess; started: Started }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', seed], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, started: message as Started }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
}

async function requests(started: Started): Promise<number> {
  const response = await fetch(`${started.url}/__emulator/requests`);
  return ((await response.json()) as { total: number }).total;
}

async function resetRequests(started: Started): Promise<void> {
  await fetch(`${started.url}/__emulator/requests/reset`, { method: 'POST' });
}

/** Reads the lists one after the other; returns seconds, records and requests. */
async function read(
  started: Started,
  types: ReadonlyArray<'contacts' | 'configurations'>,
  concurrency?: number,
  countOnEmulator = true,
): Promise<{ seconds: number; records: number; requests: number }> {
  const client = new GlueKit({
    apiKey: started.apiKey,
    baseUrl: started.url,
    ...(concurrency !== undefined ? { concurrency } : {}),
  });
  if (countOnEmulator) await resetRequests(started);
  const start = performance.now();
  let records = 0;
  for (const type of types) for await (const _ of client[type].list()) records++;
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    records,
    requests: countOnEmulator ? await requests(started) : Math.ceil(records / 1000),
  };
}

/**
 * A stand-in for IT Glue that answers each page of a list with bytes the emulator rendered
 * beforehand, after the latency.
 */
async function replayServer(started: Started, path: string): Promise<{ url: string; close: () => void }> {
  const pages = new Map<string, string>();
  for (let number = 1; ; number++) {
    const response = await fetch(`${started.url}${path}?page[number]=${number}&page[size]=1000&sort=id`, {
      headers: { 'x-api-key': started.apiKey },
    });
    const text = await response.text();
    pages.set(String(number), text);
    const meta = (JSON.parse(text) as { meta: { 'total-pages': number } }).meta;
    if (number >= meta['total-pages']) break;
  }
  const server = createServer((request, response) => {
    const number = new URL(request.url ?? '/', 'http://x').searchParams.get('page[number]') ?? '1';
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/vnd.api+json' });
      response.end(pages.get(number) ?? '{"data":[],"meta":{}}');
    }, LATENCY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function main(): Promise<void> {
  // The pages a list reads at once by default: one per slot of the client, at most MAX_READ_AHEAD.
  const slots = Math.min(MAX_READ_AHEAD, inFlightFor(DEFAULT_RATE_LIMIT, LATENCY_MS));
  const bound = (n: number) => (n * LATENCY_MS) / slots / 1000;
  const roundTrips = (pagesPerList: number[]) =>
    (pagesPerList.reduce((sum, n) => sum + 1 + Math.ceil((n - 1) / slots), 0) * LATENCY_MS) / 1000;
  const figures: Figure[] = [];
  console.log(
    `${LATENCY_MS} ms latency per request; ${slots} pages at once by default; node ${process.version}`,
  );

  {
    const { child, started } = await startChild('scale:4000');
    // The stand-in needs no latency of the emulator's own: it is fetched from without.
    const replay = await replayServer(started, '/contacts');
    const replayed = await read({ url: replay.url, apiKey: started.apiKey }, ['contacts'], undefined, false);
    replay.close();
    console.log(
      `every contact, pre-rendered pages: ${replayed.records} records, ${replayed.requests} requests, ${replayed.seconds.toFixed(2)} s ` +
        `(bound ${bound(replayed.requests).toFixed(2)} s, ${(replayed.seconds / bound(replayed.requests)).toFixed(2)}x)`,
    );
    figures.push({
      name: `list read: every contact (${replayed.records.toLocaleString('en-US')} records, ${replayed.requests} pages) from pre-rendered pages, ${LATENCY_MS} ms latency, defaults`,
      value: replayed.seconds,
      unit: 's',
      baseline: {
        value: bound(replayed.requests),
        label: `lower bound: requests × latency / ${slots} slots`,
      },
      goal: '<= 1.3',
    });
    const big = await read(started, ['contacts']);
    const serial = await read(started, ['contacts'], 1);
    console.log(
      `every contact of scale:4000: ${big.records} records, ${big.requests} requests, ${big.seconds.toFixed(2)} s ` +
        `(bound ${bound(big.requests).toFixed(2)} s, ${(big.seconds / bound(big.requests)).toFixed(2)}x); ` +
        `one page at a time ${serial.seconds.toFixed(2)} s`,
    );
    figures.push(
      {
        name: `list read: the same from the emulator (rendering each page as asked), defaults`,
        value: big.seconds,
        unit: 's',
        baseline: { value: bound(big.requests), label: `lower bound: requests × latency / ${slots} slots` },
      },
      {
        name: `list read: the same, one page at a time (concurrency 1, as before)`,
        value: serial.seconds,
        unit: 's',
        baseline: { value: bound(big.requests), label: `lower bound: requests × latency / ${slots} slots` },
      },
    );
    child.disconnect();
  }
  {
    const { child, started } = await startChild('scale:500');
    const client = new GlueKit({ apiKey: started.apiKey, baseUrl: started.url });
    const pages = [
      (await client.contacts.list({ pageSize: 1000 })).meta.totalPages,
      (await client.configurations.list({ pageSize: 1000 })).meta.totalPages,
    ];
    const two = await read(started, ['contacts', 'configurations']);
    console.log(
      `contacts then configurations of scale:500: ${two.records} records, ${two.requests} requests, ${two.seconds.toFixed(2)} s ` +
        `(bound ${bound(two.requests).toFixed(2)} s; fewest round trips ${roundTrips(pages).toFixed(2)} s)`,
    );
    figures.push(
      {
        name: `list read: contacts then configurations of scale:500 (${two.records.toLocaleString('en-US')} records, ${two.requests} pages), defaults`,
        value: two.seconds,
        unit: 's',
        baseline: { value: bound(two.requests), label: `lower bound: requests × latency / ${slots} slots` },
      },
      {
        name: 'list read: the same, against the fewest round trips of a page-number reader',
        value: two.seconds,
        unit: 's',
        baseline: {
          value: roundTrips(pages),
          label: `each list's first page, then the rest ${slots} at a time`,
        },
        goal: '<= 1.3',
      },
    );
    child.disconnect();
  }
  reportFigures('list-read', figures);
}

const at = process.argv.indexOf('--serve');
if (at > 0) await serve(process.argv[at + 1] as string);
else await main();
