/**
 * Reading a contact source: a file path (the CLI) or text already in memory (the MCP server's
 * inline CSV or JSON). Either way the result is canonical rows, the warnings, and the format,
 * with a note when `auto` chose it.
 */
import type { SourceWarning } from '../errors.js';
import { readSourceText, sourceTextFromString } from '../input.js';
import { readSource } from '../read.js';
import { CONTACT_CSV, CONTACT_JSON } from './canonical.js';
import { CONTACT_ENTRA } from './entra.js';
import { CONTACT_M365 } from './m365.js';
import type { ContactFormat, ContactReadOptions, ContactSourceRow } from './types.js';

export { type ProxyAddresses, parseProxyAddresses } from './proxy-addresses.js';
export type { ContactFormat, ContactReadOptions, ContactSourceRow } from './types.js';
export { CONTACT_FORMATS } from './types.js';

export interface ContactSource {
  format: ContactFormat;
  /** Set when `auto` chose the format: which one, and from which headers or keys. */
  detection?: string | undefined;
  rows: ContactSourceRow[];
  warnings: SourceWarning[];
  /** Columns with data that no field reads: the plan names them (their data is not synced). */
  unusedColumns: string[];
}

const SPECS = [CONTACT_CSV, CONTACT_M365, CONTACT_ENTRA, CONTACT_JSON];

/** Reads contacts from text in memory; `name` stands for the file in messages. */
export function parseContactSource(
  text: string,
  name: string,
  options: ContactReadOptions = {},
): ContactSource {
  const checked = sourceTextFromString(text, name, options);
  return readSource(checked, name, SPECS, options.format ?? 'auto', {});
}

/** Reads contacts from a CSV or JSON file. */
export async function readContactSource(
  path: string,
  options: ContactReadOptions = {},
): Promise<ContactSource> {
  const text = await readSourceText(path, options);
  return readSource(text, path, SPECS, options.format ?? 'auto', {});
}
