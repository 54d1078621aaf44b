/**
 * What can go wrong with a mirror before any request is sent: no mirror yet, a file from another
 * gluekit version or another tenant, or input a view cannot read. Each message says what, where
 * and what to do.
 */
import { ConfigurationError, GlueKitError } from '../core/errors.js';

/** There is no mirror at the path (a view needs one): run `gluekit sync` first. */
export class MirrorMissingError extends GlueKitError {
  override name = 'MirrorMissingError';
}

/** The file is not a mirror this gluekit can read (another schema version, or not a mirror at all). */
export class MirrorSchemaError extends GlueKitError {
  override name = 'MirrorSchemaError';
}

/** The mirror belongs to another base URL or key: syncing into it would mix two tenants. */
export class MirrorTenantError extends ConfigurationError {
  override name = 'MirrorTenantError';
}

/** Another process is syncing this mirror right now. */
export class MirrorBusyError extends GlueKitError {
  override name = 'MirrorBusyError';
}

/** A view's input is malformed (an unparseable `--since`, an unknown type, a bad number). */
export class MirrorInputError extends ConfigurationError {
  override name = 'MirrorInputError';
}
