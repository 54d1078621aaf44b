/** The onboarding documents' options, declared once for the CLI and MCP (see ../options.ts). */
import { defineWorkflow, type OptionValues, option, pickOptions } from '../options.js';
import type { OnboardingOptions } from './workflow.js';

export const ONBOARDING = defineWorkflow({
  name: 'documents',
  formats: [],
  options: {
    organization: option({
      description: 'The organization: its id, or its exact name.',
      schema: (zod) => zod.string().min(1),
      flag: 'org',
      value: '<id|name>',
      required: true,
    }),
    vars: option({
      description: 'Values for the templates\' {{ vars.* }} placeholders, e.g. {"isp": "Comcast Business"}.',
      schema: (zod) => zod.record(zod.string(), zod.unknown()).default({}),
      value: '<file>',
    }),
    folder: option({
      description:
        'The document folder (name or id) for templates that name none: they are created there and matched only there (without it, matched in any folder).',
      schema: (zod) => zod.string().min(1).optional(),
      value: '<name|id>',
    }),
    publish: option({
      description: 'Publish the documents once written.',
      schema: (zod) => zod.boolean().default(false),
    }),
    adopt: option({
      description: 'Replace documents of the same name that gluekit did not write (or that someone edited).',
      schema: (zod) => zod.boolean().default(false),
    }),
  },
});

export type OnboardingValues = OptionValues<typeof ONBOARDING>;

/** The planner's options from either surface's values: the same keys, but `org`; the vars already read. */
export function onboardingOptions(
  values: OnboardingValues,
): Pick<OnboardingOptions, 'org' | 'vars' | 'folder' | 'publish' | 'adopt'> {
  const { organization, vars, ...rest } = pickOptions(ONBOARDING, values);
  return { ...rest, vars: vars ?? {}, org: organization ?? '' };
}
