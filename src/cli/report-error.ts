/**
 * Prints an error and returns its exit code: one clear paragraph for a person, or
 * `{"error": {code, status, message, details}}` on stderr when JSON output is on. `status` is
 * there only when IT Glue answered with one.
 */
import {
  AmbiguousWriteError,
  APIError,
  AuthenticationError,
  ConfigurationError,
  GlueKitError,
  InputError,
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
  // A plan with conflicts: nothing was written.
  if (error instanceof GlueKitError && error.name === 'PlanConflictError') return ExitCode.CONFLICT;
  if (error instanceof InputError) return ExitCode.INPUT;
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

const UNREADABLE: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
};

/** A file named on the command line (`--org-map`, `--vars`…) that cannot be read is bad input. */
function asInputError(error: unknown): unknown {
  const system = error as NodeJS.ErrnoException | null;
  if (!(error instanceof Error) || typeof system?.code !== 'string' || typeof system.path !== 'string')
    return error;
  const why = UNREADABLE[system.code];
  return why ? new InputError(`Cannot read ${system.path}: ${why}. Check the path and run again.`) : error;
}

export function reportError(thrown: unknown, json: boolean): number {
  const error = asInputError(thrown);
  const code = exitCodeFor(error);
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    const body = {
      error: {
        code: error instanceof GlueKitError ? error.name : 'Error',
        // The HTTP status when IT Glue answered; a check made before sending has none.
        ...(error instanceof APIError && error.status > 0 ? { status: error.status } : {}),
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
