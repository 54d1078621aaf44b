/**
 * Listening and closing for gluekit's local HTTP servers (the MCP endpoint and the dashboard):
 * a failed bind (port taken, address not ours) rejects instead of crashing the process, and a
 * close does not wait for idle keep-alive connections or open event streams.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Resolves with the port once the server listens (the chosen one when `port` is 0). */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Stops accepting and drops every open connection; resolves when the server has closed. */
export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
