/**
 * Limits, as bounds (never timings): a 100,000-row contact source plans in bounded memory; a
 * 100 MB file is refused, before it is read, with a message that says how big it is, what the
 * limit is and how to raise it; and iterating 200,000 records from the emulator with the SDK's
 * async iterator keeps the heap flat. Memory is measured in a child process (node --expose-gc
 * --import tsx), so the figures are the work's own, not the test runner's; the emulator stays
 * in this process and the child talks to it over HTTP.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_BYTES,
  parseContactSource,
  readConfigurationSource,
  readContactSource,
  SourceInputError,
} from '../../src/sources/index.js';
import { jsonError, runCli } from '../helpers/cli.js';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MB = 1024 * 1024;

/** Runs a child script under tsx with --expose-gc and parses the JSON line it prints. */
function measure<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args],
      { cwd: ROOT, maxBuffer: 16 * MB, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script} failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as T);
      },
    );
  });
}

const dir = () => mkdtempSync(join(tmpdir(), 'gluekit-limits-'));

describe('a 100,000-row contact source', () => {
  const emulator = useEmulator({ seed: 'demo', rateLimit: false });

  it('plans 100,000 creates with the heap under 300 MB and the process growing by less than 300 MB', async () => {
    const csv = join(dir(), 'people.csv');
    const organizations = ['Happy Frog Dental', 'Bluebird Logistics'];
    const lines = ['organization,first_name,last_name,email,title,phone'];
    for (let i = 0; i < 100_000; i++) {
      lines.push(
        `${organizations[i % 2]},Person,Number ${i},person${i}@limits.example,Engineer,+1 555 ${String(i).padStart(7, '0')}`,
      );
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const figures = await measure<{
      rows: number;
      summary: Record<string, number>;
      heapPeakMb: number;
      rssBeforeMb: number;
      rssPeakMb: number;
    }>('./plan-memory.child.ts', [emulator.current.url, emulator.current.apiKey, csv]);
    expect(figures.rows).toBe(100_000);
    expect(figures.summary.create).toBe(100_000);
    // Measured about 180 MB of heap and 210 MB of growth: the rows and the plan's 100,000 actions.
    expect(figures.heapPeakMb).toBeLessThan(300);
    expect(figures.rssPeakMb - figures.rssBeforeMb).toBeLessThan(300);
  }, 120_000);
});

describe('a 100 MB source file', () => {
  const emulator = useEmulator({ seed: 'demo' });
  // Sparse: 100 MB on paper, no disk. A reader that read it before checking would see NULs.
  const big = join(dir(), 'big.csv');
  writeFileSync(big, '');
  truncateSync(big, 100 * MB);

  it('is refused under the default 50 MB limit, naming the size, the limit and the fix', async () => {
    expect(DEFAULT_MAX_BYTES).toBe(50 * MB);
    for (const read of [() => readContactSource(big), () => readConfigurationSource(big)]) {
      const error = (await read().catch((e: unknown) => e)) as SourceInputError;
      expect(error).toBeInstanceOf(SourceInputError);
      expect(error.message).toBe(
        `${big}: the file is 100.0 MB (104857600 bytes), over the 50.0 MB limit for source files. Split it into smaller files, or raise the limit (maxBytes) if the file really is that large.`,
      );
    }
  });

  it('is refused over a configured limit, and read (to its first real problem) under a higher one', async () => {
    const lower = (await readContactSource(big, { maxBytes: 64 * MB }).catch((e: unknown) => e)) as Error;
    expect(lower.message).toMatch(/the file is 100\.0 MB .*over the 64\.0 MB limit/);
    // Allowed in: now the content is judged, and a file of NULs is not text.
    const higher = (await readContactSource(big, { maxBytes: 128 * MB }).catch((e: unknown) => e)) as Error;
    expect(higher).toBeInstanceOf(SourceInputError);
    expect(higher.message).toMatch(/big\.csv:1: the file contains a NUL character/);
    // Text already in memory (the MCP server's inline sources) is held to the same limit.
    expect(() =>
      parseContactSource(`email\n${'a'.repeat(2 * MB)}\n`, 'inline.csv', { maxBytes: MB }),
    ).toThrow(/inline\.csv: the file is 2\.0 MB .*over the 1\.0 MB limit/);
  });

  it('stops `contacts sync --apply --yes` with exit 9 (input) before any request', async () => {
    await resetCounts(emulator.current);
    const result = await runCli(['contacts', 'sync', '--from', big, '--org', '1009', '--apply', '--yes'], {
      env: { ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey },
    });
    expect(result.code).toBe(9);
    expect(jsonError(result).error).toMatchObject({
      code: 'SourceInputError',
      message: expect.stringMatching(/100\.0 MB .*over the 50\.0 MB limit/),
    });
    expect((await requestCounts(emulator.current)).total).toBe(0);
  });
});

describe('iterating 200,000 records', () => {
  // scale:8000: 8,000 organizations, about 80,000 contacts, 64,000 configurations and 48,000
  // passwords, a little over 200,000 records in all.
  const emulator = useEmulator({ seed: 'scale:8000', rateLimit: false });

  it('keeps the heap flat: every record read once, the heap after GC within 20 MB all the way', async () => {
    const expected = ['organizations', 'contacts', 'configurations', 'passwords'].reduce(
      (sum, type) => sum + emulator.current.control.records(type).length,
      0,
    );
    expect(expected).toBeGreaterThan(200_000);
    const figures = await measure<{
      count: number;
      heapBaselineMb: number;
      samples: number[];
      rssBaselineMb: number;
      rssPeakMb: number;
    }>('./iterate-memory.child.ts', [emulator.current.url, emulator.current.apiKey]);
    expect(figures.count).toBe(expected);
    expect(figures.samples).toHaveLength(Math.floor(expected / 10_000));
    // Measured about 14 MB at every sample. Holding the records would add well over 100 MB.
    expect(Math.max(...figures.samples) - Math.min(...figures.samples)).toBeLessThan(20);
    expect(Math.max(...figures.samples) - figures.heapBaselineMb).toBeLessThan(30);
    expect(figures.rssPeakMb - figures.rssBaselineMb).toBeLessThan(200);
  }, 120_000);
});
