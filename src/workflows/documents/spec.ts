/** The onboarding documents' options, declared once for the CLI and MCP (see ../options.ts). */
import {
  defineWorkflow,
  lookupOption,
  type OptionValues,
  option,
  pickOptions,
  switchOption,
} from '../options.js';
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
    folder: lookupOption(
      'The document folder (name or id) for templates that name none: they are created there and matched only there (without it, matched in any folder).',
      '<name|id>',
    ),
    publish: switchOption('Publish the documents once written.'),
    adopt: switchOption(
      'Replace documents of the same name that gluekit did not write (or that someone edited).',
    ),
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
