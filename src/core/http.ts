/**
 * The HTTP client the transport uses by default: Node's own `http`/`https`, behind the small
 * slice of `fetch` the transport needs (`HttpFetch`; the global fetch has the same shape and can
 * still be passed as `fetch` in the client options).
 *
 * Why not the global fetch: it is undici, which parses HTTP with a WebAssembly build of llhttp.
 * Loading it costs a short-lived process about 60 ms on its first request, and V8 then keeps
 * optimising that WebAssembly on background threads, which Node waits for before it exits: about
 * 150–200 ms of idle time after a CLI call has printed its answer. `node:http` parses in C++,
 * and its keep-alive sockets are unreferenced while idle, so a process exits as soon as its work
 * is done.
 *
 * What it does: one request, the body as text (gzip, deflate and br decoded), the caller's
 * signal aborting the request or the body read. What it does not: follow redirects (IT Glue's
 * API does not send them, and the key must never follow one to another host); a 3xx is returned
 * as it is, and the transport reports it.
 */
import type { Agent as HttpAgent, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Agent, request as httpRequest } from 'node:http';
import type { Readable } from 'node:stream';

export interface HttpRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** For a fetch passed in the options: never follow a redirect. node:http never does. */
  redirect?: 'manual';
}

export interface HttpResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** What the transport sends requests through. `globalThis.fetch` fits it too. */
export type HttpFetch = (url: URL, init: HttpRequestInit) => Promise<HttpResponse>;

// Own agents rather than Node's global one, so an application's changes to that one (or its
// absence of keep-alive on older Nodes) do not change how gluekit talks to IT Glue. Idle sockets
// are unreferenced by the agent and closed before the server's announced keep-alive timeout.
const AGENT_OPTIONS = { keepAlive: true, timeout: 5000 };
let httpAgent: HttpAgent | undefined;
let httpsModule: Promise<{ request: typeof httpRequest; agent: HttpAgent }> | undefined;

async function transportFor(url: URL): Promise<{ request: typeof httpRequest; agent: HttpAgent }> {
  if (url.protocol === 'http:') {
    httpAgent ??= new Agent(AGENT_OPTIONS);
    return { request: httpRequest, agent: httpAgent };
  }
  if (url.protocol !== 'https:') throw new TypeError(`unsupported protocol ${url.protocol}`);
  // TLS is loaded only when a request needs it (a local emulator is plain HTTP).
  httpsModule ??= import('node:https').then((https) => ({
    request: https.request as typeof httpRequest,
    agent: new https.Agent(AGENT_OPTIONS),
  }));
  return httpsModule;
}

class NodeHttpResponse implements HttpResponse {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly status: number,
    raw: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get(name: string): string | null {
        const value = raw[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  async text(): Promise<string> {
    return this.body;
  }
}

async function decodedBody(response: IncomingMessage): Promise<Readable> {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === '' || encoding === 'identity') return response;
  const zlib = await import('node:zlib');
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) throw new TypeError(`unsupported content-encoding ${encoding}`);
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/** The whole body. Events, not `for await`: the async iterator costs more per chunk and on start. */
function readText(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('error', reject);
    stream.once('end', () => {
      ended = true;
      // TextDecoder drops a byte-order mark, as fetch's text() does.
      resolve(new TextDecoder().decode(Buffer.concat(chunks)));
    });
    // A connection that closes before the body's end, without an error of its own.
    stream.once('close', () => {
      if (!ended)
        reject(
          Object.assign(new Error('The response ended before its body did'), {
            code: 'ERR_STREAM_PREMATURE_CLOSE',
          }),
        );
    });
  });
}

/** One request through Node's http/https, answered with the whole body as text. */
export const nodeHttpFetch: HttpFetch = async (url, init) => {
  const { request, agent } = await transportFor(url);
  const { signal } = init;
  signal?.throwIfAborted();
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...init.headers };
  if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = request(url, { method: init.method, headers, agent });
    const onAbort = () => req.destroy(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    req.on('error', (error) => {
      settle();
      reject(error);
    });
    req.on('response', (response) => {
      decodedBody(response)
        .then(readText)
        .then((text) => {
          settle();
          resolve(new NodeHttpResponse(response.statusCode ?? 0, response.headers, text));
        })
        .catch((error: unknown) => {
          settle();
          req.destroy();
          reject(error);
        });
    });
    req.end(init.body);
  });
};
