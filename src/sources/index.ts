/**
 * Input readers: contact and device exports (CSV or JSON, auto-detected) and password-vault
 * exports (CSV, JSON, KeePass XML, 1PUX) to canonical rows, the CSV parser under them, and the
 * normalizers the workflows match with.
 */

export * from '../normalize/keys.js';
export * from './configurations/index.js';
export * from './contacts/index.js';
export {
  type CsvDelimiter,
  type CsvOptions,
  CsvReader,
  type CsvRecord,
  detectDelimiter,
  iterateCsv,
  parseCsv,
} from './csv.js';
export {
  describeSourceProblem,
  SourceInputError,
  type SourceProblem,
  type SourceRef,
  type SourceWarning,
} from './errors.js';
export { headerKey } from './headers.js';
export { DEFAULT_MAX_BYTES, decodeSourceBytes, readSourceText, sourceTextFromString } from './input.js';
export { parseJsonRecords } from './json.js';
export {
  parseVaultSource,
  readVaultSource,
  VAULT_FORMATS,
  type VaultEntry,
  type VaultFormat,
  type VaultKind,
  type VaultReadOptions,
  type VaultSource,
} from './vault/index.js';
