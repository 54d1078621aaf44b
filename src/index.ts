/**
 * gluekit: the IT Glue SDK. Every operation of the seed document (spec/itglue.openapi.yaml) is
 * reachable from `GlueKit`, with the document's names and real IT Glue's wire.
 */
export { type ClientOptions, GlueKit, type RateBudgetStatus, type RateLimitSettings } from './client.js';
export type { Dialect } from './compat/dialect.js';
export { REGION_BASE_URLS, type Region } from './core/config.js';
export {
  AmbiguousWriteError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  GlueKitError,
  NotFoundError,
  PartialWriteError,
  RateLimitError,
  RateStoreError,
  RedirectError,
  RequestAbortedError,
  type RequestInfo,
  ServerError,
  TimeoutError,
  ValidationError,
} from './core/errors.js';
export type { Logger, LogLevel } from './core/log.js';
export { Page, PagePromise } from './core/pagination.js';
export type { RateLimitOptions } from './core/rate-budget.js';
export type {
  Admission,
  RateStore,
  RateStoreKind,
  RateUsage,
  RateWindow,
} from './core/rate-store.js';
export { closeRateStores } from './core/rate-stores/open.js';
export { keyFingerprint, redactSecrets } from './core/redact.js';
export type { RequestOptions } from './core/transport.js';
export type { ErrorDetail } from './jsonapi/errors.js';
export type { ListLinks, ListMeta } from './jsonapi/types.js';
export type * from './resources/configurations.js';
export type * from './resources/contacts.js';
export type * from './resources/documents.js';
export type { LookupEntry, LookupList } from './resources/lookups.js';
export type * from './resources/organization-configurations.js';
export type * from './resources/organization-contacts.js';
export type * from './resources/organization-documents.js';
export type * from './resources/organizations.js';
export type * from './resources/passwords.js';
export type { SectionInput } from './resources/section-rendering.js';
export { type OperationId, operations } from './spec/index.js';
export type * from './spec/models.js';
export { VERSION } from './version.js';
