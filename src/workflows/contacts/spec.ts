/** The contact sync's options, declared once for the CLI and MCP (see ../options.ts). */
import { CONTACT_FORMATS } from '../../sources/contacts/types.js';
import {
  defineWorkflow,
  lookupOption,
  type OptionValues,
  ORGANIZATION_OPTION,
  option,
  pickOptions,
  SOURCE_ID_OPTION,
  switchOption,
} from '../options.js';
import type { ContactSyncOptions } from './workflow.js';

export const CONTACT_SYNC = defineWorkflow({
  name: 'contacts',
  formats: CONTACT_FORMATS,
  options: {
    organization: ORGANIZATION_OPTION,
    deactivateMissing: switchOption(
      'Deactivate contacts this source created earlier that are no longer in it (needs deactivateType).',
    ),
    deactivateType: lookupOption(
      'The contact type (name or id) a deactivated contact is given, e.g. "Terminated".',
    ),
    deactivateUnowned: switchOption(
      'Also deactivate missing contacts this source did not create (use with care).',
    ),
    maxDeactivate: option({
      description:
        'Refuse to deactivate more than this per organization: a count (25) or a share (10%); default 20%.',
      schema: (zod) =>
        zod
          .string()
          .regex(/^\d+%?$/, 'a count like 25, or a percentage like 10%')
          .optional(),
      value: '<n|pct>',
    }),
    includeOnmicrosoft: switchOption(
      'Also sync tenant-internal addresses (*.onmicrosoft.com) as contact emails; left out by default.',
    ),
    licensedOnly: switchOption(
      'Sync only people the source lists with a licence (Microsoft 365 "Licenses", Graph assignedLicenses, a licensed column); the rest are skipped and counted.',
    ),
    exclude: option({
      description:
        'People not to sync, repeatable: domain:contoso.com (or @contoso.com), group:NAME (a groups column), or a UPN pattern with * and ? (svc-*@contoso.com; without @, the part before it). Skipped and counted, never deactivated as missing.',
      schema: (zod) => zod.array(zod.string().min(1)).optional(),
      value: '<pattern...>',
    }),
    matchName: switchOption('Also match people by name when no email matches.'),
    sourceId: SOURCE_ID_OPTION,
  },
});

export type ContactSyncValues = OptionValues<typeof CONTACT_SYNC>;

/** The planner's options from either surface's values: the same keys, but `org`. */
export function contactSyncOptions(values: ContactSyncValues): ContactSyncOptions {
  const { organization, ...rest } = pickOptions(CONTACT_SYNC, values);
  return { ...rest, org: organization };
}
