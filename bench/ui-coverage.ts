/// <reference lib="dom" />
/**
 * bench/ui-coverage: time to first render of `gluekit ui`'s coverage page for 2,000
 * organizations (the emulator's scale:2000 seed, ~56,000 records, synced into a mirror), in
 * headless Chromium. Figures, each the median of 5 cold loads (a new page each time):
 *
 * - first contentful paint of /coverage, against the same server's near-empty 404 page (the
 *   shell without data), so the ratio is what 2,000 rows cost the browser;
 * - the server's time to answer GET /coverage, against the coverage view alone (the SQL), so the
 *   ratio is what rendering the HTML adds;
 * - the page's size.
 *
 * Prints figures; asserts nothing. Needs Debian's chromium (apt-get install -y chromium).
 *
 *   npx tsx bench/ui-coverage.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../src/emulator/index.js';
import { GlueKit } from '../src/index.js';
import { coverage, MirrorStore, syncMirror } from '../src/mirror/index.js';
import { startUiServer } from '../src/ui/server.js';
import { launchBrowser } from '../test/ui/browser.js';
import { reportFigures } from './_report.js';

const ORGANIZATIONS = 2000;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gluekit-bench-ui-'));
  const mirrorPath = join(dir, 'mirror.sqlite');
  const emulator = await startEmulator({ seed: `scale:${ORGANIZATIONS}`, rateLimit: false });
  const client = new GlueKit({ apiKey: emulator.apiKey, baseUrl: emulator.url });
  const store = MirrorStore.open(mirrorPath, {
    tenant: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
  });
  const started = performance.now();
  const summary = await syncMirror({ client, store, concurrency: 8 });
  const records = (store.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  store.close();
  await emulator.stop();
  process.stdout.write(
    `mirror: ${ORGANIZATIONS} organizations, ${records} records, synced in ${((performance.now() - started) / 1000).toFixed(1)} s (${summary.requests} requests)\n`,
  );

  const server = await startUiServer({ mirrorPath, port: 0 });
  const base = server.url.replace(/\/$/, '');
  const browser = await launchBrowser();
  try {
    // The view alone, as the page calls it (the read-only store the server holds is separate).
    const viewStore = MirrorStore.open(mirrorPath, { readonly: true });
    const viewMs: number[] = [];
    // One warm-up each (SQLite's page cache, the JIT), then the timed runs.
    coverage(viewStore);
    await (await fetch(`${base}/coverage`)).arrayBuffer();
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      coverage(viewStore);
      viewMs.push(performance.now() - t);
    }
    viewStore.close();

    const serverMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const response = await fetch(`${base}/coverage`);
      bytes = (await response.arrayBuffer()).byteLength;
      serverMs.push(performance.now() - t);
    }

    const paint = async (path: string): Promise<{ fcp: number; rows: number }> => {
      const page = await browser.context.newPage();
      await page.goto(`${base}${path}`, { waitUntil: 'load' });
      const result = await page.evaluate(
        () =>
          new Promise<{ fcp: number; rows: number }>((resolve) => {
            const rows = document.querySelectorAll('#coverage tbody tr').length;
            const found = performance.getEntriesByName('first-contentful-paint')[0];
            if (found) return resolve({ fcp: found.startTime, rows });
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) resolve({ fcp: entry.startTime, rows });
            }).observe({ type: 'paint', buffered: true });
          }),
      );
      await page.close();
      return result;
    };
    const coverageRuns: number[] = [];
    const shellRuns: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const run = await paint('/coverage');
      rows = run.rows;
      coverageRuns.push(run.fcp);
      shellRuns.push((await paint('/no-such-page')).fcp);
    }
    const fcp = median(coverageRuns);
    const shell = median(shellRuns);
    const answer = median(serverMs);
    const view = median(viewMs);
    process.stdout.write(
      `coverage page: ${rows} rows, ${(bytes / 1024).toFixed(0)} KB; first contentful paint ${fcp.toFixed(0)} ms (shell ${shell.toFixed(0)} ms); server ${answer.toFixed(0)} ms (view ${view.toFixed(0)} ms)\n`,
    );
    reportFigures('ui-coverage', [
      {
        name: `coverage page: first contentful paint, ${ORGANIZATIONS} organizations (Chromium, median of ${RUNS})`,
        value: fcp,
        unit: 'ms',
        baseline: { value: shell, label: 'the same server’s empty page' },
      },
      {
        name: `coverage page: server answer, ${ORGANIZATIONS} organizations`,
        value: answer,
        unit: 'ms',
        baseline: { value: view, label: 'the coverage view alone' },
      },
      { name: `coverage page: HTML size, ${ORGANIZATIONS} organizations`, value: bytes / 1024, unit: 'KB' },
    ]);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
