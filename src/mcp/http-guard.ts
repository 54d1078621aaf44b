/**
 * The checks in front of the HTTP transport. Loopback by default: another address needs a bearer
 * token that every request presents. A loopback server also refuses requests whose Host or Origin
 * is not loopback (a web page cannot reach it through DNS rebinding). Every request carries the
 * caller's own IT Glue key in `x-api-key`; the server keeps only its fingerprint.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form), or the name localhost. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** `http://127.0.0.1:8080/mcp`, with IPv6 addresses in brackets. */
export function endpointUrl(host: string, port: number): string {
  const shown = isIP(host) === 6 ? `[${host}]` : host;
  return `http://${shown}:${port}/mcp`;
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

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares in constant time (both sides hashed first, so lengths leak nothing either). */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

export interface GuardOptions {
  /** The server is bound to a loopback address. */
  loopback: boolean;
  authToken?: string | undefined;
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
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== 'null') {
      let originHost: string;
      try {
        originHost = new URL(origin).hostname;
      } catch {
        return { status: 403, message: 'Forbidden: malformed Origin header.' };
      }
      if (!isLoopback(originHost))
        return { status: 403, message: `Forbidden: requests from origin ${origin} are not accepted.` };
    }
  }
  if (options.authToken !== undefined) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !tokenMatches(match[1] as string, options.authToken)) {
      return {
        status: 401,
        message:
          'Unauthorized: this server needs "Authorization: Bearer <token>" with the token it was started with.',
        headers: { 'www-authenticate': 'Bearer realm="gluekit-mcp"' },
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
  if (key.length > 512 || /\s/.test(key)) return { status: 400, message: 'Malformed x-api-key header.' };
  return key;
}
