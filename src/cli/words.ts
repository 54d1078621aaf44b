/**
 * The CLI's words for what lower layers say as data (src/core/words.ts): an option key becomes
 * its flag (`deactivateType` → `--deactivate-type`, `organization` → `--org`), a next step the
 * command that does it (`gluekit sync --full`).
 */
import { messageIn, type NextStep, renderText, type Vocabulary } from '../core/words.js';
import { flagOf } from '../workflows/options.js';
import { WORKFLOWS } from '../workflows/table.js';

/** The flags of options outside the WORKFLOWS table: the commands' own, named by key in messages. */
const COMMAND_FLAGS: Record<string, string> = {
  format: '--format',
  from: '--from',
  planOut: '--plan-out',
  allowConflicts: '--allow-conflicts',
  since: '--since',
  maxAge: '--max-age',
  resources: '--resources',
  full: '--full',
  db: '--db',
};

let flags: Map<string, string> | undefined;

/** Every option key the CLI has a flag for, the workflows' from their table. */
function flagTable(): Map<string, string> {
  flags ??= new Map([
    ...Object.entries(COMMAND_FLAGS),
    ...Object.values(WORKFLOWS).flatMap((spec) =>
      Object.keys(spec.options).map((key): [string, string] => [key, flagOf(spec, key)]),
    ),
  ]);
  return flags;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

function command(step: NextStep): string {
  switch (step.do) {
    case 'sync': {
      const full = step.full ? ' --full' : '';
      const resources = step.resources ? ` --resources ${step.resources.join(',')}` : '';
      const db = step.db ? ` --db ${step.db}` : '';
      return `gluekit sync${full}${resources}${db}`;
    }
    case 'listRuns':
      return 'gluekit runs list';
    case 'listDocumentSections':
      return `gluekit docs sections list ${step.documentId}`;
    case 'updateDocumentSection':
      return `gluekit docs sections update ${step.documentId} <section-id> --set content=…`;
  }
}

export const CLI_WORDS: Vocabulary = {
  has: (key) => flagTable().has(key),
  option: (key) => flagTable().get(key) ?? `--${kebab(key)}`,
  pass: (key, value) => `pass ${CLI_WORDS.option(key)}${value === undefined ? '' : ` ${value}`}`,
  step: (step) => `run \`${command(step)}\``,
};

/** Stored text (a reason, a note, a warning, a fix) with each option key as its flag. */
export function cliText(text: string): string {
  return renderText(text, CLI_WORDS);
}

/** An error's message as the CLI says it. */
export function cliMessage(error: unknown): string {
  return messageIn(error, CLI_WORDS);
}
