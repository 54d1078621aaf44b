/**
 * plan_contact_sync and plan_configuration_import: the same planners `gluekit contacts sync` and
 * `gluekit configurations import` use, fed inline rows instead of a file. Each makes a plan (one
 * fresh read of IT Glue, nothing written), keeps it in the server's plan store, and returns its id
 * with the summary and actions. Both are one tool shape over their WORKFLOWS table entry.
 */
import { z } from 'zod';
import type { GlueKit } from '../../client.js';
import { parseConfigurationSource, parseContactSource, type SourceWarning } from '../../sources/index.js';
import { configurationImportOptions } from '../../workflows/configurations/index.js';
import { contactSyncOptions } from '../../workflows/contacts/index.js';
import type { Plan } from '../../workflows/engine/plan.js';
import type { WorkflowOption, WorkflowSpec } from '../../workflows/options.js';
import { CONFIGURATION_IMPORT, CONTACT_SYNC } from '../../workflows/table.js';
import { parseTypeMap } from '../../workflows/type-map.js';
import { type Workspace, withWorkspace } from '../../workflows/workspace.js';
import { planOutput } from '../output-schemas.js';
import { defineTool, type ToolDefinition, type Toolset } from '../tool.js';
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

/** A plan tool's input: the rows, their format, the workflow's options, and how many actions to list. */
function sourcePlanInput<Options extends Record<string, WorkflowOption>>(spec: WorkflowSpec<Options>) {
  return z.strictObject({
    rows: rowsSchema,
    format: formatSchema(spec.formats),
    ...optionShape(spec),
    limit: actionLimit,
  });
}

type SourcePlanArgs<Options extends Record<string, WorkflowOption>> = z.output<
  ReturnType<typeof sourcePlanInput<Options>>
>;

type Rows = z.output<typeof rowsSchema>;

/** What a planner gets beside its options: the rows read, and where its warnings go. */
interface PlanningInput<Row> {
  /** Columns with data the format does not read (contacts name them in a plan note). */
  source: { file: string; format: string; rows: Row[]; unusedColumns?: readonly string[] | undefined };
  signal: AbortSignal | undefined;
  onWarning: ReturnType<typeof warningCollector>['onWarning'];
}

interface SourcePlanTool<Options extends Record<string, WorkflowOption>, Row> {
  name: string;
  title: string;
  description: string;
  toolset: Toolset;
  spec: WorkflowSpec<Options>;
  parse(
    text: string,
    name: string,
    options: { format: 'auto' },
  ): {
    format: string;
    rows: Row[];
    unusedColumns?: string[];
    detection?: string | undefined;
    warnings: SourceWarning[];
  };
  plan(
    workspace: Workspace,
    client: GlueKit,
    args: SourcePlanArgs<Options>,
    input: PlanningInput<Row>,
  ): Promise<Plan>;
}

/** A plan tool of a workflow that reads source rows: parse them, plan with the workspace, keep the plan. */
function sourcePlanTool<Options extends Record<string, WorkflowOption>, Row>(
  tool: SourcePlanTool<Options, Row>,
): ToolDefinition {
  return defineTool({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    input: sourcePlanInput(tool.spec),
    output: planOutput,
    annotations: PLANNING,
    toolsets: ['workflows', tool.toolset],
    run: async (args, ctx) => {
      // zod cannot resolve a generic shape's output here; these three are in every input.
      const { rows, format, limit } = args as unknown as { rows: Rows; format: string; limit: number };
      const source = tool.parse(rowsText(rows), ROWS_NAME, { format: format as 'auto' });
      const client = ctx.client();
      const { warnings, onWarning } = warningCollector(source.warnings);
      const plan = await withWorkspace(ctx.settings.dataDir, (workspace) =>
        tool.plan(workspace, client, args as SourcePlanArgs<Options>, {
          source: {
            file: ROWS_NAME,
            format: source.format,
            rows: source.rows,
            unusedColumns: source.unusedColumns,
          },
          signal: ctx.signal,
          onWarning,
        }),
      );
      return planResult(ctx.settings.plans.add(plan), limit, { detection: source.detection, warnings });
    },
  });
}

const contactSync = sourcePlanTool({
  name: 'plan_contact_sync',
  title: 'Plan a contact sync',
  description:
    'Plans syncing contacts from a source (gluekit CSV/JSON, Microsoft 365 admin export, Entra ID users) into IT Glue: matches people by any email (or name), and says who would be created, updated or deactivated. Writes nothing; returns a planId to review and pass to apply_plan.',
  toolset: 'contacts',
  spec: CONTACT_SYNC,
  parse: parseContactSource,
  plan: (workspace, client, args, { source, signal }) =>
    workspace.planContactSync(client, source, { ...contactSyncOptions(args), signal }),
});

const configurationImport = sourcePlanTool({
  name: 'plan_configuration_import',
  title: 'Plan a configuration import',
  description:
    'Plans importing devices from a source (gluekit CSV/JSON, NinjaOne, Datto RMM, Intune) as IT Glue configurations: matches by serial, asset tag, MAC, then hostname, and says what would be created, updated or archived. Writes nothing; returns a planId to review and pass to apply_plan.',
  toolset: 'configurations',
  spec: CONFIGURATION_IMPORT,
  parse: parseConfigurationSource,
  plan: (workspace, client, args, { source, signal, onWarning }) => {
    const typeMap = args.typeMap ? parseTypeMap(JSON.stringify(args.typeMap), 'typeMap') : undefined;
    return workspace.planConfigurationImport(client, source, {
      ...configurationImportOptions(args, typeMap),
      signal,
      onWarning,
    });
  },
});

export function planTools(): ToolDefinition[] {
  return [contactSync, configurationImport];
}
