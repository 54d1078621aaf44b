/**
 * DNS rebinding protection for the emulator. A web page can make a browser send requests to a
 * name it controls that resolves to 127.0.0.1; the browser then talks to the emulator with the
 * page's name in the Host header, and the control routes (`/__emulator/records/passwords`) would
 * hand it password values. So an emulator bound to loopback answers only requests addressed to
 * a loopback host, on every route. (The emulator depends on no other gluekit layer, so this small
 * test of an address is its own.)
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './connection.js';
import { errorResponse } from './responses.js';

/** localhost (and *.localhost), 127.0.0.0/8, ::1 and its IPv4-mapped form. */
export function isLoopbackName(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The name in a Host header: `127.0.0.1:8080` → `127.0.0.1`, `[::1]:80` → `::1`. */
function hostName(header: string): string {
  const trimmed = header.trim();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']'));
  const colon = trimmed.lastIndexOf(':');
  return colon > 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed;
}

/** Refuses, on every route, a request whose Host (or, in process, URL host) is not loopback. */
export function loopbackHostOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (isLoopbackName(hostName(host))) return next();
    return errorResponse(403, [
      {
        status: 403,
        title: 'Forbidden',
        detail:
          'This emulator is bound to loopback and answers only requests addressed to a loopback host (localhost, 127.0.0.1, ::1).',
      },
    ]);
  };
}
