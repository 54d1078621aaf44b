/**
 * plan_password_mirror: the planner of `gluekit passwords mirror`, fed an inline vault export.
 * The values the export holds stay in this server's memory with the plan (the plan store), for
 * apply_plan to write; the result shows only what would change, with "(changed)" for a secret,
 * and every value is scrubbed from it as a last guard.
 */
import { z } from 'zod';
import { parseVaultSource } from '../../sources/index.js';
import { parseOrgMap } from '../../workflows/org-map.js';
import { PASSWORD_MIRROR, passwordMirrorOptions } from '../../workflows/passwords/index.js';
import { parseTypeMap } from '../../workflows/type-map.js';
import { withWorkspace } from '../../workflows/workspace.js';
import { planOutput } from '../output-schemas.js';
import { scrubValues } from '../results.js';
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
  warningCollector,
} from './plan-common.js';

const input = z
  .strictObject({
    rows: rowsSchema
      .optional()
      .describe(
        'The vault export as text (Bitwarden CSV/JSON, KeePass XML/CSV, 1Password CSV, LastPass CSV, IT Glue CSV, JSON), or a JSON array of entries.',
      ),
    rowsBase64: z
      .string()
      .min(1)
      .max(20_000_000)
      .optional()
      .describe('The export as base64 bytes instead of rows (for a 1Password .1pux file, which is a zip).'),
    format: formatSchema(PASSWORD_MIRROR.formats),
    ...optionShape(PASSWORD_MIRROR),
    limit: actionLimit,
  })
  .refine((args) => (args.rows === undefined) !== (args.rowsBase64 === undefined), {
    message: 'give rows or rowsBase64 (exactly one)',
  })
  .refine((args) => !(args.organization && args.orgMap), {
    message: 'give organization for an export about one organization, or orgMap, not both',
  });

const passwordMirror = defineTool({
  name: 'plan_password_mirror',
  title: 'Plan a password mirror',
  description:
    'Plans mirroring a password-vault export into IT Glue passwords: matches entries to existing passwords, and says what would be created, updated or archived. The values stay in server memory with the plan and never appear in results. Writes nothing; returns a planId to review and pass to apply_plan.',
  input,
  output: planOutput,
  annotations: PLANNING,
  toolsets: ['workflows', 'passwords'],
  run: async (args, ctx) => {
    const readerOptions = { unescapeLastPass: args.unescapeLastPass };
    const exported =
      args.rowsBase64 !== undefined
        ? new Uint8Array(Buffer.from(args.rowsBase64, 'base64'))
        : rowsText(args.rows as NonNullable<typeof args.rows>);
    const source = parseVaultSource(exported, ROWS_NAME, { format: args.format as 'auto', ...readerOptions });
    const orgMap = args.orgMap ? parseOrgMap(JSON.stringify(args.orgMap), 'orgMap') : undefined;
    const categoryMap = args.categoryMap
      ? parseTypeMap(JSON.stringify(args.categoryMap), 'categoryMap')
      : undefined;
    const client = ctx.client();
    const { warnings, onWarning } = warningCollector(source.warnings);
    const { plan, secrets, valueFetches } = await withWorkspace(ctx.settings.dataDir, (workspace) =>
      workspace.planPasswordMirror(
        client,
        { file: ROWS_NAME, format: source.format, rows: source.rows },
        {
          ...passwordMirrorOptions(args, { orgMap, categoryMap, readerOptions }),
          signal: ctx.signal,
          onWarning,
        },
      ),
    );
    const stored = ctx.settings.plans.add(plan, secrets);
    const result = planResult(stored, args.limit, {
      detection: source.detection,
      warnings,
      ...(valueFetches > 0 ? { valuesFetchedToCompare: valueFetches } : {}),
    });
    // The model sent these values; nothing it reads back may repeat one.
    const values = [
      ...source.rows.flatMap((row) => [row.password, row.otp]),
      ...[...secrets.values()].flatMap((entry) => Object.values(entry)),
    ].filter((value): value is string => typeof value === 'string' && value.length > 0);
    return scrubValues(result, values);
  },
});

export function passwordPlanTools(): ToolDefinition[] {
  return [passwordMirror];
}
