/**
 * The one row shape every password-vault export becomes. The password-mirror workflow reads only
 * this, so a new vault format is a new reader and nothing else.
 */
import type { SourceRef, SourceWarning } from '../errors.js';

export type VaultFormat =
  | 'bitwarden-csv'
  | 'bitwarden-json'
  | 'keepass-xml'
  | 'keepassxc-csv'
  | 'keepass1-csv'
  | '1password-csv'
  | '1pux'
  | 'lastpass-csv'
  | 'itglue-csv'
  | 'json';

export const VAULT_FORMATS: readonly VaultFormat[] = [
  'bitwarden-csv',
  'bitwarden-json',
  'keepass-xml',
  'keepassxc-csv',
  'keepass1-csv',
  '1password-csv',
  '1pux',
  'lastpass-csv',
  'itglue-csv',
  'json',
];

export type VaultKind = 'login' | 'note' | 'card' | 'identity' | 'other';

export interface VaultEntry {
  /**
   * Where the entry is, for messages and for pairing a plan's action with its secret (so it is
   * unique within a file). Text formats give the 1-based physical line where the entry starts: the
   * CSV row, the JSON object, the KeePass `<Entry>` tag. A 1PUX file is a zip with no lines a user
   * could open, so there it is the 1-based number of the item in the export. A JSON or XML file
   * written on one line (minified) falls back to item numbers too, with a warning.
   */
  source: SourceRef;
  kind: VaultKind;
  /** Trimmed; '' only for an entry without a name, which is skipped. */
  name: string;
  username?: string;
  /** Byte-exact: never trimmed, decoded or sanitized (LastPass decoding is opt-in, see lastpass.ts). */
  password?: string;
  url?: string;
  /** Further URLs (IT Glue has one URL field; the planner adds these to the notes). */
  otherUrls?: string[];
  notes?: string;
  /** The OTP secret or `otpauth://` URI as found; `normalizeOtp` checks it. */
  otp?: string;
  /**
   * What the vault groups entries by, for --org-map: a Bitwarden collection (or else folder), a
   * KeePass group path below the root group, a 1Password vault, a LastPass grouping, an IT Glue
   * password folder. Paths are joined with '/'.
   */
  container?: string;
  /** The folder or group path inside the vault, when the format has one. */
  folder?: string;
  /** An IT Glue password category name (itglue-csv, json). */
  category?: string;
  /** An IT Glue organization name or id (itglue-csv, json). */
  organization?: string;
  /**
   * Extra fields shown in plain text by the vault. Fields the vault marks as concealed (Bitwarden
   * hidden fields, 1Password concealed fields, KeePass protected strings) are left out: nothing
   * downstream treats custom fields as secrets.
   */
  customFields?: Array<{ name: string; value: string }>;
  /** When the entry last changed, as an ISO 8601 UTC string. */
  modifiedAt?: string;
  /** Entries that are not imported (notes, cards, archived or deleted items, no name), with why. */
  skip?: { reason: string };
}

export interface VaultReadOptions {
  format?: 'auto' | VaultFormat;
  /**
   * Decode HTML entities (`&amp;` → `&`) in every field of a LastPass CSV, the password included:
   * the LastPass browser extension escapes them all. Off by default, because a literal `&amp;`
   * cannot be told apart from an escaped `&`.
   */
  unescapeLastPass?: boolean;
  /** Refuse files larger than this many bytes (default 50 MB). */
  maxBytes?: number;
}

export interface VaultSource {
  format: VaultFormat;
  /** Set when `auto` chose the format: which one, and from what. */
  detection?: string | undefined;
  rows: VaultEntry[];
  warnings: SourceWarning[];
}
