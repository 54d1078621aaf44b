/**
 * The import's own settings checked against IT Glue before anything is planned: `--type`,
 * `--type-map` and `--status` name configuration types and statuses that exist. A wrong one is an
 * input problem that lists the valid names, so `--type Laptop2` tells the user what to type.
 */
import type { GlueKit } from '../../client.js';
import type { LookupEntry } from '../../resources/lookups.js';
import type { ProblemList } from '../engine/input-errors.js';
import type { ConfigurationRow } from './planner.js';

interface NamedIds {
  byName: Map<string, string>;
  ids: Set<string>;
  /** The names, for a message listing the valid values. */
  names: string[];
}

function namedIds(entries: readonly LookupEntry[]): NamedIds {
  return {
    byName: new Map(entries.map((e) => [e.name.trim().toLowerCase(), e.id])),
    ids: new Set(entries.map((e) => e.id)),
    names: entries.map((e) => e.name),
  };
}

function resolveNamed(index: NamedIds, value: string | undefined): string | undefined {
  const wanted = value?.trim();
  if (!wanted) return undefined;
  if (index.ids.has(wanted)) return wanted;
  return index.byName.get(wanted.toLowerCase());
}

/** `Use one of: Managed Workstation, Managed Server (or an id).` */
function oneOf(index: NamedIds, what: string): string {
  if (index.names.length === 0) return `This IT Glue account has no ${what}s; add one in IT Glue first.`;
  return `Use one of: ${index.names.join(', ')} (or an id).`;
}

export interface ConfigurationSettings {
  /** The configuration type id for a row, or undefined when none can be found. */
  typeOf: (row: ConfigurationRow) => string | undefined;
  defaultType?: string | undefined;
  statusId?: string | undefined;
  /** For a row's own unknown type: the valid names. */
  validTypes: string;
}

export interface SettingsInput {
  type?: string | undefined;
  typeMap?: ReadonlyMap<string, string> | undefined;
  status?: string | undefined;
}

export async function resolveSettings(
  client: GlueKit,
  options: SettingsInput,
  problems: ProblemList,
  signal?: AbortSignal,
): Promise<ConfigurationSettings> {
  const types = namedIds(await client.lookups.list('configuration_types', { signal }));
  const validTypes = oneOf(types, 'configuration type');
  const defaultType = resolveNamed(types, options.type);
  if (options.type && !defaultType) {
    problems.add({
      option: 'type',
      message: `"${options.type}" is not a configuration type in IT Glue`,
      fix: validTypes,
    });
  }
  for (const [from, to] of options.typeMap ?? []) {
    if (!resolveNamed(types, to)) {
      problems.add({
        option: 'typeMap',
        message: `"${from}" maps to "${to}", which is not a configuration type in IT Glue`,
        fix: `Map it to an existing configuration type. ${validTypes}`,
      });
    }
  }
  const statusId = options.status ? await resolveStatus(client, options.status, problems, signal) : undefined;
  const typeMap = new Map([...(options.typeMap ?? [])].map(([from, to]) => [from.trim().toLowerCase(), to]));
  const typeOf = (row: ConfigurationRow): string | undefined => {
    const sourceType = row.type?.trim();
    if (!sourceType) return defaultType;
    const mapped = typeMap.get(sourceType.toLowerCase());
    return resolveNamed(types, mapped ?? sourceType) ?? defaultType;
  };
  return { typeOf, defaultType, statusId, validTypes };
}

async function resolveStatus(
  client: GlueKit,
  status: string,
  problems: ProblemList,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const statuses = namedIds(await client.lookups.list('configuration_statuses', { signal }));
  const statusId = resolveNamed(statuses, status);
  if (!statusId) {
    problems.add({
      option: 'status',
      message: `"${status}" is not a configuration status in IT Glue`,
      fix: oneOf(statuses, 'configuration status'),
    });
  }
  return statusId;
}
