/**
 * `gluekit mcp`: the MCP server. Over stdio the key comes from the environment or the config
 * profile, like every other command; over HTTP each request brings its own in x-api-key and the
 * server keeps none. The base URL (region) is the server's, from flags, environment or profile.
 * stdout carries the protocol (stdio) or the endpoint URL (HTTP); everything else goes to stderr.
 */
import { GlueKit } from '../../client.js';
import { readEnv } from '../../core/env.js';
import { keyFingerprint } from '../../core/redact.js';
import { terminalText } from '../../core/terminal-text.js';
import { startHttpServer } from '../../mcp/http.js';
import { allTools } from '../../mcp/server.js';
import { serveStdio } from '../../mcp/stdio.js';
import { type ListingOptions, parseToolsets, selectTools, writesAllowed } from '../../mcp/toolsets.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';
import { type McpHttpFlags, maxBodyBytes, readAuthToken, readTls } from './mcp-http-options.js';

export interface McpFlags extends McpHttpFlags {
  http?: boolean;
  host: string;
  port: string;
  insecureHttp?: boolean;
  allowWrites?: boolean;
  readOnly?: boolean;
  toolsets?: string;
  allowPasswordReveal?: boolean;
}

/** An MCP client gives up on a call long before the CLI's 10 minutes: say "rate-limited until T" sooner. */
const MCP_RATE_LIMIT_WAIT_MS = 60_000;

function rateLimitWaitMs(): number {
  const seconds = readEnv('GLUEKIT_RATE_LIMIT_WAIT');
  if (seconds === undefined) return MCP_RATE_LIMIT_WAIT_MS;
  if (!/^\d+$/.test(seconds))
    throw new UsageError(`GLUEKIT_RATE_LIMIT_WAIT must be whole seconds, got ${JSON.stringify(seconds)}`);
  return Number(seconds) * 1000;
}

function say(line: string): void {
  process.stderr.write(`gluekit mcp: ${terminalText(line)}\n`);
}

function describeMode(listing: ListingOptions, reveal: boolean): string {
  const count = selectTools(allTools(), listing).length;
  const writes = writesAllowed(listing)
    ? 'writes allowed'
    : listing.allowWrites && listing.readOnly
      ? 'read-only (--read-only wins over --allow-writes)'
      : 'read-only';
  const sets = listing.toolsets ? `, toolsets ${listing.toolsets.join(',')}` : '';
  return `${count} tools (${writes}${sets}); password values ${reveal ? 'revealable through get_password' : 'never returned'}`;
}

export async function runMcp(ctx: CliContext, flags: McpFlags): Promise<void> {
  const listing: ListingOptions = {
    allowWrites: flags.allowWrites === true,
    readOnly: flags.readOnly === true,
    toolsets: flags.toolsets !== undefined ? parseToolsets(flags.toolsets) : undefined,
  };
  const reveal = flags.allowPasswordReveal === true;
  const verbose = ctx.options.verbose === true;
  const common = {
    ...listing,
    allowPasswordReveal: reveal,
    dataDir: ctx.paths.dataDir,
    log: verbose ? say : undefined,
  };
  const waitMs = rateLimitWaitMs();

  if (!flags.http) {
    const client = ctx.client({ maxRateLimitWaitMs: waitMs });
    const apiKey = ctx.connection().apiKey as string;
    say(`stdio, ${client.baseUrl} with key ${client.keyFingerprint}: ${describeMode(listing, reveal)}`);
    await serveStdio({ ...common, apiKey, client });
    return;
  }

  if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got ${JSON.stringify(flags.port)}`);
  const { baseUrl } = ctx.connection();
  // One window per key for every replica that names the same store (redis://… behind a balancer).
  const rateStore = ctx.rateStore();
  const authToken = readAuthToken(flags, say);
  const tls = readTls(flags);
  const server = await startHttpServer({
    ...common,
    host: flags.host,
    port: Number(flags.port),
    authToken,
    tls,
    insecureHttp: flags.insecureHttp === true,
    maxBodyBytes: maxBodyBytes(flags),
    clientFor: (apiKey) =>
      new GlueKit({
        apiKey,
        baseUrl,
        logLevel: verbose ? 'debug' : 'warn',
        maxRateLimitWaitMs: waitMs,
        rateLimit: { store: rateStore },
      }),
  });
  process.stdout.write(`${server.url}\n`);
  for (const warning of server.warnings) say(warning);
  say(`Streamable HTTP at ${server.url} for ${baseUrl}: ${describeMode(listing, reveal)}`);
  say(
    `each key's rate budget is kept in ${rateStore.kind === 'memory' ? 'this process' : rateStore.description}`,
  );
  say('every request must carry its IT Glue API key in the x-api-key header; the server stores none');
  if (readEnv('ITGLUE_API_KEY'))
    say(`ITGLUE_API_KEY (${keyFingerprint(readEnv('ITGLUE_API_KEY') as string)}) is not used over HTTP`);
  say('a session opens only for a key IT Glue accepts (checked with one request, then remembered)');
  if (authToken !== undefined) say('every request must also present "Authorization: Bearer <token>"');
  else say('bound to loopback only; binding another address requires an auth token and TLS');
  await new Promise<void>((resolve) => {
    const stop = () => {
      void server.close().finally(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
