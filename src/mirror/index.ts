/**
 * The local mirror: `syncMirror` copies a tenant into SQLite through the SDK; the views answer
 * fleet-wide questions from that copy without spending the rate budget.
 */

export type { FieldChange } from './diff.js';
export {
  MirrorBusyError,
  MirrorInputError,
  MirrorMissingError,
  MirrorSchemaError,
  MirrorTenantError,
} from './errors.js';
export { defaultMirrorPath } from './paths.js';
export {
  CHILD_RESOURCES,
  type ChildResource,
  MIRROR_RESOURCES,
  type MirrorResource,
  parseResource,
  parseResourceList,
} from './resources.js';
export { SCHEMA_VERSION } from './schema.js';
export {
  MirrorStore,
  type MirrorTenant,
  type OpenOptions,
  type PassState,
  type ResourceState,
} from './store.js';
export {
  type ResourceTally,
  type SyncFailure,
  type SyncOptions,
  type SyncProgress,
  type SyncSummary,
  syncMirror,
} from './sync.js';
export { lockForSync } from './sync-lock.js';
export { describeAge, parseDuration, parseDurationOption, parseSince } from './time.js';
export {
  type ChangeKind,
  type ChangesOptions,
  type ChangesResult,
  changes,
  type RecordChange,
} from './views/changes.js';
export { type OrganizationRef, resolveOrganization } from './views/common.js';
export {
  ARCHIVABLE_RESOURCES,
  type ArchivableResource,
  type CoverageOptions,
  coverage,
  type OrganizationCoverage,
  type RecordCounts,
  recordCounts,
} from './views/coverage.js';
export {
  type DuplicateContactOptions,
  type DuplicateGroup,
  type DuplicateMember,
  duplicateContacts,
} from './views/duplicate-contacts.js';
export { DEFAULT_MAX_AGE_MS, type MirrorFreshness, mirrorFreshness } from './views/freshness.js';
export {
  type OrganizationBrief,
  type OrganizationBriefOptions,
  organizationBrief,
} from './views/org-brief.js';
export { type Orphan, type OrphanOptions, orphans } from './views/orphans.js';
export { type SearchHit, type SearchOptions, search } from './views/search.js';
export {
  type StalePassword,
  type StalePasswordGroup,
  type StalePasswordOptions,
  stalePasswords,
} from './views/stale-passwords.js';
