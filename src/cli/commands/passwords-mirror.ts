/**
 * `gluekit passwords mirror`: read a vault export, plan against IT Glue, and apply with the
 * values held in memory only. A saved plan holds no values: `gluekit apply` reads them again from
 * the plan's source and checks each against the fingerprint the plan recorded.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { normalizeOtp, readVaultSource } from '../../sources/index.js';
import type { Plan } from '../../workflows/engine/plan.js';
import { valuesFromFlags } from '../../workflows/options.js';
import { parseOrgMap } from '../../workflows/org-map.js';
import {
  PASSWORD_MIRROR,
  passwordMirrorOptions,
  type SecretLookup,
  secretsFromMap,
} from '../../workflows/passwords/index.js';
import { parseTypeMap } from '../../workflows/type-map.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';
import { readFrom, warnAll } from './source-flags.js';
import { runWorkflow } from './workflow-run.js';
import type { WorkflowFlags } from './workflows.js';

export async function secretsForSavedPlan(plan: Plan): Promise<SecretLookup> {
  const file = String(plan.options.source ?? '');
  const reader = (plan.options.reader ?? {}) as { unescapeLastPass?: boolean; path?: string };
  let source: Awaited<ReturnType<typeof readVaultSource>>;
  try {
    // The absolute path lets `gluekit apply` run from another directory; rows keep the plan's label.
    source = await readVaultSource(reader.path ?? file, {
      format: String(plan.options.format) as 'auto',
      unescapeLastPass: reader.unescapeLastPass === true,
    });
  } catch (error) {
    throw new UsageError(
      `The plan's source ${file} must be readable to apply a password plan (it holds the values): ${(error as Error).message}`,
    );
  }
  const secrets = new Map<string, Record<string, string>>();
  for (const row of source.rows) {
    const values: Record<string, string> = {};
    if (row.password !== undefined && row.password !== '') values.password = row.password;
    const otp = row.otp ? normalizeOtp(row.otp) : undefined;
    if (otp?.secret) values.otpSecret = otp.secret;
    secrets.set(`${file}:${row.source.line}`, values);
  }
  return secretsFromMap(secrets);
}

export interface PasswordMirrorFlags extends WorkflowFlags {
  org?: string;
  orgMap?: string;
  categoryMap?: string;
  embedOn?: string;
}

export async function runPasswordMirror(ctx: CliContext, flags: PasswordMirrorFlags): Promise<void> {
  if (flags.org && flags.orgMap)
    throw new UsageError('Use --org for a file about one organization, or --org-map, not both.');
  if (flags.embedOn && !['hostname', 'serial', 'name'].includes(flags.embedOn)) {
    throw new UsageError(`--embed-on must be hostname, serial or name, got ${JSON.stringify(flags.embedOn)}`);
  }
  const values = valuesFromFlags(PASSWORD_MIRROR, flags);
  const readerOptions = { unescapeLastPass: values.unescapeLastPass === true };
  const source = await readFrom(ctx, flags, PASSWORD_MIRROR.formats, (file, format) =>
    readVaultSource(file, { format, ...readerOptions }),
  );
  const orgMap = flags.orgMap ? parseOrgMap(readFileSync(flags.orgMap, 'utf8'), flags.orgMap) : undefined;
  const categoryMap = flags.categoryMap
    ? parseTypeMap(readFileSync(flags.categoryMap, 'utf8'), flags.categoryMap)
    : undefined;
  await runWorkflow(ctx, flags, async (workspace, client) => {
    const { plan, secrets, valueFetches } = await workspace.planPasswordMirror(
      client,
      { file: flags.from, format: source.format, rows: source.rows },
      {
        ...passwordMirrorOptions(values, {
          orgMap,
          categoryMap,
          readerOptions: { ...readerOptions, path: resolve(flags.from) },
        }),
        onWarning: (warning: { source?: { file: string; line: number }; message: string }) =>
          warnAll(ctx, [warning]),
      },
    );
    if (valueFetches > 0 && ctx.format === 'table')
      process.stderr.write(`Compared ${valueFetches} value(s) by fetching them (--compare-values).\n`);
    return { plan, secrets: secretsFromMap(secrets) };
  });
}
