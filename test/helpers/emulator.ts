/**
 * Test helpers: an emulator on 127.0.0.1:0 per suite, clients pointed at it, and access to the
 * emulator's request counts.
 */
import { afterAll, beforeAll } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { type ClientOptions, GlueKit } from '../../src/index.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export type EmulatorOptions = Parameters<typeof startEmulator>[0];

/** Starts an emulator before the suite and stops it after; the returned object fills in at start. */
export function useEmulator(options: EmulatorOptions = {}): { current: Emulator } {
  const holder = {} as { current: Emulator };
  beforeAll(async () => {
    holder.current = await startEmulator(options);
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return holder;
}

/** A client for the emulator, with fast retries so fault tests stay quick. */
export function clientFor(emulator: Emulator, options: ClientOptions = {}): GlueKit {
  return new GlueKit({
    apiKey: emulator.apiKey,
    baseUrl: emulator.url,
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 20,
    ...options,
  });
}

export interface RequestCounts {
  total: number;
  byMethod: Record<string, number>;
  byRoute: Record<string, number>;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  writes: Array<{
    method: string;
    path: string;
    operationId?: string;
    status: number;
    ids?: string[];
    committed: boolean;
    /** False when a fault destroyed the connection: the client never saw the status. */
    delivered?: boolean;
  }>;
}

export async function requestCounts(emulator: Emulator): Promise<RequestCounts> {
  const response = await fetch(`${emulator.url}/__emulator/requests`);
  return (await response.json()) as RequestCounts;
}

export async function resetCounts(emulator: Emulator): Promise<void> {
  await fetch(`${emulator.url}/__emulator/requests/reset`, { method: 'POST' });
}

export async function setFaults(emulator: Emulator, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.url}/__emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`setting faults failed: ${response.status}`);
}

export const NO_FAULTS = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  resetRate: 0,
  lostResponseRate: 0,
  rateLimitBurst: 0,
};

/** Raw records as the emulator stores them (password values included), for invariant checks. */
export async function rawRecords(
  emulator: Emulator,
  type: string,
  apiKey = emulator.apiKey,
): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(`${emulator.url}/__emulator/records/${type}`, {
    headers: { 'x-api-key': apiKey },
  });
  const body = (await response.json()) as
    | { data?: Array<Record<string, unknown>> }
    | Array<Record<string, unknown>>;
  return Array.isArray(body) ? body : (body.data ?? []);
}

/** A fetch that records every response's headers, so tests can see what the emulator said. */
export function recordingFetch(): {
  fetch: typeof fetch;
  responses: Array<{ method: string; url: string; status: number; headers: Headers }>;
} {
  const responses: Array<{ method: string; url: string; status: number; headers: Headers }> = [];
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    responses.push({
      method: init?.method ?? 'GET',
      url: String(input),
      status: response.status,
      headers: response.headers,
    });
    return response;
  };
  return { fetch: wrapped, responses };
}

/** A loopback port with nothing listening (fetch refuses some low ports outright, so not port 1). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A fresh tenant (its own key and records) on a running emulator: the key. */
export async function newTenantKey(emulator: Emulator, seed = 'demo'): Promise<string> {
  const response = await fetch(`${emulator.url}/__emulator/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seed }),
  });
  return ((await response.json()) as { apiKey: string }).apiKey;
}
