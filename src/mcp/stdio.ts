/**
 * MCP over stdio: one key (the caller resolved it from the environment or the config profile),
 * one client, and stdout for the protocol alone: logs go to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { GlueKit } from '../client.js';
import { createMcpServer, type ServerOptions } from './server.js';

export interface StdioServerOptions extends Omit<ServerOptions, 'keyOf' | 'clientFor'> {
  apiKey: string;
  /** The client for that key, made once. */
  client: GlueKit;
}

/** Serves until stdin closes. */
export async function serveStdio(options: StdioServerOptions): Promise<void> {
  const { apiKey, client, ...rest } = options;
  const server = createMcpServer({ ...rest, keyOf: () => apiKey, clientFor: () => client });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(transport);
  process.stdin.once('end', () => {
    void server.close();
  });
  await closed;
}
