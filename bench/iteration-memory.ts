/**
 * bench/iteration-memory: peak memory while reading 200,000 records (every organization,
 * contact, configuration and password of a scale:8000 emulator, pages of 1000) with the SDK's
 * async iterator, one record at a time, against `toArray()` of the same lists, which holds them
 * all. Each runs in its own process (node --expose-gc), the emulator in this one; each prints its
 * peak RSS and its heap growth after GC. Asserts nothing.
 *
 *   npx tsx bench/iteration-memory.ts
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GlueKit } from '../src/index.js';
import { reportFigures } from './_report.js';

const SEED = 'scale:8000';
const TYPES = ['organizations', 'contacts', 'configurations', 'passwords'] as const;

interface Measured {
  mode: string;
  count: number;
  heapGrowthMb: number;
  rssGrowthMb: number;
  rssPeakMb: number;
  seconds: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Child mode: read everything one way, report the memory it took. */
async function child(mode: 'iterate' | 'collect', url: string, apiKey: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const client = new GlueKit({ apiKey, baseUrl: url, rateLimit: false });
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  const started = performance.now();
  let count = 0;
  const held: unknown[] = [];
  for (const type of TYPES) {
    if (mode === 'collect') {
      const all = await client[type].list().toArray();
      count += all.length;
      held.push(all);
    } else {
      for await (const record of client[type].list()) {
        count++;
        if (record.id === '') throw new Error('no id');
        if (count % 10_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      }
    }
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  gc();
  const after = process.memoryUsage();
  const measured: Measured = {
    mode,
    count,
    heapGrowthMb: mb(after.heapUsed - before.heapUsed),
    rssGrowthMb: mb(process.resourceUsage().maxRSS * 1024 - before.rss),
    rssPeakMb: mb(process.resourceUsage().maxRSS * 1024),
    seconds,
  };
  if (held.length === 0 && mode === 'collect') throw new Error('nothing held');
  process.send?.(measured);
}

function measure(mode: 'iterate' | 'collect', url: string, apiKey: string): Promise<Measured> {
  const process_ = fork(fileURLToPath(import.meta.url), ['--child', mode, url, apiKey], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    process_.once('message', (message) => resolve(message as Measured));
    process_.once('error', reject);
    process_.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${mode} exited with ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const { startEmulator } = await import('../src/emulator/index.js');
  const emulator = await startEmulator({ seed: SEED, rateLimit: false });
  try {
    const total = TYPES.reduce((sum, type) => sum + emulator.control.records(type).length, 0);
    console.log(
      `bench/iteration-memory: ${total} records (${SEED}), pages of 1000, each way in its own process`,
    );
    const iterate = await measure('iterate', emulator.url, emulator.apiKey);
    const collect = await measure('collect', emulator.url, emulator.apiKey);
    for (const m of [iterate, collect]) {
      console.log(
        `${(m.mode === 'iterate' ? 'for await (one at a time)' : 'toArray() (all held)').padEnd(26)} ${m.count} records  ` +
          `peak RSS ${m.rssPeakMb.toFixed(0)} MB (+${m.rssGrowthMb.toFixed(0)} MB)  heap after +${m.heapGrowthMb.toFixed(1)} MB  ${m.seconds.toFixed(1)} s`,
      );
    }
    reportFigures('iteration-memory', [
      {
        name: `SDK iteration of ${total.toLocaleString('en-US')} records: peak RSS growth`,
        value: iterate.rssGrowthMb,
        unit: 'MB',
        baseline: { value: collect.rssGrowthMb, label: '`toArray()` of the same lists' },
      },
      {
        name: `SDK iteration of ${total.toLocaleString('en-US')} records: heap kept after GC`,
        value: iterate.heapGrowthMb,
        unit: 'MB',
        baseline: { value: collect.heapGrowthMb, label: '`toArray()` of the same lists' },
      },
    ]);
  } finally {
    await emulator.stop();
  }
}

const at = process.argv.indexOf('--child');
if (at > 0) {
  const [mode, url, apiKey] = process.argv.slice(at + 1) as ['iterate' | 'collect', string, string];
  await child(mode, url, apiKey);
  process.exit(0);
} else {
  await main();
}
