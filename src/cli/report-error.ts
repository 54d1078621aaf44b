/**
 * Prints an error and returns its exit code: one clear paragraph for a person, or
 * `{"error": {code, status, message, details}}` (src/core/error-object.ts) on stderr when JSON
 * output is on.
 */

import { errorObject } from '../core/error-object.js';
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

export function reportError(error: unknown, json: boolean): number {
  const code = exitCodeFor(error);
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    process.stderr.write(`${jsonForTerminal(JSON.stringify({ error: errorObject(error) }))}\n`);
  } else {
    process.stderr.write(`gluekit: ${terminalText(message)}\n`);
  }
  return code;
}
