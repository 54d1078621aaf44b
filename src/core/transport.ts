/**
 * The request loop: one place that sends a request to IT Glue, waits for the rate budget, retries
 * what is safe to retry and turns everything else into a typed error.
 *
 * What happens to a failure (see retry.ts for the pure rules):
 * - 429: wait (Retry-After, or until our window frees, or a growing pause) and re-send, for any
 *   method, up to `maxRateLimitWaitMs` in total; then RateLimitError.
 * - 5xx, timeout, dropped connection: GET and PATCH are retried with jittered backoff; a POST
 *   becomes AmbiguousWriteError, never a second POST.
 * - Other 4xx: the matching APIError subclass, at once.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import { parseJson, stringifyJsonApi } from '../jsonapi/json.js';
import { keyForms } from './api-key.js';
import { requestUrl } from './destination.js';
import {
  AmbiguousWriteError,
  ConnectionError,
  RateLimitError,
  RequestAbortedError,
  type RequestInfo,
  TimeoutError,
} from './errors.js';
import type { HttpFetch, HttpRequestInit, HttpResponse } from './http.js';
import type { AdaptiveInFlight } from './in-flight.js';
import type { Logger } from './log.js';
import type { RateBudget } from './rate-budget.js';
import { redactSecrets, scrubError } from './redact.js';
import { errorDetails, redirectError, statusError } from './response-errors.js';
import {
  backoffDelay,
  decideRetry,
  describeNetworkError,
  type Failure,
  parseRetryAfter,
  wasNeverSent,
} from './retry.js';
import type { Semaphore } from './semaphore.js';
import { Waits } from './sleep.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

export interface TransportConfig {
  apiKey: string;
  baseUrl: string;
  fetch: HttpFetch;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxRateLimitWaitMs: number;
  budget: RateBudget | null;
  semaphore: Semaphore;
  /** Sizes the semaphore from measured latency; null when the caller fixed `concurrency`. */
  inFlight: AdaptiveInFlight | null;
  logger: Logger;
  userAgent: string;
}

/** Per-call options every SDK method accepts. */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** Per attempt, in milliseconds. */
  timeoutMs?: number | undefined;
  /** Retries after a 5xx or a network error (GET and PATCH only). */
  maxRetries?: number | undefined;
}

export interface TransportRequest {
  method: HttpMethod;
  /** A path with its query (`/contacts?filter[id]=1`); see destination.ts for what may be sent. */
  target: string;
  /** A JSON:API document; serialized so `*-id` attributes go out as exact numbers. */
  body?: unknown;
  operationId?: string | undefined;
}

export interface TransportResponse {
  status: number;
  headers: HttpResponse['headers'];
  body: unknown;
}

type AttemptResult = { response: HttpResponse; text: string } | { failure: Failure; cause?: unknown };

const JSONAPI_MEDIA_TYPE = 'application/vnd.api+json';

export class Transport {
  // A private field, so neither util.inspect nor JSON.stringify of a client can reach the key.
  readonly #config: TransportConfig;
  /** The key in every form a server might echo it in; scrubbed from anything that leaves here. */
  readonly #secrets: readonly string[];

  constructor(config: TransportConfig) {
    this.#config = config;
    this.#secrets = keyForms(config.apiKey);
  }

  get baseUrl(): string {
    return this.#config.baseUrl;
  }

  /** The client's retry allowance, for callers that look again after an unknown outcome. */
  get maxRetries(): number {
    return this.#config.maxRetries;
  }

  /** Requests this client lets in flight at once, now. */
  get inFlightLimit(): number {
    return this.#config.semaphore.size;
  }

