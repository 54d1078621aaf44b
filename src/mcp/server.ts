/**
 * The MCP server: the tools (from the operation table, the mirror views and the workflows) that
 * the options allow, each wrapped so that a call gets a client for its own key, its result passes
 * the secrets guard and its output schema, and any failure becomes a short `isError` result
 * carrying the CLI's error object (error-meta.ts). The transport (stdio.ts,
 * http.ts) decides where keys come from; this module never stores one.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GlueKit } from '../client.js';
import { keyFingerprint } from '../core/redact.js';
import { VERSION } from '../version.js';
import { errorMeta } from './error-meta.js';
import { PlanStore } from './plan-store.js';
import { errorResult, toolResult } from './results.js';
import { Revealed, type ToolContext, type ToolDefinition, type ToolSettings } from './tool.js';
import { applyTools } from './tools/apply.js';
import { operationTools } from './tools/operations.js';
import { onboardingPlanTools } from './tools/plan-onboarding.js';
import { passwordPlanTools } from './tools/plan-passwords.js';
import { planTools } from './tools/plans.js';
import { syncTools } from './tools/sync.js';
import { viewTools } from './tools/views.js';
import { type ListingOptions, selectTools, writesAllowed } from './toolsets.js';

/** What the SDK hands a tool handler (cancellation, and the auth the transport attached). */
export interface CallExtra {
  signal: AbortSignal;
  authInfo?: { token: string } | undefined;
}

export interface ServerOptions extends ListingOptions {
  /** --allow-password-reveal. */
  allowPasswordReveal?: boolean | undefined;
  /** The data directory: mirrors, the journal and the fingerprint key. */
  dataDir: string;
  /** Shared by every session of an HTTP server; one is made when not given. */
  plans?: PlanStore | undefined;
  /** The IT Glue key of this call: the one key over stdio, the request's x-api-key over HTTP. */
  keyOf: (extra: CallExtra) => string;
  /** A client for a key; the SDK shares the rate budget of a key across its clients. */
  clientFor: (apiKey: string) => GlueKit;
  /** One line per call (stderr); never the key, only its fingerprint. */
  log?: ((line: string) => void) | undefined;
}

let everyTool: ToolDefinition[] | undefined;

/** Every tool gluekit has, before the options choose. Built once: the schemas are static. */
export function allTools(): readonly ToolDefinition[] {
  everyTool ??= [
    ...operationTools(),
    ...viewTools(),
    ...syncTools(),
    ...planTools(),
    ...passwordPlanTools(),
    ...onboardingPlanTools(),
    ...applyTools(),
  ];
  return everyTool;
}

function instructions(options: ServerOptions): string {
  const writes = writesAllowed(options)
    ? 'Writes are enabled: plan first (plan_* tools), show the user the actions, and apply only what they approved.'
    : 'This server is read-only: it lists no tool that writes to IT Glue.';
  return [
    'gluekit: IT Glue for agents. Live tools (list_*, get_*) read IT Glue through a rate-limited client; lists are bounded, continue them with nextCursor.',
    'Mirror tools (search, org_brief, changes, coverage, stale_passwords, duplicate_contacts, orphans) answer from a local copy without spending the rate budget; call sync_mirror when a result says the mirror is stale or missing.',
    writes,
    'Password values are never returned, except by get_password with reveal: true on a server started with --allow-password-reveal.',
  ].join(' ');
}

export function createMcpServer(options: ServerOptions): McpServer {
  const settings: ToolSettings = {
    allowPasswordReveal: options.allowPasswordReveal === true,
    dataDir: options.dataDir,
    plans: options.plans ?? new PlanStore(),
  };
  const server = new McpServer(
    { name: 'gluekit', version: VERSION },
    { capabilities: { tools: {} }, instructions: instructions(options) },
  );
  for (const tool of selectTools(allTools(), options)) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { ...tool.annotations },
      },
      async (args: unknown, extra: CallExtra) => {
        const started = Date.now();
        let key: string | undefined;
        try {
          key = options.keyOf(extra);
          const apiKey = key;
          let client: GlueKit | undefined;
          const ctx: ToolContext = {
            client: () => {
              client ??= options.clientFor(apiKey);
              return client;
            },
            signal: extra.signal,
            settings,
          };
          const data = await tool.run(args as never, ctx);
          options.log?.(`${tool.name} ok ${Date.now() - started}ms key ${keyFingerprint(apiKey)}`);
          if (data instanceof Revealed) {
            return toolResult(data.data, { reveal: settings.allowPasswordReveal, scrub: [apiKey] });
          }
          return toolResult(data, { scrub: [apiKey] });
        } catch (error) {
          const kind = error instanceof Error ? error.name : 'Error';
          const who = key ? ` key ${keyFingerprint(key)}` : '';
          options.log?.(`${tool.name} failed (${kind}) ${Date.now() - started}ms${who}`);
          const scrub = key ? [key] : [];
          return { ...errorResult(error, scrub), _meta: errorMeta(error, scrub) };
        }
      },
    );
  }
  return server;
}
