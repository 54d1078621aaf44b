/**
 * How a workflow declares its options, once: per option a description, the CLI value placeholder
 * and the zod schema of its value. The MCP plan tools take their inputs from it
 * (src/mcp/tools/plan-common.ts `optionShape`) and the CLI its flags
 * (src/cli/commands/workflow-commands.ts). The option key is the name everywhere below the
 * surfaces: errors say `deactivateType`, the CLI shows `--deactivate-type`, MCP `deactivateType`.
 *
 * Plain data, like the operation table: the schema is a function of zod, called only by the MCP
 * server, so registering the CLI commands does not load zod (about 100 ms) on every call.
 */
import type { z } from 'zod';

export interface WorkflowOption<Schema extends z.ZodType = z.ZodType> {
  /** What the option does: the MCP input's description and the CLI help text. */
  description: string;
  /** The value's schema (without its description), built from the zod module given. */
  schema: (zod: typeof z) => Schema;
  /** The CLI value placeholder (`<id|name>`); none for a switch. */
  value?: string;
  /** The CLI flag when it is not the key in kebab case (`org` for `organization`). */
  flag?: string;
  /** The CLI asks for it (commander's requiredOption). */
  required?: boolean;
}

export interface WorkflowSpec<
  Options extends Record<string, WorkflowOption> = Record<string, WorkflowOption>,
> {
  /** The workflow's name in plans and the journal. */
  name: 'contacts' | 'configurations' | 'passwords' | 'documents';
  /** Source formats it reads (`auto` detects one); none for documents, which read templates. */
  formats: readonly string[];
  options: Options;
}

export function defineWorkflow<const Options extends Record<string, WorkflowOption>>(
  spec: WorkflowSpec<Options>,
): WorkflowSpec<Options> {
  return spec;
}

/** One option, its schema's type kept (for OptionValues). */
export function option<Schema extends z.ZodType>(declared: WorkflowOption<Schema>): WorkflowOption<Schema> {
  return declared;
}

/** The option values either surface gives a workflow, by option key (all may be missing on the CLI). */
export type OptionValues<Spec extends WorkflowSpec> = {
  [K in keyof Spec['options']]?: z.output<ReturnType<Spec['options'][K]['schema']>> | undefined;
};

/** Only the workflow's own options from a surface's values (an MCP input also has rows, limit...). */
export function pickOptions<Spec extends WorkflowSpec>(spec: Spec, values: object): OptionValues<Spec> {
  const given = values as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(spec.options)
      .filter((key) => given[key] !== undefined)
      .map((key) => [key, given[key]]),
  ) as OptionValues<Spec>;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The CLI flag of an option key: `deactivateType` → `--deactivate-type`, `organization` → `--org`. */
export function flagOf(spec: WorkflowSpec, key: string): string {
  const declared = spec.options[key];
  return `--${declared?.flag ?? kebab(key)}`;
}

/** The key commander stores a flag's value under (`--org` → `org`). */
export function commanderKeyOf(spec: WorkflowSpec, key: string): string {
  return camel(flagOf(spec, key).slice(2));
}

/** A surface's values by option key, from commander's flags (`flags.org` → `organization`). */
export function valuesFromFlags<Spec extends WorkflowSpec>(
  spec: Spec,
  flags: Record<string, unknown>,
): OptionValues<Spec> {
  return Object.fromEntries(
    Object.keys(spec.options).map((key) => [key, flags[commanderKeyOf(spec, key)]]),
  ) as OptionValues<Spec>;
}

// The options several workflows share.

export const ORGANIZATION_OPTION = option({
  description: 'The organization (id or exact name) for rows that name none.',
  schema: (zod) => zod.string().min(1).optional(),
  flag: 'org',
  value: '<id|name>',
});

export const SOURCE_ID_OPTION = option({
  description:
    'Who owns what this plan creates or matches (only owned records are ever deactivated or archived).',
  schema: (zod) => zod.string().min(1).max(200).optional(),
  flag: 'source',
  value: '<name>',
});

/** A switch: off unless given. */
export const switchOption = (description: string) =>
  option({ description, schema: (zod) => zod.boolean().default(false) });

/** A lookup the person names by its name or its id (a type, a status, a category, a folder). */
export const lookupOption = (description: string, value = '<id|name>') =>
  option({ description, schema: (zod) => zod.string().min(1).optional(), value });

/** Record-to-record maps (`{"from": "to"}`): a JSON object over MCP, a JSON or CSV file on the CLI. */
export const mapOption = (description: string) =>
  option({
    description,
    schema: (zod) => zod.record(zod.string().min(1), zod.string().min(1)).optional(),
    value: '<file>',
  });
