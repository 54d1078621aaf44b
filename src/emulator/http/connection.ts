/**
 * Ending a connection without a response, for the reset and lost-response faults. With
 * @hono/node-server the Node socket is at `c.env.incoming.socket`; we reset it (the client sees
 * ECONNRESET) and tell the adapter the response is already handled, so it writes nothing and logs
 * nothing. In-process use (`app.request`) has no socket: a network-error Response stands in.
 */
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';

export type AppEnv = { Bindings: HttpBindings };

export function dropConnection(c: Context<AppEnv>): Response {
  const socket = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
  if (!socket) return Response.error();
  // A reset with nothing written: the client cannot tell whether the request was processed.
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
  return RESPONSE_ALREADY_SENT;
}
