/**
 * Prints an error and returns its exit code: one clear paragraph for a person, or
 * `{"error": {code, status, message, details}}` on stderr when JSON output is on.
 */
import {
  AmbiguousWriteError,
  APIError,
  AuthenticationError,
  ConfigurationError,
  GlueKitError,
  NotFoundError,
  RateLimitError,
  RequestAbortedError,
  ValidationError,
} from '../core/errors.js';
import { jsonForTerminal, terminalText } from '../core/terminal-text.js';
import { ExitCode } from './exit-codes.js';

export function exitCodeFor(error: unknown): number {
  if (error instanceof ValidationError) return ExitCode.VALIDATION;
  if (error instanceof AuthenticationError) return ExitCode.AUTHENTICATION;
  if (error instanceof NotFoundError) return ExitCode.NOT_FOUND;
  if (error instanceof RateLimitError) return ExitCode.RATE_LIMITED;
  if (error instanceof AmbiguousWriteError) return ExitCode.CONFLICT;
  // A plan with conflicts or input problems: nothing was written.
  if (
    error instanceof GlueKitError &&
    ['PlanConflictError', 'PlanInputError', 'SourceInputError'].includes(error.name)
  ) {
    return ExitCode.CONFLICT;
  }
  if (error instanceof RequestAbortedError) return ExitCode.INTERRUPTED;
  if (error instanceof ConfigurationError) return ExitCode.USAGE;
  if (error instanceof APIError) return ExitCode.API;
  return ExitCode.ERROR;
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

export function reportError(error: unknown, json: boolean): number {
  const code = exitCodeFor(error);
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    const body = {
      error: {
        code: error instanceof GlueKitError ? error.name : 'Error',
        status: error instanceof APIError ? error.status : null,
        message,
        details: details(error) ?? null,
      },
    };
    process.stderr.write(`${jsonForTerminal(JSON.stringify(body))}\n`);
  } else {
    process.stderr.write(`gluekit: ${terminalText(message)}\n`);
  }
  return code;
}
