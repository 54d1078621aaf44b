/**
 * Streamable HTTP on node:http (or node:https), at `/mcp`. Each request carries the caller's IT
 * Glue key in `x-api-key` and each tool call runs with the key of the request that carried it;
 * the server stores no key. A session opens only for a key IT Glue accepted (key-check.ts), is
 * bound to that key's fingerprint, and a request on it with any other key is refused, so a
 * session can never act with another session's key. Rate budgets are per key (the SDK shares one
 * budget among all clients of a key in the process).
 *
 * Bounded: sessions in all and per key, requests in flight, and each body's size and arrival time
 * (http-guard.ts). Every refusal is a JSON-RPC error with the HTTP status that fits.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { ConfigurationError } from '../core/errors.js';
import { keyFingerprint } from '../core/redact.js';
import {
  apiKeyOf,
  checkBinding,
  checkRequest,
  endpointUrl,
  InFlightLimit,
  isLoopback,
  type Refusal,
  RefusalError,
  readBody,
} from './http-guard.js';
import { closeServer, listen } from './http-lifecycle.js';
import { type SessionLookup, SessionTable } from './http-sessions.js';
import { KeyCheck } from './key-check.js';
import { PlanStore } from './plan-store.js';
import { type CallExtra, createMcpServer, type ServerOptions } from './server.js';

export interface HttpServerOptions extends Omit<ServerOptions, 'keyOf' | 'plans'> {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Required to bind anything but loopback: every request must present it as a bearer token. */
  authToken?: string | undefined;
  /** Serve HTTPS with this certificate and key (PEM). Required off loopback, unless insecureHttp. */
  tls?: { cert: string | Buffer; key: string | Buffer } | undefined;
  /** Plain HTTP off loopback, on purpose (a TLS proxy in front). */
  insecureHttp?: boolean | undefined;
  /** Sessions at once (default 500), per key (default 16), and how long an idle one lives (30 min). */
  maxSessions?: number | undefined;
  maxSessionsPerKey?: number | undefined;
  sessionIdleMs?: number | undefined;
  /** Requests served at once (default 32); more get 503 and a Retry-After. */
  maxInFlight?: number | undefined;
  /** Request bodies larger than this are refused (default 1 MiB). */
  maxBodyBytes?: number | undefined;
  /** A body must arrive whole within this long (default 10 s). */
  bodyTimeoutMs?: number | undefined;
  /**
   * Asks IT Glue whether a key is good before a session opens for it; rejects with
   * AuthenticationError when it is not. Default: a one-record organization list with the key.
   */
  probeKey?: ((apiKey: string) => Promise<void>) | undefined;
}

export interface RunningHttpServer {
  /** The endpoint, e.g. `http://127.0.0.1:41234/mcp`. */
  url: string;
  port: number;
  /** What the operator should hear about this binding (plain HTTP off loopback). */
  warnings: readonly string[];
  sessionCount(): number;
  /** Requests being served now (event streams aside). */
  inFlightCount(): number;
  close(): Promise<void>;
}

export const HTTP_DEFAULTS = {
  maxSessions: 500,
  maxSessionsPerKey: 16,
  sessionIdleMs: 30 * 60_000,
  maxInFlight: 32,
  maxBodyBytes: 1024 * 1024,
  bodyTimeoutMs: 10_000,
} as const;

type Limits = { [name in keyof typeof HTTP_DEFAULTS]: number };

/** What every request on the endpoint is served with. */
interface Endpoint {
  loopback: boolean;
  authToken: string | undefined;
  limits: Limits;
  sessions: SessionTable;
  inFlight: InFlightLimit;
  log: ((line: string) => void) | undefined;
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...refusal.headers };
  // A body that was refused half-read is not read further: close the connection after the answer.
  if (refusal.status === 413 || refusal.status === 408) headers.connection = 'close';
  res.writeHead(refusal.status, headers);
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: refusal.message }, id: null }));
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RefusalError({ status: 400, message: 'Parse error: the request body is not JSON.' });
  }
}

const isInitialize = (body: unknown) =>
  Array.isArray(body) ? body.some((message) => isInitializeRequest(message)) : isInitializeRequest(body);

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const warnings = checkBinding({
    host: options.host,
    authToken: options.authToken,
    tls: options.tls !== undefined,
    insecureHttp: options.insecureHttp,
  });
  const limits: Limits = { ...HTTP_DEFAULTS, ...definedOnly(options) };
  const endpoint: Endpoint = {
    loopback: isLoopback(options.host),
    authToken: options.authToken,
    limits,
    sessions: createSessions(options, limits),
    inFlight: new InFlightLimit(limits.maxInFlight),
    log: options.log,
  };
  const http = createHttp(options, limits, (req, res) => serve(endpoint, req, res));
  const stopSweeper = endpoint.sessions.startSweeper();
  const port = await listen(http, options.port, options.host);
  return {
    url: endpointUrl(options.host, port, '/mcp', options.tls !== undefined),
    port,
    warnings,
    sessionCount: () => endpoint.sessions.size,
    inFlightCount: () => endpoint.inFlight.count,
    async close() {
      stopSweeper();
      await endpoint.sessions.closeAll();
      await closeServer(http);
    },
  };
}

