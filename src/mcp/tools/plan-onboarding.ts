/**
 * plan_onboarding_docs: the planner of `gluekit docs onboard`. Templates are the built-in starter
 * pack or Markdown texts given inline (front matter + body, as in templates/onboarding/); their
 * `{{ vars.* }}` come as a JSON object. A document someone edited is never overwritten unless
 * `adopt` says so.
 */
import { z } from 'zod';
import { packagePath } from '../../package-files.js';
import { loadTemplates, parseTemplate, planOnboarding } from '../../workflows/documents/index.js';
import { defineTool, type ToolDefinition } from '../tool.js';
import { actionLimit, PLANNING, planResult, withJournal } from './plan-common.js';

/** The starter pack shipped in the package. */
const BUILTIN_TEMPLATES = packagePath('templates', 'onboarding');

const onboarding = defineTool({
  name: 'plan_onboarding_docs',
  title: 'Plan onboarding documents',
  description:
    "Plans the onboarding documentation of one organization from Markdown templates (the built-in starter pack, or templates given inline), filled with the organization's fields and the vars given. Documents someone edited are left alone unless adopt is true. Writes nothing; returns a planId to review and pass to apply_plan.",
  input: z.strictObject({
    organization: z.string().min(1).describe('The organization: its id, or its exact name.'),
    templates: z
      .array(z.string().min(1).max(1_000_000))
      .min(1)
      .max(100)
      .optional()
      .describe(
        'Templates as Markdown texts, each starting with front matter (---\\nname: ...\\n---); default: the built-in starter pack.',
      ),
    vars: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Values for the templates\' {{ vars.* }} placeholders, e.g. {"isp": "Comcast Business"}.'),
    folder: z
      .string()
      .min(1)
      .optional()
      .describe('The document folder (name or id) for templates that name none.'),
    publish: z.boolean().default(false).describe('Publish the documents once written.'),
    adopt: z
      .boolean()
      .default(false)
      .describe('Replace documents of the same name that gluekit did not write (or that someone edited).'),
    limit: actionLimit,
  }),
  annotations: PLANNING,
  toolsets: ['workflows', 'documents'],
  run: async (args, ctx) => {
    const templates = args.templates
      ? args.templates.map((text, index) => parseTemplate(text, `templates[${index}]`))
      : loadTemplates(BUILTIN_TEMPLATES);
    const client = ctx.client();
    const plan = await withJournal(ctx.settings.dataDir, (journal) =>
      planOnboarding(client, journal, templates, {
        org: args.organization,
        vars: args.vars,
        folder: args.folder,
        publish: args.publish,
        adopt: args.adopt,
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
