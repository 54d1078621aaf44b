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
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
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

interface Session {
  transport: StreamableHTTPServerTransport;
  keyFingerprint: string;
  lastSeen: number;
}

export const HTTP_DEFAULTS = {
  maxSessions: 500,
  maxSessionsPerKey: 16,
  sessionIdleMs: 30 * 60_000,
  maxInFlight: 32,
  maxBodyBytes: 1024 * 1024,
  bodyTimeoutMs: 10_000,
} as const;

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
  const loopback = isLoopback(options.host);
  const warnings = checkBinding({
    host: options.host,
    authToken: options.authToken,
    tls: options.tls !== undefined,
    insecureHttp: options.insecureHttp,
  });
  const plans = new PlanStore();
  const sessions = new Map<string, Session>();
  const limits = { ...HTTP_DEFAULTS, ...definedOnly(options) };
  const inFlight = new InFlightLimit(limits.maxInFlight);
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
  const sessionsOf = (fingerprint: string) =>
    [...sessions.values()].filter((session) => session.keyFingerprint === fingerprint).length;

  async function openSession(fingerprint: string): Promise<StreamableHTTPServerTransport> {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, keyFingerprint: fingerprint, lastSeen: Date.now() });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    const server = createMcpServer({ ...options, plans, keyOf });
    await server.connect(transport);
    return transport;
  }

  /** Undefined when a new session may open for this key; otherwise why not. */
  async function admitSession(apiKey: string, fingerprint: string): Promise<Refusal | undefined> {
    if (sessions.size >= limits.maxSessions)
      return {
        status: 503,
        message: 'Too many open sessions; try again later.',
        headers: { 'retry-after': '30' },
      };
    const refused = await keyCheck.check(apiKey, fingerprint);
    if (refused) return refused;
    if (sessionsOf(fingerprint) >= limits.maxSessionsPerKey) {
      return {
        status: 429,
        message: `This x-api-key already has ${limits.maxSessionsPerKey} open sessions; close one (DELETE /mcp with its mcp-session-id) or reuse it.`,
      };
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refusal = checkRequest(req, { loopback, authToken: options.authToken });
    if (refusal) return refuse(res, refusal);
    if (path !== '/mcp') return refuse(res, { status: 404, message: `Not found: the MCP endpoint is /mcp.` });
    const apiKey = apiKeyOf(req);
    if (typeof apiKey !== 'string') return refuse(res, apiKey);
    const fingerprint = keyFingerprint(apiKey);
    const body =
      req.method === 'POST'
        ? parseJson(await readBody(req, { maxBytes: limits.maxBodyBytes, timeoutMs: limits.bodyTimeoutMs }))
        : undefined;

    const sessionHeader = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    let transport: StreamableHTTPServerTransport;
    if (sessionId) {
      const session = sessions.get(sessionId);
      if (!session)
        return refuse(res, { status: 404, message: 'Session not found: initialize a new session.' });
      if (session.keyFingerprint !== fingerprint) {
        return refuse(res, {
          status: 403,
          message:
            'Forbidden: this session was opened with another x-api-key; a session acts with its own key only.',
        });
      }
      session.lastSeen = Date.now();
      transport = session.transport;
    } else if (req.method === 'POST' && isInitialize(body)) {
      const refused = await admitSession(apiKey, fingerprint);
      if (refused) return refuse(res, refused);
      transport = await openSession(fingerprint);
    } else {
      return refuse(res, { status: 400, message: 'Bad Request: no mcp-session-id; send initialize first.' });
    }
    // The key travels with this request only, to the tool calls it carries (CallExtra.authInfo).
    const withAuth = req as IncomingMessage & {
      auth?: { token: string; clientId: string; scopes: string[] };
    };
    withAuth.auth = { token: apiKey, clientId: fingerprint, scopes: [] };
    await transport.handleRequest(withAuth, res, body);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // A session's event stream (GET) lives as long as the session, which the session caps bound;
    // every other request counts against the in-flight cap until its answer is done.
    const release = req.method === 'GET' ? () => {} : inFlight.enter();
    if (!release) {
      return refuse(res, {
        status: 503,
        message: `Busy: ${limits.maxInFlight} requests are being served; retry shortly.`,
        headers: { 'retry-after': '1' },
      });
    }
    res.once('close', release);
    handle(req, res).catch((error: unknown) => {
      if (error instanceof RefusalError) refuse(res, error.refusal);
      else {
        options.log?.(`http request failed (${error instanceof Error ? error.name : 'Error'})`);
        refuse(res, { status: 500, message: 'Internal error.' });
      }
    });
  };
  const http: Server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(listener);
  // A backstop behind the body timer: headers, and a request as a whole, cannot trickle in forever.
  http.headersTimeout = Math.min(60_000, limits.bodyTimeoutMs * 2);
  http.requestTimeout = limits.bodyTimeoutMs * 3;
  const sweeper = setInterval(
    () => {
      const cutoff = Date.now() - limits.sessionIdleMs;
      for (const session of sessions.values()) {
        if (session.lastSeen < cutoff) void session.transport.close();
      }
    },
    Math.min(limits.sessionIdleMs, 60_000),
  );
  sweeper.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: endpointUrl(options.host, port, '/mcp', options.tls !== undefined),
    port,
    warnings,
    sessionCount: () => sessions.size,
    inFlightCount: () => inFlight.count,
    async close() {
      clearInterval(sweeper);
      await Promise.all([...sessions.values()].map((session) => session.transport.close()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
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
