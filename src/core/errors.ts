/**
 * The typed error hierarchy. Every class's `name` equals its class name, so errors survive
 * serialization and `instanceof` checks alike. No message ever contains the API key: messages
 * are built from method, path and the server's error list, and `scrubSecrets` runs over anything
 * that came from outside.
 */
import { describeErrors, type ErrorDetail } from '../jsonapi/errors.js';
import { type NextStep, SDK_WORDS, type Words } from './words.js';

export interface GlueKitErrorOptions extends ErrorOptions {
  /** What to do about it, as data (the surfaces name it: a CLI command, an MCP tool). */
  next?: NextStep | undefined;
}

export class GlueKitError extends Error {
  override name = 'GlueKitError';
  /** The message as words every surface renders its own way, when it names an option or a step. */
  readonly words: Words | undefined;
  readonly next: NextStep | undefined;

  /** `message` as text for every surface, or as `Words` when it names an option or a next step. */
  constructor(message?: string | Words, options?: GlueKitErrorOptions) {
    super(typeof message === 'function' ? message(SDK_WORDS) : message, options);
    this.words = typeof message === 'function' ? message : undefined;
    this.next = options?.next;
  }
}

/** The client is misconfigured: no key, an unknown region, plain http to a remote host. */
export class ConfigurationError extends GlueKitError {
  override name = 'ConfigurationError';
}

/**
 * Input a person gave is missing or wrong before anything is sent: a source file, an org or type
 * map, a template or vars file, a saved plan. The message names the file (and line, and field).
 * Surfaces tell it apart from a conflict or an API error by this class (the CLI exits 9).
 */
export class InputError extends GlueKitError {
  override name = 'InputError';
}

/**
 * Nothing was written because what would be written conflicts with what IT Glue holds now (a
 * plan's conflicting or changed records). Surfaces tell it apart by this class (the CLI exits 8).
 */
export class ConflictError extends GlueKitError {
  override name = 'ConflictError';
}

export interface RequestInfo {
  method: string;
  /** Path and query, without the host. */
  path: string;
  operationId?: string | undefined;
}

/** IT Glue answered with an error status. */
export class APIError extends GlueKitError {
  override name = 'APIError';
  readonly status: number;
  readonly errors: readonly ErrorDetail[];
  readonly request: RequestInfo;

  constructor(
    status: number,
    request: RequestInfo,
    errors: readonly ErrorDetail[],
    message?: string | Words,
    options?: GlueKitErrorOptions,
  ) {
    super(message ?? APIError.describe(status, request, errors), options);
    this.status = status;
    this.request = request;
    this.errors = errors;
  }

  static describe(status: number, request: RequestInfo, errors: readonly ErrorDetail[]): string {
    const details = errors.length > 0 ? `: ${describeErrors(errors)}` : '';
    return `IT Glue returned ${status} for ${request.method} ${request.path}${details}`;
  }
}

/** 400: a malformed request (bad page parameters, an unknown sort field). */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}

const WRONG_REGION_HINT =
  'Check the API key. IT Glue also answers 403 when the key belongs to another data centre, so check the ' +
  'region too ("us", "eu" or "au"; ITGLUE_REGION).';

/** 401 or 403: a missing, wrong, paused or revoked key, or a key for another region. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
  readonly hint = WRONG_REGION_HINT;
  constructor(status: number, request: RequestInfo, errors: readonly ErrorDetail[]) {
    // The server's detail may end with its own full stop: one is enough.
    const described = APIError.describe(status, request, errors).replace(/\.+$/, '');
    super(status, request, errors, `${described}. ${WRONG_REGION_HINT}`);
  }
}

/** 404: no such record, or no such route (IT Glue answers unknown routes with an HTML page). */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}

/**
 * The request is invalid: a 422 from IT Glue, or a check gluekit makes before sending (then
 * `status` is 0). `fields` lists each offending attribute with IT Glue's message.
 */
export class ValidationError extends APIError {
  override name = 'ValidationError';
  get fields(): Array<{ field: string; message: string }> {
    return this.errors
      .filter((error) => error.field !== undefined)
      .map((error) => ({
        field: error.field as string,
        message: [error.title, error.detail].filter(Boolean).join(': '),
      }));
  }

  /** A validation failure found before any request was sent; `next` when a step settles it. */
  static local(
    request: RequestInfo,
    field: string | undefined,
    message: string | Words,
    next?: NextStep,
  ): ValidationError {
    const words: Words = typeof message === 'function' ? message : () => message;
    const detail: ErrorDetail = { title: words(SDK_WORDS) };
    if (field !== undefined) detail.field = field;
    const where = field ? `${field}: ` : '';
    return new ValidationError(
      0,
      request,
      [detail],
      (say) => `Invalid ${request.method} ${request.path}: ${where}${words(say)}`,
      { next },
    );
  }
}

