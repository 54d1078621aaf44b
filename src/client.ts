/**
 * `GlueKit`: the IT Glue client. Options fall back to the environment (`ITGLUE_API_KEY`,
 * `ITGLUE_REGION`, `ITGLUE_BASE_URL`), then to defaults.
 *
 *   const client = new GlueKit({ apiKey, region: 'eu' });
 *   for await (const org of client.organizations.list()) console.log(org.name);
 */
import { checkApiKey } from './core/api-key.js';
import { resolveBaseUrl } from './core/config.js';
import { readEnv } from './core/env.js';
import { ConfigurationError } from './core/errors.js';
import { type HttpFetch, nodeHttpFetch } from './core/http.js';
import { createLogger, isLogLevel, type Logger, type LogLevel, redactingLogger } from './core/log.js';
import { budgetFor, DEFAULT_RATE_LIMIT, type RateBudget, type RateLimitOptions } from './core/rate-budget.js';
import { keyFingerprint } from './core/redact.js';
import { Requester } from './core/requester.js';
import { Semaphore } from './core/semaphore.js';
import { Transport } from './core/transport.js';
import { Configurations } from './resources/configurations.js';
import { Contacts } from './resources/contacts.js';
import { Documents } from './resources/documents.js';
import { Lookups } from './resources/lookups.js';
import { Organizations } from './resources/organizations.js';
import { Passwords } from './resources/passwords.js';
import { MAX_PAGE_SIZE } from './spec/params.js';
import { VERSION } from './version.js';

export interface ClientOptions {
  /** The IT Glue API key. Default: `ITGLUE_API_KEY`. */
  apiKey?: string | undefined;
  /** `us`, `eu` or `au`. Default: `ITGLUE_REGION`, else `us`. */
  region?: string | undefined;
  /** Overrides the region, e.g. a local emulator. Default: `ITGLUE_BASE_URL`. */
  baseUrl?: string | undefined;
  /** Per attempt. Default 60 000 ms. */
  timeoutMs?: number | undefined;
  /** Retries of a GET or PATCH after a 5xx or a network error. Default 4. */
  maxRetries?: number | undefined;
  /** Requests in flight at once. Default 4. */
  concurrency?: number | undefined;
  /** The client-side budget (default 3000 per 300 s, shared per key in this process), or false. */
  rateLimit?: Partial<RateLimitOptions> | false | undefined;
  /** How long a call may wait out 429s in total before RateLimitError. Default 10 minutes. */
  maxRateLimitWaitMs?: number | undefined;
  /** Base of the jittered backoff between retries. Default 500 ms, capped at 8 s. */
  retryBaseDelayMs?: number | undefined;
  retryMaxDelayMs?: number | undefined;
  /** List page size when a call gives none. Default 1000, IT Glue's maximum. */
  pageSize?: number | undefined;
  /** A logger of your own (it only ever sees redacted lines), or a level for stderr. Default: `GLUEKIT_LOG`, else off. */
  logger?: Logger | undefined;
  logLevel?: LogLevel | undefined;
  /**
   * A fetch implementation (tests, proxies): the global fetch, or anything of its shape. Default:
   * Node's own http/https (see core/http.ts for why not the global fetch).
   */
  fetch?: HttpFetch | undefined;
}

/** Retries of a GET or PATCH when the caller sets none; also the allowance of every "look again" loop. */
export const DEFAULT_MAX_RETRIES = 4;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new ConfigurationError(`${name} must be a non-negative number`);
  return value;
}

export class GlueKit {
  readonly organizations: Organizations;
  readonly contacts: Contacts;
  readonly passwords: Passwords;
  readonly configurations: Configurations;
  readonly documents: Documents;
  /** Real IT Glue's lookup lists (contact types, configuration types, ...): names to ids. */
  readonly lookups: Lookups;
  /** Where requests go, e.g. `https://api.eu.itglue.com`. */
  readonly baseUrl: string;
  /** Identifies the key without revealing it (`sha256:…`). */
  readonly keyFingerprint: string;
  /**
   * Retries of a GET or PATCH (the `maxRetries` option). Code that looks again after a write's
   * outcome was unknown (a document's sections, a workflow's creates) takes its allowance from it.
   */
  readonly maxRetries: number;
  readonly #budget: RateBudget | null;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('ITGLUE_API_KEY');
    if (!apiKey) {
      throw new ConfigurationError(
        'Missing IT Glue API key: pass apiKey to new GlueKit(), or set ITGLUE_API_KEY. (For a local emulator, run `gluekit emulator --env`.)',
      );
    }
    checkApiKey(apiKey);
    this.baseUrl = resolveBaseUrl(
      options.region ?? readEnv('ITGLUE_REGION'),
      options.baseUrl ?? readEnv('ITGLUE_BASE_URL'),
    );
    this.keyFingerprint = keyFingerprint(apiKey);
    const pageSize = positive('pageSize', options.pageSize, MAX_PAGE_SIZE);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ConfigurationError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    this.maxRetries = positive('maxRetries', options.maxRetries, DEFAULT_MAX_RETRIES);
    const rateLimit = options.rateLimit === false ? null : { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
    this.#budget = rateLimit ? budgetFor(`${this.keyFingerprint} ${this.baseUrl}`, rateLimit) : null;
    const envLevel = readEnv('GLUEKIT_LOG');
    const level = options.logLevel ?? (isLogLevel(envLevel) ? envLevel : 'off');
    const logger = options.logger ? redactingLogger(options.logger, [apiKey]) : createLogger(level, [apiKey]);
    const transport = new Transport({
      apiKey,
      baseUrl: this.baseUrl,
      fetch: options.fetch ?? nodeHttpFetch,
      timeoutMs: positive('timeoutMs', options.timeoutMs, 60_000),
      maxRetries: this.maxRetries,
      retryBaseDelayMs: positive('retryBaseDelayMs', options.retryBaseDelayMs, 500),
      retryMaxDelayMs: positive('retryMaxDelayMs', options.retryMaxDelayMs, 8000),
      maxRateLimitWaitMs: positive('maxRateLimitWaitMs', options.maxRateLimitWaitMs, 600_000),
      budget: this.#budget,
      semaphore: new Semaphore(Math.max(1, Math.floor(positive('concurrency', options.concurrency, 4)))),
      logger,
      userAgent: `gluekit/${VERSION} node/${process.versions.node}`,
    });
    const ctx = { requester: new Requester(transport), pageSize };
    this.organizations = new Organizations(ctx);
    this.contacts = new Contacts(ctx);
    this.passwords = new Passwords(ctx);
    this.configurations = new Configurations(ctx);
    this.documents = new Documents(ctx);
    this.lookups = new Lookups(ctx);
  }

  /** What is left of this key's client-side budget in the current window. */
  rateBudget(): { limit: number; windowMs: number; used: number; remaining: number } | null {
    const budget = this.#budget;
    if (!budget) return null;
    return {
      limit: budget.limit,
      windowMs: budget.windowMs,
      used: budget.used(),
      remaining: budget.remaining(),
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `GlueKit { baseUrl: '${this.baseUrl}', key: '${this.keyFingerprint}' }`;
  }
}
