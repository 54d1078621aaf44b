/**
 * Reading a device source: a file path (the CLI) or text already in memory (the MCP server).
 * The result is canonical rows, the warnings, and the format, with a note when `auto` chose it.
 */
import type { SourceWarning } from '../errors.js';
import { readSourceText, sourceTextFromString } from '../input.js';
import { readSource } from '../read.js';
import { CONFIGURATION_CSV, CONFIGURATION_JSON } from './canonical.js';
import { CONFIGURATION_DATTO } from './datto.js';
import { CONFIGURATION_INTUNE } from './intune.js';
import { CONFIGURATION_NINJAONE } from './ninjaone.js';
import type { ConfigurationFormat, ConfigurationReadOptions, ConfigurationSourceRow } from './types.js';

export type { ConfigurationFormat, ConfigurationReadOptions, ConfigurationSourceRow } from './types.js';
export { CONFIGURATION_FORMATS } from './types.js';

export interface ConfigurationSource {
  format: ConfigurationFormat;
  /** Set when `auto` chose the format: which one, and from which headers or keys. */
  detection?: string | undefined;
  rows: ConfigurationSourceRow[];
  warnings: SourceWarning[];
}

const SPECS = [
  CONFIGURATION_CSV,
  CONFIGURATION_NINJAONE,
  CONFIGURATION_DATTO,
  CONFIGURATION_INTUNE,
  CONFIGURATION_JSON,
];

/** Reads devices from text in memory; `name` stands for the file in messages. */
export function parseConfigurationSource(
  text: string,
  name: string,
  options: ConfigurationReadOptions = {},
): ConfigurationSource {
  const checked = sourceTextFromString(text, name, options);
  return readSource(checked, name, SPECS, options.format ?? 'auto', options);
}

/** Reads devices from a CSV or JSON file. */
export async function readConfigurationSource(
  path: string,
  options: ConfigurationReadOptions = {},
): Promise<ConfigurationSource> {
  const text = await readSourceText(path, options);
  return readSource(text, path, SPECS, options.format ?? 'auto', options);
}
