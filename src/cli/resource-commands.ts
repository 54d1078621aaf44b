/**
 * `gluekit <resource> <verb>`, built from the operation table: a resource gets `list`, `get`,
 * `create` and `update` exactly where the document has them, and `--org` wherever the document
 * has an organization-scoped route.
 */

import { operations } from '../spec/index.js';
import type { OperationSpec, ResourceType } from '../spec/types.js';
import { Command, Option } from './commander.js';

export interface ResourceCli {
  type: ResourceType;
  aliases: string[];
  /** Default table and CSV columns. */
  columns: string[];
  examples: Record<string, string[]>;
}

export const RESOURCE_CLI: ResourceCli[] = [
  {
    type: 'organizations',
    aliases: ['orgs'],
    columns: ['id', 'name', 'organizationTypeName', 'organizationStatusName', 'shortName'],
    examples: {
      list: ['gluekit orgs list', 'gluekit orgs list --name "Happy Frog Dental" --json'],
      get: ['gluekit orgs get 2', 'gluekit orgs get "Happy Frog Dental"', 'gluekit orgs get HFD'],
    },
  },
  {
    type: 'contacts',
    aliases: [],
    columns: ['id', 'name', 'email', 'title', 'organizationName'],
    examples: {
      list: [
        'gluekit contacts list --org "Happy Frog Dental"',
        'gluekit contacts list --email ada@example.com --select id,name,organization.name',
      ],
      get: ['gluekit contacts get 72'],
      create: [
        'gluekit contacts create --org "Happy Frog Dental" --set name="Ada Lovelace" --set email=ada@example.com',
      ],
      update: ['gluekit contacts update 72 --set title="CTO" --dry-run'],
    },
  },
  {
    type: 'passwords',
    aliases: [],
    columns: ['id', 'name', 'username', 'url', 'organizationName', 'passwordCategoryName'],
    examples: {
      list: ['gluekit passwords list --org 2 --output csv'],
      get: [
        'gluekit passwords get 54',
        'gluekit passwords get 54 --reveal',
        'PASS="$(gluekit passwords get 54 --reveal --field password)"',
      ],
      create: [
        'printf %s "$NEW_SECRET" | gluekit passwords create --org 2 --set name="Firewall" --set username=admin --password-stdin',
      ],
      update: ['gluekit passwords update 54 --password-env NEW_SECRET'],
    },
  },
  {
    type: 'configurations',
    aliases: ['configs'],
    columns: [
      'id',
      'name',
      'hostname',
      'serialNumber',
      'configurationTypeName',
      'organizationName',
      'archived',
    ],
    examples: {
      list: [
        'gluekit configs list --serial C03R3LT7THV8',
        'gluekit configs list --org 2 --hostname hfsfcj452jk',
      ],
      get: ['gluekit configs get 455'],
      create: [
        'gluekit configs create --org 2 --set name=HF-WS-07 --set configuration-type-id=65 --set serial-number=5CG1234XYZ',
      ],
      update: ['gluekit configs update 455 --set archived=true'],
    },
  },
  {
    type: 'documents',
    aliases: ['docs'],
    columns: ['id', 'name', 'organizationName', 'published', 'updatedAt'],
    examples: {
      list: ['gluekit docs list --org 2', 'gluekit docs list --name "Network overview" --org 2'],
      get: ['gluekit docs get 1201 --select name,content'],
      create: ['gluekit docs create --org 2 --set name="Network overview" --file body.json'],
      update: ['gluekit docs update 1201 --set content="<p>Two sites.</p>"'],
    },
  },
];

/**
 * Named filter flags: the operation's filter key → the flag people type. `option` is the name
 * commander gives the flag's value (`--serial` → `serial`).
 */
export const FILTER_FLAGS: Record<string, { flag: string; option: string; description: string }> = {
  id: { flag: '--id <id>', option: 'id', description: 'exact id (repeat for several)' },
  name: {
    flag: '--name <name>',
    option: 'name',
    description:
      'exact name, case-insensitive for organizations and where IT Glue cannot filter (repeatable)',
  },
  email: { flag: '--email <email>', option: 'email', description: 'primary email, case-insensitive' },
  serialNumber: {
    flag: '--serial <serial>',
    option: 'serial',
    description: 'serial number, ignoring case and spaces (as the import matches)',
  },
  assetTag: {
    flag: '--asset-tag <tag>',
    option: 'assetTag',
    description: 'asset tag, ignoring case and spaces (as the import matches)',
  },
  hostname: {
    flag: '--hostname <hostname>',
    option: 'hostname',
    description: 'hostname: its short name, ignoring case (matched by gluekit: IT Glue has no such filter)',
  },
};

export function operationsOf(type: ResourceType): OperationSpec[] {
  return operations.filter((op) => op.resource === type);
}

export function findOperation(
  type: ResourceType,
  action: string,
  scope: 'global' | 'organization',
): OperationSpec | undefined {
  return operationsOf(type).find((op) => op.action === action && op.scope === scope);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addListOptions(command: Command, op: OperationSpec, hasOrgScope: boolean): Command {
  if (hasOrgScope || op.query.some((q) => q.key === 'organizationId')) {
    command.option('--org <id|name>', 'only this organization: its id, name (any case) or short name');
  }
  for (const query of op.query) {
    const filter = FILTER_FLAGS[query.key];
    if (query.kind === 'filter' && filter)
      command.addOption(new Option(filter.flag, filter.description).argParser(collect));
  }
  command.option(
    '--filter <key=value>',
    'any filter of this list, e.g. organization-id=2 (repeatable)',
    collect,
  );
  if (op.query.some((q) => q.kind === 'sort'))
    command.option('--sort <fields>', 'e.g. name or -updated-at (comma-separated)');
  return command
    .option('--page-size <n>', 'records per request, 1..1000 (default 1000)')
    .option('--page <n>', 'page number to show (default 1)')
    .option('--limit <n>', 'stop after this many records (reads pages as needed)')
    .option('--all', 'every record of every page');
}

export function addWriteOptions(command: Command, withPassword: boolean): Command {
  command
    .option(
      '--set <key=value>',
      'an attribute, kebab-case or camelCase, typed from the schema (repeatable)',
      collect,
    )
    .option('--unset <key>', 'clear an attribute (sends null)', collect)
    .option('--file <path>', 'attributes as JSON (a file, or - for stdin)')
    .option('--dry-run', 'validate and print the exact request, with secrets masked; send nothing');
  if (withPassword) {
    command
      .option('--password-stdin', 'read the password from stdin')
      .option('--password-env <name>', 'read the password from this environment variable');
  }
  return command;
}

/** Where every command's help sends a reader for the output contract, described once in `gluekit --help`. */
export const CONTRACT_POINTER =
  'Output, errors and exit codes (the JSON envelope, --select, --field, the CSV formula guard): gluekit --help';

export function examplesHelp(examples: string[] | undefined): string {
  const shown =
    examples && examples.length > 0 ? `\nExamples:\n${examples.map((line) => `  ${line}`).join('\n')}\n` : '';
  return `${shown}\n${CONTRACT_POINTER}`;
}

export { Command };
