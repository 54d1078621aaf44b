/**
 * What a tool is, before it meets the MCP SDK: a name, a strict zod input, the four annotations,
 * the toolsets it belongs to, and a handler that gets a client for the caller's own key. The
 * server (server.ts) decides which tools are listed and turns results and errors into MCP form.
 */
import type { z } from 'zod';
import type { GlueKit } from '../client.js';
import type { PlanStore } from './plan-store.js';

export const TOOLSETS = [
  'organizations',
  'contacts',
  'passwords',
  'configurations',
  'documents',
  'mirror',
  'workflows',
] as const;
export type Toolset = (typeof TOOLSETS)[number];

/** All four MCP hints, always set explicitly (an unset destructiveHint means "destructive"). */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** What the server was started with, as the tools see it. */
export interface ToolSettings {
  /** `--allow-password-reveal`: get_password may return a value when asked with `reveal: true`. */
  allowPasswordReveal: boolean;
  /** Where mirrors, the journal and the fingerprint key live (the CLI's data directory). */
  dataDir: string;
  /** Plans this server made, by id; shared by every session of the process. */
  plans: PlanStore;
}

/** One call: a client for the caller's key, its cancellation, and the settings. */
export interface ToolContext {
  client(): GlueKit;
  signal: AbortSignal | undefined;
  settings: ToolSettings;
}

export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  /** Strict: an unknown argument is an error, never passed on. */
  input: Input;
  /**
   * What `run` returns (after the secrets guard), listed as the tool's outputSchema and checked
   * by the server on every result (src/mcp/output-schemas.ts).
   */
  output: z.ZodObject;
  annotations: ToolAnnotations;
  toolsets: readonly Toolset[];
  run(args: z.output<Input>, ctx: ToolContext): Promise<unknown>;
}

/** A write to IT Glue (listed only with --allow-writes): anything not marked read-only. */
export function isWriteTool(tool: ToolDefinition): boolean {
  return !tool.annotations.readOnlyHint;
}

/** Declares a tool, keeping the handler's argument type tied to its schema. */
export function defineTool<Input extends z.ZodObject>(tool: ToolDefinition<Input>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

/**
 * A result that carries a revealed password value. Only get_password builds one, and only the
 * server decides (from --allow-password-reveal) whether it passes; everything else is stripped.
 */
export class Revealed {
  constructor(readonly data: unknown) {}
}
