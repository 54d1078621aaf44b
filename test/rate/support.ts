/**
 * For the shared-budget suites: a real `redis-server` on a free loopback port, started and
 * stopped by the test (ready when it answers PING, never after a fixed sleep), gluekit processes
 * that run until they exit or are killed, and SDK worker processes built from dist/.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, type CliResult, cliEnv } from '../helpers/cli.js';
import type { Emulator } from '../helpers/emulator.js';

export const SDK_WORKER = fileURLToPath(new URL('./sdk-worker.child.mjs', import.meta.url));

export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Stops it (SIGTERM), or kills it at once (SIGKILL), and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** True once the server answers PING with PONG; false if the connection is refused. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setEncoding('utf8');
    socket.once('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.startsWith('+PONG'));
      }
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const INSTALL_HINT =
  'redis-server is not installed. Install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) to run the shared-budget tests; .ci/run does this in CI.';

/**
 * Starts `redis-server` on a free loopback port, with no persistence. The port is free when
 * chosen; if another process takes it first, redis-server exits and another port is tried.
 */
export async function startRedis(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).error) throw new Error(INSTALL_HINT);
  const dir = mkdtempSync(join(tmpdir(), 'gluekit-redis-'));
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    const gone = exited(child).then(() => false);
    // Poll until it answers or exits: each PING is a connection attempt, not a guess at timing.
    for (;;) {
      const ready = await Promise.race([ping(port), gone]);
      if (ready) {
        return {
          url: `redis://127.0.0.1:${port}/0`,
          port,
          process: child,
          stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
            child.kill(signal);
            await exited(child);
          },
        };
      }
      if (child.exitCode !== null || child.signalCode !== null) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!/Address already in use|bind/i.test(output))
      throw new Error(`redis-server did not start:\n${output}`);
  }
  throw new Error('redis-server found no free port in 5 attempts');
}

/** A running `gluekit` process: its result when it exits, and a way to kill it. */
export interface GluekitProcess {
  child: ChildProcess;
  result: Promise<CliResult>;
}

export function startGluekit(args: string[], env: Record<string, string>, home: string): GluekitProcess {
  return watch(
    spawn(process.execPath, [BIN, ...args], { env: cliEnv(env, home), stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

/** Collects a child's output until it exits. */
function watch(child: ChildProcess): GluekitProcess {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, result };
}

/** An SDK worker process (sdk-worker.child.mjs): `count` reads through one shared window. */
export function startSdkWorker(
  emulator: Emulator,
  options: { store: string; limit: number; windowMs: number; count: number },
): GluekitProcess {
  return watch(
    spawn(
      process.execPath,
      [
        SDK_WORKER,
        emulator.url,
        emulator.apiKey,
        options.store,
        String(options.limit),
        String(options.windowMs),
        String(options.count),
      ],
      { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
}

/** Resolves once the emulator has answered at least `count` requests (checked as each arrives). */
export async function untilServed(emulator: Emulator, count: number): Promise<void> {
  for (;;) {
    const response = await fetch(`${emulator.url}/__emulator/requests`);
    const { total } = (await response.json()) as { total: number };
    if (total >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
