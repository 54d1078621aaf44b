/**
 * Items 4 and 5 of the security review: the MCP HTTP server. Any string in x-api-key opened a
 * session (497 junk sessions crowded out the real key); bodies were unbounded in number, size
 * and time; off loopback it spoke plain HTTP without a word and dropped the Origin check;
 * `Origin: null` passed; `--auth-token VALUE` showed the token in /proc/PID/cmdline.
 *
 * Each refusal must be a JSON-RPC error with a fitting HTTP status.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningHttpServer } from '../../src/mcp/http.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';
import { httpServer, httpServers, newTenantKey, spawnMcp } from '../mcp/support.js';
import { TLS_CERT, TLS_KEY } from './support.js';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});

interface Answer {
  status: number;
  body: string;
}

interface RawRequest {
  headers?: Record<string, string>;
  /** Sent as is; when `stall` is set, only this much is sent, then nothing more. */
  body?: string | Buffer;
  stall?: boolean;
  ca?: Buffer;
}

/** node:http(s), so the test chooses every header and can stall a body half-way. */
function raw(url: string, options: RawRequest = {}): { answer: Promise<Answer>; abort(): void } {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = options.body ?? INITIALIZE;
  let abort = () => {};
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        ...(options.ca ? { ca: options.ca } : {}),
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(options.stall ? { 'content-length': String(Buffer.byteLength(body) * 4) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    let aborted = false;
    req.on('error', (error) => (aborted ? resolve({ status: 0, body: '' }) : reject(error)));
    // A request the test gave up on ends as status 0, never as an unhandled rejection.
    abort = () => {
      aborted = true;
      req.destroy();
    };
    if (options.stall) req.write(body);
    else req.end(body);
  });
  return { answer, abort };
}

/** The JSON-RPC error of a refusal (and proof that it is one). */
function rpcError(answer: Answer): string {
  const parsed = JSON.parse(answer.body) as { jsonrpc: string; error: { code: number; message: string } };
  expect(parsed.jsonrpc).toBe('2.0');
  expect(parsed.error.code).toBe(-32000);
  return parsed.error.message;
}

