/** Prints an error for a person (one clear paragraph on stderr) and returns its exit code. */
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
import { ExitCode } from './exit-codes.js';

export function exitCodeFor(error: unknown): number {
  if (error instanceof ValidationError) return ExitCode.VALIDATION;
  if (error instanceof AuthenticationError) return ExitCode.AUTHENTICATION;
  if (error instanceof NotFoundError) return ExitCode.NOT_FOUND;
  if (error instanceof RateLimitError) return ExitCode.RATE_LIMITED;
  if (error instanceof AmbiguousWriteError) return ExitCode.CONFLICT;
  if (error instanceof RequestAbortedError) return ExitCode.INTERRUPTED;
  if (error instanceof ConfigurationError) return ExitCode.USAGE;
  if (error instanceof APIError) return ExitCode.API;
  return ExitCode.ERROR;
}

export function reportError(error: unknown): number {
  const message =
    error instanceof GlueKitError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`gluekit: ${message}\n`);
  return exitCodeFor(error);
}