/** 429 after gluekit waited as long as it was allowed to. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /** When IT Glue said it will accept requests again, if it said. */
  readonly retryAt: Date | undefined;
  constructor(request: RequestInfo, errors: readonly ErrorDetail[], retryAt: Date | undefined) {
    const until = retryAt ? ` until ${retryAt.toISOString()}` : '';
    super(
      429,
      request,
      errors,
      `IT Glue rate limit (3000 requests per 5 minutes per key) reached for ${request.method} ${request.path}; rate-limited${until}.`,
    );
    this.retryAt = retryAt;
  }
}

/**
 * IT Glue answered with a redirect. gluekit never follows one: the request carries the API key,
 * and a redirect could take it (and a create's body) to any host, or to plain http.
 */
export class RedirectError extends APIError {
  override name = 'RedirectError';
  /** Where the redirect pointed, resolved against the request; undefined when it named nowhere. */
  readonly location: string | undefined;
  constructor(status: number, request: RequestInfo, location: string | undefined) {
    const where = location ? ` to ${location}` : '';
    super(
      status,
      request,
      [],
      `IT Glue answered ${status} for ${request.method} ${request.path} with a redirect${where}. gluekit does not follow redirects, because the request carries the API key: check the base URL (--base-url, ITGLUE_BASE_URL or ITGLUE_REGION).`,
    );
    this.location = location;
  }
}

/** 5xx after retries (reads and updates), or a 5xx on a create (see AmbiguousWriteError). */
export class ServerError extends APIError {
  override name = 'ServerError';
}

/** The connection failed (refused, reset, DNS) and retries did not help. */
export class ConnectionError extends GlueKitError {
  override name = 'ConnectionError';
  readonly request: RequestInfo;
  constructor(request: RequestInfo, message: string, options?: { cause?: unknown }) {
    super(`Could not reach IT Glue for ${request.method} ${request.path}: ${message}`, options);
    this.request = request;
  }
}

/** No response within the timeout. */
export class TimeoutError extends GlueKitError {
  override name = 'TimeoutError';
  readonly request: RequestInfo;
  readonly timeoutMs: number;
  constructor(request: RequestInfo, timeoutMs: number) {
    super(`IT Glue did not answer ${request.method} ${request.path} within ${timeoutMs} ms`);
    this.request = request;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class RequestAbortedError extends GlueKitError {
  override name = 'RequestAbortedError';
}

/**
 * The shared rate budget (a file or a Redis server, `rateLimit.store`) could not be read. No
 * request is sent without it: going on alone could overrun a budget that other processes spend.
 */
export class RateStoreError extends GlueKitError {
  override name = 'RateStoreError';
}

/**
 * A create whose outcome is unknown: the request was sent, then the connection dropped, timed
 * out, or the server failed. The record may exist. gluekit never re-sends a POST blindly: look the
 * record up by its natural key (email, serial, name) and retry only if it is not there.
 * `sent` holds the attributes that were sent, with secrets redacted.
 */
export class AmbiguousWriteError extends GlueKitError {
  override name = 'AmbiguousWriteError';
  readonly request: RequestInfo;
  readonly sent: Readonly<Record<string, unknown>> | undefined;
  constructor(
    request: RequestInfo,
    reason: string,
    sent: Record<string, unknown> | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `The outcome of ${request.method} ${request.path} is unknown (${reason}). The record may have been created: ` +
        'look it up by its natural key before trying again.',
      options,
    );
    this.request = request;
    this.sent = sent;
  }
}

/** A multi-step write stopped half-way (a document created, its content not yet written). */
export class PartialWriteError extends GlueKitError {
  override name = 'PartialWriteError';
  readonly completed: Readonly<Record<string, unknown>>;
  constructor(message: string, completed: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.completed = completed;
  }
}

/** The class for an HTTP error status. */
export function errorForStatus(
  status: number,
  request: RequestInfo,
  errors: readonly ErrorDetail[],
  message?: string,
): APIError {
  if (status === 400) return new BadRequestError(status, request, errors, message);
  if (status === 401 || status === 403) return new AuthenticationError(status, request, errors);
  if (status === 404) return new NotFoundError(status, request, errors, message);
  if (status === 422) return new ValidationError(status, request, errors, message);
  if (status >= 500) return new ServerError(status, request, errors, message);
  return new APIError(status, request, errors, message);
}
