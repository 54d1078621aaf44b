/**
 * Who may see the dashboard. Host and Origin are checked by the MCP server's guard (loopback by
 * default; a page elsewhere cannot reach it through DNS rebinding). Off loopback a token is
 * required: `Authorization: Bearer <token>` for scripts, or, for a browser, the URL printed at
 * start (`/?token=…`) once, which sets an HttpOnly, SameSite=Strict cookie and drops the token
 * from the address bar.
 */
import type { IncomingMessage } from 'node:http';
import { checkRequest, type Refusal, tokenMatches } from '../mcp/http-guard.js';

export const TOKEN_COOKIE = 'gluekit_ui_token';

export interface AuthOptions {
  loopback: boolean;
  authToken?: string | undefined;
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export type AuthOutcome =
  | { kind: 'ok' }
  | { kind: 'refused'; refusal: Refusal }
  /** The token came in the URL: set the cookie and send the browser to `location` without it. */
  | { kind: 'login'; location: string; cookie: string };

export function authorize(req: IncomingMessage, url: URL, options: AuthOptions): AuthOutcome {
  const refusal = checkRequest(req, { loopback: options.loopback });
  if (refusal) return { kind: 'refused', refusal };
  // A browser always sends Origin on a POST: one from another site is refused (no cross-site Sync).
  const origin = req.headers.origin;
  if (req.method === 'POST' && origin !== undefined) {
    const host = req.headers.host ?? '';
    let same = false;
    try {
      same = new URL(origin).host === host;
    } catch {
      same = false;
    }
    if (!same)
      return { kind: 'refused', refusal: { status: 403, message: `Forbidden: a POST from ${origin}.` } };
  }
  const token = options.authToken;
  if (token === undefined) return { kind: 'ok' };
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer !== undefined && tokenMatches(bearer, token)) return { kind: 'ok' };
  const cookie = cookieValue(req, TOKEN_COOKIE);
  if (cookie !== undefined && tokenMatches(cookie, token)) return { kind: 'ok' };
  const fromUrl = url.searchParams.get('token');
  if (req.method === 'GET' && fromUrl !== null && tokenMatches(fromUrl, token)) {
    const clean = new URL(url);
    clean.searchParams.delete('token');
    return {
      kind: 'login',
      location: `${clean.pathname}${clean.search}`,
      cookie: `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
    };
  }
  return {
    kind: 'refused',
    refusal: {
      status: 401,
      message:
        'Unauthorized: open the URL gluekit ui printed at start (it carries the token once), or send "Authorization: Bearer <token>".',
      headers: { 'www-authenticate': 'Bearer realm="gluekit-ui"' },
    },
  };
}
