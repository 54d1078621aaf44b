/** `gluekit docs onboard`: onboarding documents for a client, from Markdown templates. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { packagePath } from '../../core/package-files.js';
import {
  loadTemplates,
  ONBOARDING,
  onboardingOptions,
  planOnboarding,
} from '../../workflows/documents/index.js';
import { valuesFromFlags } from '../../workflows/options.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';
import { finishPlan, openJournal, type RunFlags } from './workflow-run.js';

export interface OnboardFlags extends RunFlags {
  templates: string;
  vars?: string;
  [flag: string]: unknown;
}

/** The starter pack shipped in the package. */
export const BUILTIN_TEMPLATES = packagePath('templates', 'onboarding');

function readVars(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--vars ${file} is not valid YAML or JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`--vars ${file} must hold a mapping of names to values`);
  return parsed as Record<string, unknown>;
}

export async function runOnboard(ctx: CliContext, flags: OnboardFlags): Promise<void> {
  const dir = flags.templates === 'builtin' ? BUILTIN_TEMPLATES : flags.templates;
  const templates = loadTemplates(dir);
  const vars = flags.vars ? readVars(flags.vars) : {};
  const client = ctx.client();
  const journal = openJournal(ctx);
  try {
    const plan = await planOnboarding(client, journal, templates, {
      ...onboardingOptions(valuesFromFlags(ONBOARDING, flags)),
      vars,
      templatesLabel: flags.templates,
    });
    await finishPlan(ctx, client, journal, plan, flags, true);
  } finally {
    journal.close();
  }
}
