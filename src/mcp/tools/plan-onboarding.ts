/**
 * plan_onboarding_docs: the planner of `gluekit docs onboard`. Templates are the built-in starter
 * pack or Markdown texts given inline (front matter + body, as in templates/onboarding/); their
 * `{{ vars.* }}` come as a JSON object. A document someone edited is never overwritten unless
 * `adopt` says so.
 */
import { z } from 'zod';
import { packagePath } from '../../core/package-files.js';
import {
  loadTemplates,
  ONBOARDING,
  onboardingOptions,
  parseTemplate,
  planOnboarding,
} from '../../workflows/documents/index.js';
import { planOutput } from '../output-schemas.js';
import { defineTool, type ToolDefinition } from '../tool.js';
import { actionLimit, optionShape, PLANNING, planResult, withJournal } from './plan-common.js';

/** The starter pack shipped in the package. */
const BUILTIN_TEMPLATES = packagePath('templates', 'onboarding');

const onboarding = defineTool({
  name: 'plan_onboarding_docs',
  title: 'Plan onboarding documents',
  description:
    "Plans the onboarding documentation of one organization from Markdown templates (the built-in starter pack, or templates given inline), filled with the organization's fields and the vars given. Documents someone edited are left alone unless adopt is true. Writes nothing; returns a planId to review and pass to apply_plan.",
  input: z.strictObject({
    ...optionShape(ONBOARDING),
    templates: z
      .array(z.string().min(1).max(1_000_000))
      .min(1)
      .max(100)
      .optional()
      .describe(
        'Templates as Markdown texts, each starting with front matter (---\\nname: ...\\n---); default: the built-in starter pack.',
      ),
    limit: actionLimit,
  }),
  output: planOutput,
  annotations: PLANNING,
  toolsets: ['workflows', 'documents'],
  run: async (args, ctx) => {
    const templates = args.templates
      ? args.templates.map((text, index) => parseTemplate(text, `templates[${index}]`))
      : loadTemplates(BUILTIN_TEMPLATES);
    const client = ctx.client();
    const plan = await withJournal(ctx.settings.dataDir, (journal) =>
      planOnboarding(client, journal, templates, {
        ...onboardingOptions(args),
        templatesLabel: args.templates ? 'inline' : 'builtin',
        signal: ctx.signal,
      }),
    );
    return planResult(ctx.settings.plans.add(plan), args.limit);
  },
});

export function onboardingPlanTools(): ToolDefinition[] {
  return [onboarding];
}
