/**
 * Prints an error and returns its exit code: one clear paragraph for a person, or
 * `{"error": {code, status, message, details}}` (src/core/error-object.ts) on stderr when JSON
 * output is on. `status` is there only when IT Glue answered with one.
 */

import { errorObject } from '../core/error-object.js';
import {
  AmbiguousWriteError,
  APIError,
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  InputError,
  NotFoundError,
  RateLimitError,
  RequestAbortedError,
  ValidationError,
} from '../core/errors.js';
import { jsonForTerminal, terminalText } from '../core/terminal-text.js';
import { ExitCode } from './exit-codes.js';
import { cliMessage } from './words.js';

export function exitCodeFor(error: unknown): number {
  if (error instanceof ValidationError) return ExitCode.VALIDATION;
  if (error instanceof AuthenticationError) return ExitCode.AUTHENTICATION;
  if (error instanceof NotFoundError) return ExitCode.NOT_FOUND;
  if (error instanceof RateLimitError) return ExitCode.RATE_LIMITED;
  if (error instanceof AmbiguousWriteError) return ExitCode.CONFLICT;
  // A plan with conflicts: nothing was written.
  if (error instanceof ConflictError) return ExitCode.CONFLICT;
  if (error instanceof InputError) return ExitCode.INPUT;
  if (error instanceof RequestAbortedError) return ExitCode.INTERRUPTED;
  if (error instanceof ConfigurationError) return ExitCode.USAGE;
  if (error instanceof APIError) return ExitCode.API;
  return ExitCode.ERROR;
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
  const message = cliMessage(error);
  if (json) {
    const object = { ...errorObject(error), message };
    process.stderr.write(`${jsonForTerminal(JSON.stringify({ error: object }))}\n`);
  } else {
    process.stderr.write(`gluekit: ${terminalText(message)}\n`);
  }
  return code;
}
