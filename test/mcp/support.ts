/**
 * MCP test support: a server built with the real tools, wired to an emulator tenant, and an MCP
 * SDK client talking to it in memory (InMemoryTransport) or over real Streamable HTTP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll } from 'vitest';
import type { ClientOptions } from '../../src/index.js';
import { type HttpServerOptions, type RunningHttpServer, startHttpServer } from '../../src/mcp/http.js';
import { createMcpServer, type ServerOptions } from '../../src/mcp/server.js';
import { BIN, cliEnv } from '../helpers/cli.js';
import { clientFor, type Emulator } from '../helpers/emulator.js';

export { newTenantKey } from '../helpers/emulator.js';

export type ServerFlags = Partial<Omit<ServerOptions, 'keyOf' | 'clientFor'>>;

/** A tool result's JSON, read freely by the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests read tool results as the untyped JSON they are.
export type Json = any;

export interface CallOutcome {
  isError: boolean;
  text: string;
  /** The parsed JSON of a successful result. */
  data: Json;
}

export interface Session {
  client: Client;
  call(name: string, args?: Record<string, unknown>): Promise<CallOutcome>;
  /** Calls a tool and fails the test (with the message) if it returned an error. */
  ok(name: string, args?: Record<string, unknown>): Promise<Json>;
  toolNames(): Promise<string[]>;
  close(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'gluekit-mcp-'));
}

function sessionOf(client: Client, close: () => Promise<void>): Session {
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<CallOutcome> => {
    const result = (await client.callTool({ name, arguments: args })) as {
      isError?: boolean;
      content: Array<{ type: string; text?: string }>;
    };
    const text = result.content.map((part) => part.text ?? '').join('');
    let data: unknown;
    if (!result.isError) data = JSON.parse(text);
    return { isError: result.isError === true, text, data };
  };
  return {
    client,
    call,
    async ok(name, args) {
      const outcome = await call(name, args);
      if (outcome.isError) throw new Error(`${name} failed: ${outcome.text}`);
      return outcome.data;
    },
    async toolNames() {
      return (await client.listTools()).tools.map((tool) => tool.name);
    },
    close,
  };
}

/** A server for one key, and a client connected to it in memory. */
export async function inMemorySession(
  emulator: Emulator,
  apiKey: string,
  flags: ServerFlags = {},
): Promise<Session> {
  const server = createMcpServer({
    dataDir: tempDataDir(),
    ...flags,
    keyOf: () => apiKey,
    clientFor: (key) => clientFor(emulator, { apiKey: key }),
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'gluekit-test', version: '0.0.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return sessionOf(client, async () => {
    await client.close();
    await server.close();
  });
}

/** An HTTP server on 127.0.0.1:0 whose clients go to the emulator. */
export async function httpServer(
  emulator: Emulator,
  flags: ServerFlags &
    Partial<
      Pick<
        HttpServerOptions,
        | 'host'
        | 'authToken'
        | 'tls'
        | 'insecureHttp'
        | 'maxBodyBytes'
        | 'bodyTimeoutMs'
        | 'maxInFlight'
        | 'maxSessionsPerKey'
      >
    > & {
      clientOptions?: ClientOptions;
    } = {},
): Promise<RunningHttpServer> {
  const { clientOptions, ...rest } = flags;
  return startHttpServer({
    dataDir: tempDataDir(),
    host: '127.0.0.1',
    port: 0,
    ...rest,
    clientFor: (key) => clientFor(emulator, { ...clientOptions, apiKey: key }),
  });
}

/** A `start(flags)` for a suite: each server it starts is closed after the suite. */
export function httpServers(emulator: {
  current: Emulator;
}): (flags?: Parameters<typeof httpServer>[1]) => Promise<RunningHttpServer> {
  const servers: RunningHttpServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  return async (flags = {}) => {
    const server = await httpServer(emulator.current, flags);
    servers.push(server);
    return server;
  };
}

export interface SpawnedMcp {
  child: ChildProcess;
  /** The endpoint the server printed on its first line. */
  url: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
}

/** `gluekit mcp <args>` as a child process, once it has printed its endpoint; the caller kills it. */
export async function spawnMcp(
  args: string[],
  env: Record<string, string>,
  options: { home?: string; input?: string } = {},
): Promise<SpawnedMcp> {
  const child = spawn(process.execPath, [BIN, 'mcp', ...args], {
    env: cliEnv(env, options.home),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(options.input ?? '');
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

/** A real Streamable HTTP client session, sending these headers with every request. */
export async function httpSession(url: string, headers: Record<string, string>): Promise<Session> {
  const client = new Client({ name: 'gluekit-test', version: '0.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return sessionOf(client, () => client.close());
}

/** Creates an emulator tenant (its own data, its own key). */