/** Sessions whose MCP servers share one plan store and run each tool call with its request's key. */
function createSessions(options: HttpServerOptions, limits: Limits): SessionTable {
  const plans = new PlanStore();
  const keyCheck = new KeyCheck({
    probe:
      options.probeKey ??
      (async (apiKey) => {
        await options
          .clientFor(apiKey)
          .organizations.list({ pageSize: 1 }, { maxRetries: 0, timeoutMs: 15_000 });
      }),
  });
  const keyOf = (extra: CallExtra): string => {
    const token = extra.authInfo?.token;
    if (!token) throw new ConfigurationError('This request carried no x-api-key.');
    return token;
  };
  return new SessionTable(limits, keyCheck, async (transport) => {
    const server = createMcpServer({ ...options, plans, keyOf });
    await server.connect(transport);
  });
}

/** node:http, or node:https with the given certificate, with timeouts that bound slow requests. */
function createHttp(
  options: HttpServerOptions,
  limits: Limits,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const http: Server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(listener);
  // A backstop behind the body timer: headers, and a request as a whole, cannot trickle in forever.
  http.headersTimeout = Math.min(60_000, limits.bodyTimeoutMs * 2);
  http.requestTimeout = limits.bodyTimeoutMs * 3;
  return http;
}

/** Admits a request under the in-flight cap, handles it, and renders whatever it throws. */
function serve(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): void {
  // A session's event stream (GET) lives as long as the session, which the session caps bound;
  // every other request counts against the in-flight cap until its answer is done.
  const release = req.method === 'GET' ? () => {} : endpoint.inFlight.enter();
  if (!release) {
    refuse(res, {
      status: 503,
      message: `Busy: ${endpoint.limits.maxInFlight} requests are being served; retry shortly.`,
      headers: { 'retry-after': '1' },
    });
    return;
  }
  res.once('close', release);
  handle(endpoint, req, res).catch((error: unknown) => {
    if (error instanceof RefusalError) refuse(res, error.refusal);
    else {
      endpoint.log?.(`http request failed (${error instanceof Error ? error.name : 'Error'})`);
      refuse(res, { status: 500, message: 'Internal error.' });
    }
  });
}

async function handle(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const refusal = checkRequest(req, { loopback: endpoint.loopback, authToken: endpoint.authToken });
  if (refusal) return refuse(res, refusal);
  if (path !== '/mcp') return refuse(res, { status: 404, message: `Not found: the MCP endpoint is /mcp.` });
  const apiKey = apiKeyOf(req);
  if (typeof apiKey !== 'string') return refuse(res, apiKey);
  const fingerprint = keyFingerprint(apiKey);
  const { maxBodyBytes, bodyTimeoutMs } = endpoint.limits;
  const body =
    req.method === 'POST'
      ? parseJson(await readBody(req, { maxBytes: maxBodyBytes, timeoutMs: bodyTimeoutMs }))
      : undefined;

  const lookup = await sessionOf(endpoint.sessions, req, body, apiKey, fingerprint);
  if ('refusal' in lookup) return refuse(res, lookup.refusal);
  // The key travels with this request only, to the tool calls it carries (CallExtra.authInfo).
  const withAuth = req as IncomingMessage & {
    auth?: { token: string; clientId: string; scopes: string[] };
  };
  withAuth.auth = { token: apiKey, clientId: fingerprint, scopes: [] };
  await lookup.transport.handleRequest(withAuth, res, body);
}

/** The session a request names, or a new one for an initialize request without one. */
async function sessionOf(
  sessions: SessionTable,
  req: IncomingMessage,
  body: unknown,
  apiKey: string,
  fingerprint: string,
): Promise<SessionLookup> {
  const sessionHeader = req.headers['mcp-session-id'];
  const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
  if (sessionId) return sessions.find(sessionId, fingerprint);
  if (req.method === 'POST' && isInitialize(body)) return sessions.openFor(apiKey, fingerprint);
  return { refusal: { status: 400, message: 'Bad Request: no mcp-session-id; send initialize first.' } };
}

/** The limits a caller set, without the undefined ones (so defaults fill the rest). */
function definedOnly(options: HttpServerOptions): Partial<typeof HTTP_DEFAULTS> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(HTTP_DEFAULTS) as Array<keyof typeof HTTP_DEFAULTS>) {
    const value = options[name];
    if (value !== undefined) {
      if (!Number.isFinite(value) || value <= 0)
        throw new ConfigurationError(`${name} must be a positive number, got ${value}`);
      out[name] = value;
    }
  }
  return out;
}
