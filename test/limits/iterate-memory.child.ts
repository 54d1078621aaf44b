/**
 * Child process for limits.test.ts: iterates every organization, contact, configuration and
 * password of the emulator at argv[2] (key argv[3]) with the SDK's async iterator, one record at
 * a time, and prints one JSON line: the count and the heap after a GC at every 10,000 records.
 * Run with `node --expose-gc --import tsx`, so the figures are the iteration's own.
 */
import { GlueKit } from '../../src/index.js';

const [url, apiKey] = process.argv.slice(2) as [string, string];
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const client = new GlueKit({ apiKey, baseUrl: url, rateLimit: false });
gc();
const baseline = process.memoryUsage();
const samples: number[] = [];
let count = 0;
let checksum = 0;
for (const type of ['organizations', 'contacts', 'configurations', 'passwords'] as const) {
  for await (const record of client[type].list()) {
    count++;
    checksum += record.id.length;
    if (count % 10_000 === 0) {
      gc();
      samples.push(mb(process.memoryUsage().heapUsed));
    }
  }
}
console.log(
  JSON.stringify({
    count,
    checksum,
    heapBaselineMb: mb(baseline.heapUsed),
    samples,
    rssBaselineMb: mb(baseline.rss),
    rssPeakMb: mb(process.resourceUsage().maxRSS * 1024),
  }),
);
