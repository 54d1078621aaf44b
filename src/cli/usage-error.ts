import { ConfigurationError } from '../core/errors.js';

/** The command line is wrong: a bad flag value, an unknown attribute, a missing argument. Exit 2. */
export class UsageError extends ConfigurationError {
  override name = 'UsageError';
}