/** Waits for a condition the server reports (not for time to pass). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('MCP HTTP: only accepted keys open sessions, and everything is bounded', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const start = httpServers(emulator);
  const pending: Array<() => void> = [];
  afterEach(() => {
    for (const abort of pending.splice(0)) abort();
  });

  it('refuses a session for a key IT Glue does not accept, however many junk keys try', async () => {
    const server = await start();
    const junk = await Promise.all(
      Array.from(
        { length: 40 },
        (_, i) => raw(server.url, { headers: { 'x-api-key': `junk-key-${i}` } }).answer,
      ),
    );
    for (const answer of junk) {
      expect(answer.status).toBe(401);
      expect(rpcError(answer)).toMatch(/IT Glue did not accept this x-api-key/);
    }
    expect(server.sessionCount()).toBe(0);
    const real = await raw(server.url, { headers: { 'x-api-key': emulator.current.apiKey } }).answer;
    expect(real.status).toBe(200);
    expect(server.sessionCount()).toBe(1);
  });

  it('caps the sessions of one key, and another key still gets in', async () => {
    const server = await start({ maxSessionsPerKey: 3 });
    const key = await newTenantKey(emulator.current);
    await resetCounts(emulator.current);
    for (let i = 0; i < 3; i++) {
      expect((await raw(server.url, { headers: { 'x-api-key': key } }).answer).status).toBe(200);
    }
    // IT Glue was asked about the key once; the answer is remembered by its fingerprint.
    expect((await requestCounts(emulator.current)).total).toBe(1);
    const fourth = await raw(server.url, { headers: { 'x-api-key': key } }).answer;
    expect(fourth.status).toBe(429);
    expect(rpcError(fourth)).toMatch(/already has 3 open sessions/);
    const other = await raw(server.url, { headers: { 'x-api-key': emulator.current.apiKey } }).answer;
    expect(other.status).toBe(200);
  });

  it('refuses a body over the default limit (1 MiB), declared or streamed', async () => {
    const server = await start();
    const big = JSON.stringify({ ...JSON.parse(INITIALIZE), pad: 'x'.repeat(1024 * 1024) });
    const declared = await raw(server.url, { headers: { 'x-api-key': emulator.current.apiKey }, body: big })
      .answer;
    expect(declared.status).toBe(413);
    expect(rpcError(declared)).toMatch(/Request body over 1048576 bytes/);
    const chunked = await raw(server.url, {
      headers: { 'x-api-key': emulator.current.apiKey, 'transfer-encoding': 'chunked' },
      body: big,
    }).answer;
    expect(chunked.status).toBe(413);
    expect(server.sessionCount()).toBe(0);
  });

  it('refuses a body that does not arrive in time', async () => {
    const server = await start({ bodyTimeoutMs: 200 });
    const slow = raw(server.url, { headers: { 'x-api-key': emulator.current.apiKey }, stall: true });
    pending.push(slow.abort);
    const answer = await slow.answer;
    expect(answer.status).toBe(408);
    expect(rpcError(answer)).toMatch(/not received within 200 ms/);
  });

  it('caps requests in flight: the next one gets 503 at once, and room comes back', async () => {
    const server = await start({ maxInFlight: 2, bodyTimeoutMs: 60_000 });
    const stalled = [0, 1].map(() =>
      raw(server.url, { headers: { 'x-api-key': emulator.current.apiKey }, stall: true }),
    );
    for (const request of stalled) pending.push(request.abort);
    await until(() => server.inFlightCount() === 2);
    const third = await raw(server.url, { headers: { 'x-api-key': emulator.current.apiKey } }).answer;
    expect(third.status).toBe(503);
    expect(rpcError(third)).toMatch(/Busy: 2 requests are being served/);
    for (const request of stalled) request.abort();
    await until(() => server.inFlightCount() === 0);
    expect((await raw(server.url, { headers: { 'x-api-key': emulator.current.apiKey } }).answer).status).toBe(
      200,
    );
  });

  it('refuses Origin: null, on loopback too', async () => {
    const server = await start();
    const answer = await raw(server.url, {
      headers: { 'x-api-key': emulator.current.apiKey, origin: 'null' },
    }).answer;
    expect(answer.status).toBe(403);
    expect(rpcError(answer)).toMatch(/Origin "null"/);
  });
});

describe('MCP HTTP off loopback', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const TOKEN = 'off-loopback-token-0123456789';
  const servers: RunningHttpServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('refuses plain HTTP off loopback unless asked for, and then warns', async () => {
    await expect(httpServer(emulator.current, { host: '0.0.0.0', authToken: TOKEN })).rejects.toThrow(
      /Refusing plain HTTP on 0\.0\.0\.0.*Give --tls-cert and --tls-key/,
    );
    const insecure = await httpServer(emulator.current, {
      host: '0.0.0.0',
      authToken: TOKEN,
      insecureHttp: true,
    });
    servers.push(insecure);
    expect(insecure.warnings.join('\n')).toMatch(/WARNING: plain HTTP on 0\.0\.0\.0/);
  });

  it('serves HTTPS with --tls-cert/--tls-key, and keeps checking Origin', async () => {
    const server = await httpServer(emulator.current, {
      host: '0.0.0.0',
      authToken: TOKEN,
      tls: { cert: readFileSync(TLS_CERT), key: readFileSync(TLS_KEY) },
    });
    servers.push(server);
    expect(server.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+\/mcp$/);
    expect(server.warnings).toEqual([]);
    const url = server.url.replace('0.0.0.0', '127.0.0.1');
    const ca = readFileSync(TLS_CERT);
    const headers = { 'x-api-key': emulator.current.apiKey, authorization: `Bearer ${TOKEN}` };
    const foreign = await raw(url, { ca, headers: { ...headers, origin: 'https://evil.example' } }).answer;
    expect(foreign.status).toBe(403);
    expect(rpcError(foreign)).toMatch(/origin https:\/\/evil\.example/);
    expect((await raw(url, { ca, headers: { ...headers, origin: 'null' } }).answer).status).toBe(403);
    const own = await raw(url, { ca, headers: { ...headers, origin: url.replace('/mcp', '') } }).answer;
    expect(own.status).toBe(200);
    expect((await raw(url, { ca, headers }).answer).status).toBe(200);
  });
});

describe('gluekit mcp: the auth token never comes from argv', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
  });

  it('refuses --auth-token VALUE, saying where the token may come from', async () => {
    const result = await runCli(['mcp', '--http', '--auth-token', 'argv-token-0123456789abcdef'], {
      env: { ITGLUE_BASE_URL: emulator.current.url },
      timeoutMs: 10_000,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/GLUEKIT_MCP_AUTH_TOKEN, --auth-token-file <path> or --auth-token-stdin/);
    expect(result.stdout).toBe('');
  });

  it.each([
    ['--auth-token-file', 'file'],
    ['--auth-token-stdin', 'stdin'],
  ])('takes it from %s: requests need it, and /proc/PID/cmdline does not show it', async (flag, source) => {
    const token = `token-from-${source}-0123456789abcdef`;
    const home = tempHome();
    const tokenFile = join(home, 'token');
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    const args = ['--http', '--host', '0.0.0.0', '--insecure-http', '--port', '0', flag];
    if (source === 'file') args.push(tokenFile);
    const { child, url, stderr } = await spawnMcp(
      args,
      { ITGLUE_BASE_URL: emulator.current.url },
      { home, input: source === 'stdin' ? `${token}\n` : '' },
    );
    children.push(child);
    const local = url.replace('0.0.0.0', '127.0.0.1');
    expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain(token);
    const key = { 'x-api-key': emulator.current.apiKey };
    expect((await raw(local, { headers: key }).answer).status).toBe(401);
    expect((await raw(local, { headers: { ...key, authorization: `Bearer ${token}` } }).answer).status).toBe(
      200,
    );
    expect(stderr()).toMatch(/WARNING: plain HTTP on 0\.0\.0\.0/);
  });
});
