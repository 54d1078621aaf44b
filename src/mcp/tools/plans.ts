/**
 * plan_contact_sync and plan_configuration_import: the same planners `gluekit contacts sync` and
 * `gluekit configurations import` use, fed inline rows instead of a file. Each makes a plan (one
 * fresh read of IT Glue, nothing written), keeps it in the server's plan store, and returns its id
 * with the summary and actions.
 */
import { z } from 'zod';
import { parseConfigurationSource, parseContactSource } from '../../sources/index.js';
import {
  CONFIGURATION_IMPORT,
  configurationImportOptions,
  planConfigurationImport,
} from '../../workflows/configurations/index.js';
import { CONTACT_SYNC, contactSyncOptions, planContactSync } from '../../workflows/contacts/index.js';
import { parseTypeMap } from '../../workflows/type-map.js';
import { planOutput } from '../output-schemas.js';
import { defineTool, type ToolDefinition } from '../tool.js';
import {
  actionLimit,
  formatSchema,
  optionShape,
  PLANNING,
  planResult,
  ROWS_NAME,
  rowsSchema,
  rowsText,
  withJournal,
} from './plan-common.js';

const contactSync = defineTool({
  name: 'plan_contact_sync',
  title: 'Plan a contact sync',
  description:
    'Plans syncing contacts from a source (gluekit CSV/JSON, Microsoft 365 admin export, Entra ID users) into IT Glue: matches people by any email (or name), and says who would be created, updated or deactivated. Writes nothing; returns a planId to review and pass to apply_plan.',
  input: z.strictObject({
    rows: rowsSchema,
    format: formatSchema(CONTACT_SYNC.formats),
    ...optionShape(CONTACT_SYNC),
    limit: actionLimit,
  }),
  output: planOutput,
  annotations: PLANNING,
  toolsets: ['workflows', 'contacts'],
  run: async (args, ctx) => {
    const source = parseContactSource(rowsText(args.rows), ROWS_NAME, { format: args.format as 'auto' });
    const client = ctx.client();
    const plan = await withJournal(ctx.settings.dataDir, (journal) =>
      planContactSync(
        client,
        journal,
        { file: ROWS_NAME, format: source.format, rows: source.rows, unusedColumns: source.unusedColumns },
        { ...contactSyncOptions(args), signal: ctx.signal },
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
    format: formatSchema(CONFIGURATION_IMPORT.formats),
    ...optionShape(CONFIGURATION_IMPORT),
    limit: actionLimit,
  }),
  output: planOutput,
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
          ...configurationImportOptions(args, typeMap),
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
