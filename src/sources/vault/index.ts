/**
 * Reading a password-vault export: a file path (the CLI) or bytes or text already in memory (the
 * MCP server; a 1PUX export is a zip, so it needs bytes). Either way the result is VaultEntry rows
 * (non-logins and archived items included, with a skip reason), the warnings, and the format,
 * with a note when `auto` chose it.
 */
import { checkSourceSize, DEFAULT_MAX_BYTES, readSourceBytes, sourceTextFromString } from '../input.js';
import { readVault } from './read.js';
import type { VaultReadOptions, VaultSource } from './types.js';

export type { VaultEntry, VaultFormat, VaultKind, VaultReadOptions, VaultSource } from './types.js';
export { VAULT_FORMATS } from './types.js';

/** Reads a vault export held in memory; `name` stands for the file in messages. */
export function parseVaultSource(
  input: string | Uint8Array,
  name: string,
  options: VaultReadOptions = {},
): VaultSource {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof input === 'string') {
    return readVault({ text: sourceTextFromString(input, name, { maxBytes }) }, name, options, maxBytes);
  }
  checkSourceSize(name, input.byteLength, maxBytes);
  return readVault({ bytes: input }, name, options, maxBytes);
}

/** Reads a vault export file: CSV, JSON, KeePass XML or 1PUX. */
export async function readVaultSource(path: string, options: VaultReadOptions = {}): Promise<VaultSource> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = await readSourceBytes(path, { maxBytes }, 'a vault export');
  return readVault({ bytes }, path, options, maxBytes);
}
