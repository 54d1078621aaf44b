/**
 * Streamable HTTP on node:http, at `/mcp`. Each request carries the caller's IT Glue key in
 * `x-api-key` and each tool call runs with the key of the request that carried it; the server
 * stores no key. A session is bound at initialize to its key's fingerprint, and a request on it
 * with any other key is refused, so a session can never act with another session's key. Rate
 * budgets are per key (the SDK shares one budget among all clients of a key in the process).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { ConfigurationError } from '../core/errors.js';
import { keyFingerprint } from '../core/redact.js';
import { apiKeyOf, checkRequest, endpointUrl, isLoopback, type Refusal } from './http-guard.js';
import { PlanStore } from './plan-store.js';
import { type CallExtra, createMcpServer, type ServerOptions } from './server.js';

export interface HttpServerOptions extends Omit<ServerOptions, 'keyOf' | 'plans'> {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Required to bind anything but loopback: every request must present it as a bearer token. */
  authToken?: string | undefined;
  /** Sessions at once (default 500) and how long an idle one lives (default 30 minutes). */
  maxSessions?: number | undefined;
  sessionIdleMs?: number | undefined;
  /** Request bodies larger than this are refused (default 16 MB: inline rows can be big). */
  maxBodyBytes?: number | undefined;
}

export interface RunningHttpServer {
  /** The endpoint, e.g. `http://127.0.0.1:41234/mcp`. */
  url: string;
  port: number;
  sessionCount(): number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  keyFingerprint: string;
  lastSeen: number;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) return;
  res.writeHead(refusal.status, { 'content-type': 'application/json', ...refusal.headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: refusal.message }, id: null }));
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyError(413, `Request body over ${maxBytes} bytes.`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'Parse error: the request body is not JSON.');
  }
}

const isInitialize = (body: unknown) =>
  Array.isArray(body) ? body.some((message) => isInitializeRequest(message)) : isInitializeRequest(body);

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const loopback = isLoopback(options.host);
  if (!loopback && !options.authToken) {
    throw new ConfigurationError(
      `Refusing to serve MCP on ${options.host}, which is not a loopback address, without --auth-token: anyone who can reach it could drive IT Glue. Pass --auth-token (every request must then send "Authorization: Bearer <token>"), or bind 127.0.0.1.`,
    );
  }
  if (options.authToken !== undefined && options.authToken.length < 16) {
    throw new ConfigurationError(
      '--auth-token must be at least 16 characters (e.g. `openssl rand -hex 32`).',
    );
  }
  const plans = new PlanStore();
  const sessions = new Map<string, Session>();
  const maxSessions = options.maxSessions ?? 500;
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const keyOf = (extra: CallExtra): string => {
    const token = extra.authInfo?.token;
    if (!token) throw new ConfigurationError('This request carried no x-api-key.');
    return token;
  };

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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refusal = checkRequest(req, { loopback, authToken: options.authToken });
    if (refusal) return refuse(res, refusal);
    if (path !== '/mcp') return refuse(res, { status: 404, message: `Not found: the MCP endpoint is /mcp.` });
    const apiKey = apiKeyOf(req);
    if (typeof apiKey !== 'string') return refuse(res, apiKey);
    const fingerprint = keyFingerprint(apiKey);
    const body = req.method === 'POST' ? await readJson(req, maxBody) : undefined;

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
      if (sessions.size >= maxSessions)
        return refuse(res, { status: 503, message: 'Too many open sessions; try again later.' });
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

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyError) refuse(res, { status: error.status, message: error.message });
      else {
        options.log?.(`http request failed (${error instanceof Error ? error.name : 'Error'})`);
        refuse(res, { status: 500, message: 'Internal error.' });
      }
    });
  });
  const sweeper = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const session of sessions.values()) {
        if (session.lastSeen < cutoff) void session.transport.close();
      }
    },
    Math.min(idleMs, 60_000),
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
    url: endpointUrl(options.host, port),
    port,
    sessionCount: () => sessions.size,
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
