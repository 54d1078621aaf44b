/** The configuration import's options, declared once for the CLI and MCP (see ../options.ts). */
import { CONFIGURATION_FORMATS } from '../../sources/configurations/types.js';
import {
  defineWorkflow,
  lookupOption,
  mapOption,
  type OptionValues,
  ORGANIZATION_OPTION,
  pickOptions,
  SOURCE_ID_OPTION,
  switchOption,
} from '../options.js';
import type { ConfigurationImportOptions } from './workflow.js';

export const CONFIGURATION_IMPORT = defineWorkflow({
  name: 'configurations',
  formats: CONFIGURATION_FORMATS,
  options: {
    organization: ORGANIZATION_OPTION,
    type: lookupOption('The configuration type (name or id) for rows that name none.'),
    typeMap: mapOption(
      'Source device classes to IT Glue configuration types, e.g. {"WINDOWS_WORKSTATION": "Workstation"}.',
    ),
    status: lookupOption('The configuration status (name or id) for new devices.'),
    archiveMissing: switchOption('Archive devices this source imported earlier that are no longer in it.'),
    sourceId: SOURCE_ID_OPTION,
  },
});

export type ConfigurationImportValues = OptionValues<typeof CONFIGURATION_IMPORT>;

/**
 * The planner's options from either surface's values: the same keys, but `org`, and the type map
 * already read (a file on the CLI, an object over MCP).
 */
export function configurationImportOptions(
  values: ConfigurationImportValues,
  typeMap: ReadonlyMap<string, string> | undefined,
): ConfigurationImportOptions {
  const { organization, typeMap: _given, ...rest } = pickOptions(CONFIGURATION_IMPORT, values);
  return { ...rest, org: organization, typeMap };
}
