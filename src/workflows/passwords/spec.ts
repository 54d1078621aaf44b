/** The password mirror's options, declared once for the CLI and MCP (see ../options.ts). */
import type { z } from 'zod';
import { VAULT_FORMATS } from '../../sources/vault/types.js';
import {
  defineWorkflow,
  lookupOption,
  mapOption,
  type OptionValues,
  ORGANIZATION_OPTION,
  option,
  pickOptions,
  SOURCE_ID_OPTION,
  switchOption,
} from '../options.js';
import type { OrgMap } from '../org-map.js';
import type { PasswordMirrorOptions } from './workflow.js';

export const EMBED_ON = ['hostname', 'serial', 'name'] as const;

/** Named so the declaration files can say it (zod's inferred enum type is internal). */
type EmbedOnSchema = z.ZodOptional<z.ZodEnum<{ hostname: 'hostname'; serial: 'serial'; name: 'name' }>>;

export const PASSWORD_MIRROR = defineWorkflow({
  name: 'passwords',
  formats: VAULT_FORMATS,
  options: {
    organization: {
      ...ORGANIZATION_OPTION,
      description: 'The organization (id or exact name) for the whole export.',
    },
    orgMap: option({
      description:
        'Vault containers (folder, collection, group path) to organizations (id or name), e.g. {"Clients/Acme": "Acme Corp"}; null or "skip" leaves a container out on purpose ({"Personal": null}); instead of organization.',
      // null values: containers skipped on purpose (see ../org-map.ts).
      schema: (zod) => zod.record(zod.string().min(1), zod.string().min(1).nullable()).optional(),
      value: '<file>',
    }),
    category: lookupOption('The password category (name or id) for entries that name none.'),
    categoryMap: mapOption('Source categories to IT Glue password categories.'),
    embedOn: option<EmbedOnSchema>({
      description: 'Embed each password in the configuration its entry names, matched on this field.',
      schema: (zod) => zod.enum(EMBED_ON).optional(),
      value: '<field>',
    }),
    compareValues: switchOption(
      'Fetch current values to compare where the journal cannot tell (costs requests; values are never returned).',
    ),
    archiveMissing: switchOption('Archive passwords this source created earlier that are no longer in it.'),
    unescapeLastPass: {
      ...switchOption('Decode the HTML entities the LastPass extension writes into a LastPass CSV.'),
      flag: 'lastpass-unescape',
    },
    sourceId: SOURCE_ID_OPTION,
  },
});

export type PasswordMirrorValues = OptionValues<typeof PASSWORD_MIRROR>;

/**
 * The planner's options from either surface's values: the same keys, but `org`, the maps already
 * read (files on the CLI, objects over MCP), and the reader options recorded in the plan.
 */
export function passwordMirrorOptions(
  values: PasswordMirrorValues,
  read: {
    orgMap: OrgMap | undefined;
    categoryMap: ReadonlyMap<string, string> | undefined;
    readerOptions: Record<string, unknown>;
  },
): PasswordMirrorOptions {
  const {
    organization,
    orgMap: _orgMap,
    categoryMap: _categoryMap,
    unescapeLastPass: _unescape,
    ...rest
  } = pickOptions(PASSWORD_MIRROR, values);
  return { ...rest, org: organization, ...read };
}
