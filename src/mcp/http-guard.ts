/**
 * The guard in front of a gluekit HTTP server (the MCP endpoint; any other local server can use
 * it the same way). It knows nothing of MCP: it decides whether a server may listen where it was
 * asked to, whether a request may be served, and reads a body within bounds. Each refusal is a
 * `Refusal` (status, message, headers) that the server renders in its own protocol.
 *
 * - Binding: loopback by default. Another address needs a bearer token that every request
 *   presents, and TLS (or an explicit `insecureHttp`), because the API key and the token travel
 *   in every request.
 * - Requests: on loopback, the Host must be loopback (a web page cannot reach the server through
 *   DNS rebinding); everywhere, a browser's Origin must be the server's own (or loopback on
 *   loopback), and `Origin: null` (a sandboxed frame, a file) is refused; the bearer is compared
 *   in constant time.
 * - Bodies: at most `maxBytes`, fully arrived within `timeoutMs`, so neither large nor slow
 *   bodies can pile up in memory.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { ConfigurationError } from '../core/errors.js';

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form), or the name localhost. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** `http://127.0.0.1:8080/mcp`, with IPv6 addresses in brackets. */
export function endpointUrl(host: string, port: number, path = '/mcp', secure = false): string {
  const shown = isIP(host) === 6 ? `[${host}]` : host;
  return `${secure ? 'https' : 'http'}://${shown}:${port}${path}`;
}

/** The host name of a Host header (`127.0.0.1:8080` → `127.0.0.1`, `[::1]:80` → `::1`). */
function hostNameOf(header: string): string {
  const trimmed = header.trim();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']'));
  const colon = trimmed.lastIndexOf(':');
  return colon > 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed;
}

export interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** A refusal thrown from deep inside a handler (a body too large or too slow). */
export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares in constant time (both sides hashed first, so lengths leak nothing either). */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

export interface BindingOptions {
  host: string;
  authToken?: string | undefined;
  /** The server speaks TLS. */
  tls: boolean;
  /** Plain HTTP off loopback, on purpose (e.g. behind a TLS-terminating proxy on the same host). */
  insecureHttp?: boolean | undefined;
  /** How the options are spelled to the user, for the messages (the CLI's flags by default). */
  names?: { authToken: string; tls: string; insecureHttp: string } | undefined;
}

const FLAG_NAMES = {
  authToken: '--auth-token-file, --auth-token-stdin or GLUEKIT_MCP_AUTH_TOKEN',
  tls: '--tls-cert and --tls-key',
  insecureHttp: '--insecure-http',
};

/**
 * Whether a server may listen as asked: throws a ConfigurationError saying what to do, or
 * returns the warnings to print (plain HTTP off loopback that the user asked for).
 */
export function checkBinding(options: BindingOptions): string[] {
  const names = options.names ?? FLAG_NAMES;
  if (options.authToken !== undefined && options.authToken.length < 16) {
    throw new ConfigurationError(
      `The auth token must be at least 16 characters (e.g. \`openssl rand -hex 32\`); give it with ${names.authToken}.`,
    );
  }
  if (isLoopback(options.host)) return [];
  if (options.authToken === undefined) {
    throw new ConfigurationError(
      `Refusing to serve on ${options.host}, which is not a loopback address, without an auth token: anyone who can reach it could drive IT Glue. Give one with ${names.authToken} (every request must then send "Authorization: Bearer <token>"), or bind 127.0.0.1.`,
    );
  }
  if (!options.tls && !options.insecureHttp) {
    throw new ConfigurationError(
      `Refusing plain HTTP on ${options.host}, which is not a loopback address: every request carries an IT Glue API key and the auth token, and both would cross the network in clear. Give ${names.tls}, or put a TLS proxy in front and pass ${names.insecureHttp}.`,
    );
  }
  return options.tls
    ? []
    : [
        `WARNING: plain HTTP on ${options.host} (${names.insecureHttp}): API keys and the auth token cross the network unencrypted unless a TLS proxy on this host is the only way in.`,
      ];
}

