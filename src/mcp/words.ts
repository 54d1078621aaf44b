/**
 * MCP's words for what lower layers say as data (src/core/words.ts): an option is the tool
 * argument of the same key (`deactivateType`), a next step the tool that does it.
 */
import { messageIn, type NextStep, type Vocabulary } from '../core/words.js';

function tool(step: NextStep): string {
  switch (step.do) {
    case 'sync': {
      const given = [
        ...(step.full ? ['full: true'] : []),
        ...(step.resources ? [`resources: ${JSON.stringify(step.resources)}`] : []),
      ];
      return `call the sync_mirror tool${given.length > 0 ? ` with ${given.join(', ')}` : ''}`;
    }
    case 'listRuns':
      return 'check the run id (the journal lists its runs: `gluekit runs list`)';
    case 'listDocumentSections':
    case 'updateDocumentSection':
      return `edit document ${step.documentId}'s sections one at a time in IT Glue or with the gluekit CLI (no tool here writes sections)`;
  }
}

/** Options only the CLI has: a tool never takes a file path or a mirror path. */
const CLI_ONLY = new Set(['db', 'from', 'planOut', 'maxAge']);

export const MCP_WORDS: Vocabulary = {
  has: (key) => !CLI_ONLY.has(key),
  option: (key) => key,
  pass: (key, value) => `set ${key}: ${value === undefined ? 'true' : JSON.stringify(value)}`,
  step: tool,
};

/** An error's message as an agent reads it. */
export function mcpMessage(error: unknown): string {
  return messageIn(error, MCP_WORDS);
}
