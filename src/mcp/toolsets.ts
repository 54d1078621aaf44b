/**
 * Which tools a server lists. Read-only by default: a tool that writes to IT Glue is listed only
 * with --allow-writes, and --read-only removes them whatever else is set. --toolsets narrows the
 * list to some families (organizations, contacts, ..., mirror, workflows); a tool may belong to
 * several (duplicate_contacts is both mirror and contacts). Nothing can widen what read-only hides.
 */
import { ConfigurationError } from '../core/errors.js';
import { isWriteTool, TOOLSETS, type ToolDefinition, type Toolset } from './tool.js';

export class ToolsetError extends ConfigurationError {
  override name = 'ToolsetError';
}

export interface ListingOptions {
  /** --allow-writes: list the tools that write to IT Glue. */
  allowWrites?: boolean | undefined;
  /** --read-only: never list them, whatever else says. */
  readOnly?: boolean | undefined;
  /** --toolsets: only these families (default: all). */
  toolsets?: readonly Toolset[] | undefined;
}

/** `contacts, mirror` → the toolsets; an unknown name is an error listing the known ones. */
export function parseToolsets(text: string): Toolset[] {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) throw new ToolsetError(`--toolsets is empty: name some of ${TOOLSETS.join(', ')}`);
  if (names.includes('all')) return [...TOOLSETS];
  const unknown = names.filter((name) => !(TOOLSETS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new ToolsetError(
      `Unknown toolset${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use some of ${TOOLSETS.join(', ')} (or all)`,
    );
  }
  return TOOLSETS.filter((toolset) => names.includes(toolset));
}

export function writesAllowed(options: ListingOptions): boolean {
  return options.allowWrites === true && options.readOnly !== true;
}

export function selectTools(tools: readonly ToolDefinition[], options: ListingOptions): ToolDefinition[] {
  const wanted = options.toolsets ? new Set<Toolset>(options.toolsets) : undefined;
  const writes = writesAllowed(options);
  return tools.filter(
    (tool) =>
      (writes || !isWriteTool(tool)) && (!wanted || tool.toolsets.some((toolset) => wanted.has(toolset))),
  );
}
