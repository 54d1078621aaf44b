/**
 * Item 7 of the security review: the emulator's control routes. `/__emulator/records/passwords`
 * answered any Host header with password values (DNS rebinding: a web page whose name resolves to
 * 127.0.0.1 could read them), and `emulator --host 0.0.0.0` started without a word. Now an
 * emulator on loopback checks Host on every route, and one off loopback warns loudly.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cliEnv } from '../helpers/cli.js';
import { rawRecords, useEmulator } from '../helpers/emulator.js';

/** GET with a Host header of the test's choosing (fetch will not send one). */
function getWithHost(url: string, host: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { headers: { host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the emulator checks Host on every route', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it.each([
    ['/__emulator/records/passwords', false],
    ['/__emulator/requests', false],
    ['/organizations', true],
  ])('refuses %s for a foreign Host, and serves it for a loopback one', async (path, needsKey) => {
    const url = `${emulator.current.url}${path}`;
    const apiHeaders: Record<string, string> = needsKey ? { 'x-api-key': emulator.current.apiKey } : {};
    const rebound = await getWithHost(url, 'attacker.example:80', apiHeaders);
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatch(/answers only requests addressed to a loopback host/);
    const values = JSON.stringify(await rawRecords(emulator.current, 'passwords')).match(
      /"password":"[^"]+"/g,
    );
    expect(values?.length).toBeGreaterThan(0);
    for (const value of values ?? []) expect(rebound.body).not.toContain(value);
    const port = new URL(emulator.current.url).port;
    expect((await getWithHost(url, `localhost:${port}`, apiHeaders)).status).toBe(200);
  });
});

describe('gluekit emulator off loopback', () => {
  const children: Array<ReturnType<typeof spawn>> = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
  });

  it('warns loudly on stderr', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--host', '0.0.0.0', '--port', '0'], {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk) => {
        out += String(chunk);
        if (out.includes('Press Ctrl-C to stop.')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stderr).toMatch(/WARNING: listening on 0\.0\.0\.0, not loopback/);
    expect(stderr).toMatch(/Host header is not checked/);
  });
});
