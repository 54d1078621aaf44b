/**
 * The one row shape every device source becomes, for the configuration-import workflow.
 */
import type { SourceRef } from '../errors.js';

export type ConfigurationFormat = 'csv' | 'ninjaone' | 'datto' | 'intune' | 'json';

export const CONFIGURATION_FORMATS: readonly ConfigurationFormat[] = [
  'csv',
  'ninjaone',
  'datto',
  'intune',
  'json',
];

export interface ConfigurationSourceRow {
  source: SourceRef;
  /** An IT Glue organization name or id (RMM sources: the organization or site name, or the organization map). */
  organization?: string;
  name?: string;
  hostname?: string;
  /** As written: a string, never a number, leading zeros kept. Junk serials are kept too; the matcher ignores them. */
  serialNumber?: string;
  assetTag?: string;
  macAddress?: string;
  primaryIp?: string;
  /**
   * A configuration type name or id, or the RMM's device class (NinjaOne `nodeClass`, Datto
   * `deviceType.category`, Intune `chassisType`/`deviceType`) for a --type-map.
   */
  type?: string;
  manufacturer?: string;
  model?: string;
  os?: string;
  /** The organization's location by name (canonical `location`, NinjaOne's location name). */
  location?: string;
  notes?: string;
  /** The source's own device id (NinjaOne id, Datto uid, Intune id, an `external_id` column). */
  externalId?: string;
  /**
   * The primary user's UPN (Intune, a canonical `primary_user` column), for linking the contact.
   * NinjaOne's and Datto's last logged-in user is a Windows account (`DOMAIN\name`), not a person's
   * address, so those sources name none.
   */
  primaryUser?: string;
  /** The primary user's email address, when the source gives it apart from the UPN (Intune CSV). */
  primaryUserEmail?: string;
}

export interface ConfigurationReadOptions {
  format?: 'auto' | ConfigurationFormat;
  /** Refuse files larger than this many bytes (default 50 MB). */
  maxBytes?: number;
  /**
   * RMM organization or site → IT Glue organization (name or id). Keys are matched against the
   * source's organization id first (NinjaOne `organizationId`, Datto `siteUid`), then its name.
   */
  organizationMap?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}
