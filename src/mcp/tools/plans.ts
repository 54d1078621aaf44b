/**
 * plan_contact_sync and plan_configuration_import: the same planners `gluekit contacts sync` and
 * `gluekit configurations import` use, fed inline rows instead of a file. Each makes a plan (one
 * fresh read of IT Glue, nothing written), keeps it in the server's plan store, and returns its id
 * with the summary and actions.
 */
import { z } from 'zod';
import {
  CONFIGURATION_FORMATS,
  CONTACT_FORMATS,
  parseConfigurationSource,
  parseContactSource,
} from '../../sources/index.js';
import { planConfigurationImport } from '../../workflows/configurations/index.js';
import { planContactSync } from '../../workflows/contacts/index.js';
import { parseTypeMap } from '../../workflows/type-map.js';
import { defineTool, type ToolDefinition } from '../tool.js';
import {
  actionLimit,
  formatSchema,
  mapSchema,
  organizationOption,
  PLANNING,
  planResult,
  ROWS_NAME,
  rowsSchema,
  rowsText,
  sourceIdOption,
  withJournal,
} from './plan-common.js';

const contactSync = defineTool({
  name: 'plan_contact_sync',
  title: 'Plan a contact sync',
  description:
    'Plans syncing contacts from a source (gluekit CSV/JSON, Microsoft 365 admin export, Entra ID users) into IT Glue: matches people by any email (or name), and says who would be created, updated or deactivated. Writes nothing; returns a planId to review and pass to apply_plan.',
  input: z.strictObject({
    rows: rowsSchema,
    format: formatSchema(CONTACT_FORMATS),
    organization: organizationOption,
    deactivateMissing: z
      .boolean()
      .default(false)
      .describe(
        'Deactivate contacts this source created earlier that are no longer in it (needs deactivateType).',
      ),
    deactivateType: z
      .string()
      .min(1)
      .optional()
      .describe('The contact type (name or id) a deactivated contact is given, e.g. "Terminated".'),
    deactivateUnowned: z
      .boolean()
      .default(false)
      .describe('Also deactivate missing contacts this source did not create (use with care).'),
    maxDeactivate: z
      .string()
      .regex(/^\d+%?$/, 'a count like 25, or a percentage like 10%')
      .optional()
      .describe(
        'Refuse to deactivate more than this per organization: a count (25) or a share (10%); default 20%.',
      ),
    matchName: z.boolean().default(false).describe('Also match people by name when no email matches.'),
    sourceId: sourceIdOption,
    limit: actionLimit,
  }),
  annotations: PLANNING,
  toolsets: ['workflows', 'contacts'],
  run: async (args, ctx) => {
    const source = parseContactSource(rowsText(args.rows), ROWS_NAME, { format: args.format as 'auto' });
    const client = ctx.client();
    const plan = await withJournal(ctx.settings.dataDir, (journal) =>
      planContactSync(
        client,
        journal,
        { file: ROWS_NAME, format: source.format, rows: source.rows },
        {
          org: args.organization,
          deactivateMissing: args.deactivateMissing,
          deactivateType: args.deactivateType,
          deactivateUnowned: args.deactivateUnowned,
          maxDeactivate: args.maxDeactivate,
          matchName: args.matchName,
          sourceId: args.sourceId,
          signal: ctx.signal,
        },
      ),
    );
    return planResult(ctx.settings.plans.add(plan), args.limit, {
      detection: source.detection,
      warnings: source.warnings,
    });
  },
});

const configurationImport = defineTool({
  name: 'plan_configuration_import',
  title: 'Plan a configuration import',
  description:
    'Plans importing devices from a source (gluekit CSV/JSON, NinjaOne, Datto RMM, Intune) as IT Glue configurations: matches by serial, asset tag, MAC, then hostname, and says what would be created, updated or archived. Writes nothing; returns a planId to review and pass to apply_plan.',
  input: z.strictObject({
    rows: rowsSchema,
    format: formatSchema(CONFIGURATION_FORMATS),
    organization: organizationOption,
    type: z
      .string()
      .min(1)
      .optional()
      .describe('The configuration type (name or id) for rows that name none.'),
    typeMap: mapSchema(
      'Source device classes to IT Glue configuration types, e.g. {"WINDOWS_WORKSTATION": "Workstation"}.',
    ),
    status: z.string().min(1).optional().describe('The configuration status (name or id) for new devices.'),
    archiveMissing: z
      .boolean()
      .default(false)
      .describe('Archive devices this source imported earlier that are no longer in it.'),
    sourceId: sourceIdOption,
    limit: actionLimit,
  }),
  annotations: PLANNING,
  toolsets: ['workflows', 'configurations'],
  run: async (args, ctx) => {
    const source = parseConfigurationSource(rowsText(args.rows), ROWS_NAME, {
      format: args.format as 'auto',
    });
    const typeMap = args.typeMap ? parseTypeMap(JSON.stringify(args.typeMap), 'typeMap') : undefined;
    const client = ctx.client();
    const warnings = [...source.warnings];
    const plan = await withJournal(ctx.settings.dataDir, (journal) =>
      planConfigurationImport(
        client,
        journal,
        { file: ROWS_NAME, format: source.format, rows: source.rows },
        {
          org: args.organization,
          type: args.type,
          typeMap,
          status: args.status,
          archiveMissing: args.archiveMissing,
          sourceId: args.sourceId,
          signal: ctx.signal,
          onWarning: (warning) => {
            if (warning.source) warnings.push({ source: warning.source, message: warning.message });
          },
        },
      ),
    );
    return planResult(ctx.settings.plans.add(plan), args.limit, { detection: source.detection, warnings });
  },
});

export function planTools(): ToolDefinition[] {
  return [contactSync, configurationImport];
}
