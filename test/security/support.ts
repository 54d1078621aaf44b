/**
 * The adversary's machines, on 127.0.0.1: a hostile "IT Glue" that answers whatever a test scripts
 * (lists whose links point elsewhere, redirects, errors that echo the key), over http or https,
 * and a second server, the witness, that records every request that reached it and whether it
 * carried `x-api-key` or a body. A test passes only if the witness saw nothing.
 *
 * The https server uses test/fixtures/tls/localhost.{crt,key}: a self-signed certificate for
 * 127.0.0.1 and localhost, valid until 2126, generated with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
 *  -subj "/CN=gluekit test localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"
 *  -addext "basicConstraints=critical,CA:TRUE"`. A child process trusts it through
 * NODE_EXTRA_CA_CERTS, the way a user trusts a corporate proxy's CA.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const TLS_CERT = fileURLToPath(new URL('../fixtures/tls/localhost.crt', import.meta.url));
export const TLS_KEY = fileURLToPath(new URL('../fixtures/tls/localhost.key', import.meta.url));

export interface SeenRequest {
  method: string;
  url: string;
  apiKey: string | undefined;
  body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT` (or https). */
  origin: string;
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Answer = (req: SeenRequest, res: ServerResponse) => void;

async function listen(server: Server, scheme: 'http' | 'https', seen: SeenRequest[]): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${scheme}://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function handler(seen: SeenRequest[], answer: Answer) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const header = req.headers['x-api-key'];
      const request: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        apiKey: Array.isArray(header) ? header.join(',') : header,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      answer(request, res);
    });
  };
}

/** A server that answers with `answer`, over http or (with the fixture certificate) https. */
export function startServer(answer: Answer, scheme: 'http' | 'https' = 'http'): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const server =
    scheme === 'https'
      ? createTlsServer({ cert: readFileSync(TLS_CERT), key: readFileSync(TLS_KEY) }, handler(seen, answer))
      : createServer(handler(seen, answer));
  return listen(server, scheme, seen);
}

/** The second server: it answers a valid empty list, and remembers who came. */
export function startWitness(scheme: 'http' | 'https' = 'http'): Promise<TestServer> {
  return startServer((_, res) => json(res, 200, listBody([], {})), scheme);
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/vnd.api+json', ...headers });
  res.end(JSON.stringify(body));
}

/** A page of organizations with the given meta and links. */
export function listBody(ids: string[], meta: Record<string, unknown>, links: Record<string, unknown> = {}) {
  return {
    data: ids.map((id) => ({ id, type: 'organizations', attributes: { name: `Org ${id}` } })),
    meta,
    links,
  };
}

/** The page number a request asked for (1 when it named none). */
export function pageAsked(url: string): number {
  return Number(new URL(url, 'http://x').searchParams.get('page[number]') ?? '1');
}