  async request(req: TransportRequest, options: RequestOptions = {}): Promise<TransportResponse> {
    try {
      return await this.send(req, options);
    } catch (error) {
      // Node's own errors and a server's echo can both hold the key: none leaves with it.
      throw scrubError(error, this.#secrets);
    }
  }

  private async send(req: TransportRequest, options: RequestOptions): Promise<TransportResponse> {
    const url = requestUrl(this.#config.baseUrl, req.target, req.method);
    const info: RequestInfo = {
      method: req.method,
      path: url.pathname + url.search,
      operationId: req.operationId,
    };
    const bodyText = req.body === undefined ? undefined : stringifyJsonApi(req.body);
    if (options.signal) allowSharedSignal(options.signal);
    // Every wait of this request (retries, 429s) under one abort listener, off when it ends.
    const waits = new Waits(options.signal);
    try {
      return await this.sendWithRetries(req, url, info, bodyText, options, waits);
    } finally {
      waits.done();
    }
  }

  private async sendWithRetries(
    req: TransportRequest,
    url: URL,
    info: RequestInfo,
    bodyText: string | undefined,
    options: RequestOptions,
    waits: Waits,
  ): Promise<TransportResponse> {
    const maxRetries = options.maxRetries ?? this.#config.maxRetries;
    const timeoutMs = options.timeoutMs ?? this.#config.timeoutMs;
    let attempt = 0;
    let rateLimited = 0;
    let rateLimitWaitedMs = 0;

    for (;;) {
      const started = Date.now();
      const result = await this.attemptOnce(url, req.method, bodyText, options.signal, timeoutMs);
      const elapsed = Date.now() - started;

      if ('response' in result) {
        const { response, text } = result;
        this.#config.logger.debug(`${req.method} ${info.path} ${response.status}`, {
          ms: elapsed,
          attempt: attempt + 1,
        });
        if (response.ok) {
          const body = this.parseBody(text);
          if (body !== INVALID) return { status: response.status, headers: response.headers, body };
          // A 2xx we cannot read: for a create, the record may exist.
          const decision = decideRetry(req.method, { kind: 'network', sent: true }, attempt, maxRetries);
          if (decision === 'ambiguous') throw this.ambiguous(info, 'the response could not be read', req);
          if (decision === 'fail')
            throw new ConnectionError(info, 'IT Glue sent a response that is not valid JSON');
        } else if (isRedirect(response.status)) {
          throw redirectError(response, url, info, this.#secrets);
        } else if (response.status === 429) {
          const waitMs = await this.rateLimitWait(response.headers, rateLimited++);
          if (rateLimitWaitedMs + waitMs > this.#config.maxRateLimitWaitMs) {
            throw new RateLimitError(info, errorDetails(text, this.#secrets), new Date(Date.now() + waitMs));
          }
          rateLimitWaitedMs += waitMs;
          // Every process sharing the window waits too, not only this request.
          if (waitMs > 0) await this.#config.budget?.pause(waitMs);
          this.#config.logger.warn(`rate limited on ${req.method} ${info.path}; waiting ${waitMs} ms`);
          await waits.sleep(waitMs);
          continue;
        } else {
          const decision = decideRetry(
            req.method,
            { kind: 'status', status: response.status },
            attempt,
            maxRetries,
          );
          const error = statusError(response, text, info, this.#secrets);
          if (decision === 'ambiguous')
            throw this.ambiguous(info, `IT Glue answered ${response.status}`, req, error);
          if (decision === 'fail') throw error;
        }
      } else {
        const { failure, cause } = result;
        const decision = decideRetry(req.method, failure, attempt, maxRetries);
        if (decision === 'ambiguous') {
          const reason =
            failure.kind === 'timeout' ? `no answer within ${timeoutMs} ms` : 'the connection dropped';
          throw this.ambiguous(info, reason, req, cause);
        }
        if (decision === 'fail') {
          if (failure.kind === 'timeout') throw new TimeoutError(info, timeoutMs);
          throw new ConnectionError(info, describeNetworkError(cause), { cause });
        }
      }

      const delay = backoffDelay(attempt, this.#config.retryBaseDelayMs, this.#config.retryMaxDelayMs);
      this.#config.logger.warn(`retrying ${req.method} ${info.path} in ${delay} ms`, {
        attempt: attempt + 1,
      });
      attempt++;
      await waits.sleep(delay);
    }
  }

  private async attemptOnce(
    url: URL,
    method: HttpMethod,
    bodyText: string | undefined,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<AttemptResult> {
    const release = await this.#config.semaphore.acquire(callerSignal);
    const budget = this.#config.budget;
    let slot: string | undefined;
    try {
      slot = await budget?.acquire(callerSignal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      const headers: Record<string, string> = {
        'x-api-key': this.#config.apiKey,
        accept: JSONAPI_MEDIA_TYPE,
        'user-agent': this.#config.userAgent,
      };
      if (bodyText !== undefined) headers['content-type'] = JSONAPI_MEDIA_TYPE;
      try {
        // A redirect is never followed: it would carry the key (and a create's body) to wherever
        // it points. node:http never follows one; a fetch passed as an option is told not to.
        // It comes back as a response, and becomes a RedirectError.
        const init: HttpRequestInit = { method, headers, signal, redirect: 'manual' };
        if (bodyText !== undefined) init.body = bodyText;
        // hrtime, not performance.now(): the first touch of `performance` loads eight of Node's
        // modules, a cost every short CLI call would pay.
        const sent = process.hrtime.bigint();
        const response = await this.#config.fetch(url, init);
        const text = await response.text();
        this.#config.inFlight?.observe(Number(process.hrtime.bigint() - sent) / 1e6);
        return { response, text };
      } catch (error) {
        if (callerSignal?.aborted) throw new RequestAbortedError('The request was aborted');
        if (timeout.aborted) return { failure: { kind: 'timeout' } };
        return { failure: { kind: 'network', sent: !wasNeverSent(error) }, cause: error };
      }
    } finally {
      // IT Glue counted this request when it arrived, no later than now: from now on is safe.
      if (slot !== undefined) budget?.settle(slot);
      release();
    }
  }

  private parseBody(text: string): unknown {
    if (text.trim() === '') return null;
    try {
      return parseJson(text);
    } catch {
      return INVALID;
    }
  }

  /**
   * How long to wait after a 429: what Retry-After says; else nothing more when our own window is
   * full (the budget holds the retry until a slot frees); else (another integration spends the
   * same key) a pause that doubles from 2 s up to a minute.
   */
  private async rateLimitWait(headers: HttpResponse['headers'], previous429s: number): Promise<number> {
    const retryAfter = parseRetryAfter(headers.get('retry-after'), Date.now());
    if (retryAfter !== undefined) return Math.max(retryAfter, 100);
    const budget = this.#config.budget;
    if (budget && (await budget.usage()).used >= budget.limit) return 0;
    return Math.min(60_000, 2000 * 2 ** previous429s);
  }

  private ambiguous(
    info: RequestInfo,
    reason: string,
    req: TransportRequest,
    cause?: unknown,
  ): AmbiguousWriteError {
    const data = (req.body as { data?: { attributes?: Record<string, unknown> } } | undefined)?.data;
    const sent = data?.attributes ? redactSecrets(data.attributes) : undefined;
    this.#config.logger.warn(`outcome unknown for ${info.method} ${info.path}: ${reason}`);
    return new AmbiguousWriteError(info, reason, sent, { cause });
  }
}

const INVALID = Symbol('invalid-json');

/**
 * One signal often serves every request of a job (a sync keeps dozens in line at once), and each
 * request waiting for a slot holds a listener on it until it is served. That is not a leak, so
 * Node's warning at 11 listeners is raised for such a signal.
 */
const SHARED_SIGNAL_LISTENERS = 1000;

function allowSharedSignal(signal: AbortSignal): void {
  if (getMaxListeners(signal) < SHARED_SIGNAL_LISTENERS) setMaxListeners(SHARED_SIGNAL_LISTENERS, signal);
}

const isRedirect = (status: number) => status >= 300 && status < 400;
