/**
 * Child process for limits.test.ts: reads a large contact source and plans the sync against the
 * emulator at argv[2] (key argv[3]), then prints one JSON line with its memory figures. Run with
 * `node --expose-gc --import tsx`, so its memory is its own and not the test runner's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlueKit } from '../../src/index.js';
import { readContactSource } from '../../src/sources/index.js';
import { planContactSync } from '../../src/workflows/contacts/index.js';
import { Journal } from '../../src/workflows/engine/journal.js';

const [url, apiKey, csv] = process.argv.slice(2) as [string, string, string];
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

gc?.();
const before = process.memoryUsage();
let peakHeap = before.heapUsed;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 10);
const started = Date.now();
const client = new GlueKit({ apiKey, baseUrl: url, rateLimit: false });
const journal = Journal.open(join(mkdtempSync(join(tmpdir(), 'gluekit-limits-')), 'journal.sqlite'));
const source = await readContactSource(csv, { format: 'csv' });
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
const plan = await planContactSync(
  client,
  journal,
  { file: csv, format: source.format, rows: source.rows },
  {},
);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
clearInterval(sampler);
journal.close();
const rows = source.rows.length;
gc?.();
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    rows,
    summary: plan.summary,
    ms: Date.now() - started,
    heapBeforeMb: mb(before.heapUsed),
    heapPeakMb: mb(peakHeap),
    heapAfterMb: mb(after.heapUsed),
    rssBeforeMb: mb(before.rss),
    rssPeakMb: mb(process.resourceUsage().maxRSS * 1024),
  }),
);
