/**
 * The one machine-readable form of an error, shared by every surface: the CLI prints it as
 * `{"error": …}` on stderr, the MCP server attaches it to an `isError` result. Agents and scripts
 * branch on `code` (the error's class name, stable across releases); `status` is the HTTP status
 * IT Glue answered, present only when it answered; `details` is whatever list the error carries
 * (input problems, conflicting actions, the fields IT Glue refused).
 */
import { AmbiguousWriteError, APIError, GlueKitError, RateLimitError, ValidationError } from './errors.js';
import type { NextStep } from './words.js';

export interface ErrorObject {
  code: string;
  /** The HTTP status of IT Glue's answer; absent when no answer was involved. */
  status?: number;
  message: string;
  details: unknown;
  /** What to do about it, as data (`{ do: 'sync' }`): the CLI names a command, MCP a tool. */
  next?: NextStep;
}

/** `NotFoundError`, `PlanConflictError`, …: every gluekit error's class name; anything else is a bug. */
export function errorCode(error: unknown): string {
  return error instanceof GlueKitError ? error.name : 'InternalError';
}

function details(error: unknown): unknown {
  // Workflow errors carry their list (input problems, conflicting actions) for agents to act on.
  if (error instanceof GlueKitError && 'problems' in error) return (error as { problems: unknown }).problems;
  if (error instanceof GlueKitError && 'conflicts' in error)
    return (error as { conflicts: unknown }).conflicts;
  if (error instanceof ValidationError) return error.fields;
  if (error instanceof AmbiguousWriteError) return { request: error.request, sent: error.sent };
  if (error instanceof RateLimitError) return { retryAt: error.retryAt?.toISOString() ?? null };
  if (error instanceof APIError) return error.errors;
  return undefined;
}

export function errorObject(error: unknown): ErrorObject {
  return {
    code: errorCode(error),
    // A check gluekit made before sending has status 0: no answer, so no status.
    ...(error instanceof APIError && error.status > 0 ? { status: error.status } : {}),
    message: error instanceof Error ? error.message : String(error),
    details: details(error) ?? null,
    ...(error instanceof GlueKitError && error.next ? { next: error.next } : {}),
  };
}
