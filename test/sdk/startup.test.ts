/**
 * What `import { GlueKit } from 'gluekit'` and a first call cost a short-lived process, checked
 * by what they load and hold, never by a clock (bench/cli-startup.ts prints the times):
 * - the schemas (zod) load only once a call has something to validate;
 * - requests go through node:http, not the global fetch (undici keeps a process alive for
 *   ~150 ms after its last request: see src/core/http.ts);
 * - after a call nothing (socket, timer) keeps the process alive.
 * It runs the built package (dist/index.js, `npm run build`) in a child process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';

const DIST_INDEX = pathToFileURL(join(import.meta.dirname, '../../dist/index.js')).href;

/** Logs every module the child loads to a file, synchronously, so the child can read it back. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.GLUEKIT_LOAD_LOG, url + '\\n');
  return next(url, context);
}`;

const CHILD = `
import { register } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
writeFileSync(process.env.GLUEKIT_LOAD_LOG, '');
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));
globalThis.fetch = () => { throw new Error('the global fetch was called'); };
const zodLoaded = () => readFileSync(process.env.GLUEKIT_LOAD_LOG, 'utf8').includes('/node_modules/zod/');
const { GlueKit } = await import(${JSON.stringify(DIST_INDEX)});
const afterImport = zodLoaded();
const client = new GlueKit({ apiKey: process.env.KEY, baseUrl: process.env.URL });
const page = await client.organizations.list();
const org = await client.organizations.get(page.data[0].id);
const afterCalls = zodLoaded();
// What keeps the event loop alive now; stdio pipes are the parent's, not ours.
const held = process.getActiveResourcesInfo().filter((name) => name !== 'PipeWrap' && name !== 'TTYWrap');
const filtered = await client.organizations.list({ filter: { name: org.name } });
console.log(JSON.stringify({ afterImport, afterCalls, held, listed: page.data.length, afterFilter: zodLoaded(), matched: filtered.data.length }));
`;

function runChild(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('start-up of the built SDK', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('loads the schemas only when a call validates, uses node:http, and holds nothing after a call', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'gluekit-startup-')), 'loaded.txt');
    const result = await runChild({
      GLUEKIT_LOAD_LOG: log,
      KEY: emulator.current.apiKey,
      URL: emulator.current.url,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toEqual({
      afterImport: false,
      afterCalls: false,
      held: [],
      listed: expect.any(Number),
      afterFilter: true,
      matched: 1,
    });
    expect(report.listed).toBeGreaterThan(0);
  });
});