export interface GuardOptions {
  /** The server is bound to a loopback address. */
  loopback: boolean;
  authToken?: string | undefined;
}

function originRefusal(req: IncomingMessage, loopback: boolean): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  if (origin === 'null') {
    return {
      status: 403,
      message: 'Forbidden: requests from Origin "null" (a sandboxed page or a local file) are not accepted.',
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return { status: 403, message: 'Forbidden: malformed Origin header.' };
  }
  // On loopback any loopback page may call (an agent's local UI); elsewhere only the server's own
  // origin: a browser sends Origin from other sites, and a request from one is never the user's.
  const allowed = loopback
    ? isLoopback(parsed.hostname)
    : parsed.host.toLowerCase() === (req.headers.host ?? '').trim().toLowerCase();
  return allowed
    ? undefined
    : { status: 403, message: `Forbidden: requests from origin ${parsed.origin} are not accepted.` };
}

/** Host, Origin and bearer checks: a refusal, or undefined when the request may go on. */
export function checkRequest(req: IncomingMessage, options: GuardOptions): Refusal | undefined {
  if (options.loopback) {
    const host = req.headers.host;
    if (!host || !isLoopback(hostNameOf(host))) {
      return {
        status: 403,
        message: 'Forbidden: this server answers only requests addressed to a loopback host.',
      };
    }
  }
  const origin = originRefusal(req, options.loopback);
  if (origin) return origin;
  if (options.authToken !== undefined) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !tokenMatches(match[1] as string, options.authToken)) {
      return {
        status: 401,
        message:
          'Unauthorized: this server needs "Authorization: Bearer <token>" with the token it was started with.',
        headers: { 'www-authenticate': 'Bearer realm="gluekit"' },
      };
    }
  }
  return undefined;
}

/** The caller's IT Glue key from `x-api-key`, or a refusal saying how to send it. */
export function apiKeyOf(req: IncomingMessage): string | Refusal {
  const raw = req.headers['x-api-key'];
  const key = Array.isArray(raw) ? undefined : raw?.trim();
  if (!key) {
    return {
      status: 401,
      message:
        'Missing x-api-key: every request carries the IT Glue API key it acts with, in the x-api-key header. The server keeps none.',
    };
  }
  if (key.length > 512 || !/^[\x21-\x7e]+$/.test(key))
    return { status: 400, message: 'Malformed x-api-key header.' };
  return key;
}

export interface BodyLimits {
  maxBytes: number;
  /** The whole body must have arrived within this long after the request did. */
  timeoutMs: number;
}

/**
 * Reads a request body within its limits, or throws a RefusalError (413 too large, 408 too slow).
 * A declared Content-Length over the limit is refused before a byte is read.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const tooLarge: Refusal = {
    status: 413,
    message: `Request body over ${limits.maxBytes} bytes; send less at once (the server's limit is --max-body-mb).`,
  };
  if (Number.isFinite(declared) && declared > limits.maxBytes)
    return Promise.reject(new RefusalError(tooLarge));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (refusal: Refusal) => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      req.pause();
      reject(new RefusalError(refusal));
    };
    const timer = setTimeout(
      () =>
        fail({
          status: 408,
          message: `Request body not received within ${limits.timeoutMs} ms; send it at once.`,
        }),
      limits.timeoutMs,
    );
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) fail(tooLarge);
      else chunks.push(chunk);
    });
    req.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Requests served at once, up to a cap; `enter` gives the release function, or undefined when full. */
export class InFlightLimit {
  #count = 0;
  constructor(readonly max: number) {}

  get count(): number {
    return this.#count;
  }

  enter(): (() => void) | undefined {
    if (this.#count >= this.max) return undefined;
    this.#count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#count--;
    };
  }
}
