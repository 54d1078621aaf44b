/**
 * The one row shape every contact source becomes. The contact-sync workflow reads only this, so
 * a new export format is a new reader and nothing else.
 */
import type { SourceRef } from '../errors.js';

export type ContactFormat = 'csv' | 'm365' | 'entra' | 'json';

export const CONTACT_FORMATS: readonly ContactFormat[] = ['csv', 'm365', 'entra', 'json'];

export interface ContactSourceRow {
  source: SourceRef;
  /** An IT Glue organization name or id, from an `organization` / `organization_id` column. */
  organization?: string;
  firstName?: string;
  lastName?: string;
  displayName?: string;
  /**
   * Every address of the person, primary first, trimmed and as written (case kept), de-duplicated
   * case-insensitively. Invalid addresses are left out with a warning.
   */
  emails: string[];
  title?: string;
  phone?: string;
  mobile?: string;
  contactType?: string;
  /** false = departed: canonical `active`, M365 "Block credential" = True, Entra accountEnabled = false. */
  active?: boolean;
  /**
   * Whether the person holds a licence: M365 "Licenses" (`Unlicensed` = false), Graph
   * `assignedLicenses`, a canonical `licensed` column; undefined when the source does not say.
   */
  licensed?: boolean;
  /** Group names from a `groups` column (`;`-separated) or Graph `memberOf`, for `--exclude group:`. */
  groups?: string[];
  /** The source's own id: Entra object id, or an `external_id` column. */
  externalId?: string;
  /** Rows that are not to be synced (guests, shared mailboxes, not people), with why. */
  skip?: { reason: string };
}

export interface ContactReadOptions {
  format?: 'auto' | ContactFormat;
  /** Refuse files larger than this many bytes (default 50 MB). */
  maxBytes?: number;
}
