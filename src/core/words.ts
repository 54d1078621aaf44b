/**
 * The words that belong to one surface, kept as data below the surfaces. A message names an
 * option by its key and a next step by what it does; each surface says them its own way: the CLI
 * `--deactivate-type` and `gluekit sync`, MCP `deactivateType` and the sync_mirror tool.
 *
 * Two forms, one notation:
 * - Text that is stored (a plan's reasons and notes, an input problem's fix, a warning) names an
 *   option as its key in backticks: "pass `deactivateType` with …". That is already how the SDK
 *   and MCP say it; the CLI renders each backticked key it has a flag for (`renderText`).
 * - An error whose message names a next step is built from `Words`, a function of the
 *   vocabulary, so each surface renders the whole sentence its own way (`messageFor`).
 */

/** What a person or an agent can do next, as data: the CLI names a command, MCP a tool. */
export type NextStep =
  /** Fill or refresh the local mirror, the whole of it or some resources, at a path or the default one. */
  | { do: 'sync'; full?: boolean; resources?: readonly string[]; db?: string }
  /** List the runs in the journal. */
  | { do: 'listRuns' }
  /** List a document's sections, or update one of them. */
  | { do: 'listDocumentSections'; documentId: string }
  | { do: 'updateDocumentSection'; documentId: string };

export interface Vocabulary {
  /** Whether the surface takes this option at all (the CLI's `db` is no MCP argument). */
  has(key: string): boolean;
  /** An option by its key: `deactivateType` (SDK and MCP), `--deactivate-type` (CLI). */
  option(key: string): string;
  /** Giving an option (a value, or a switch turned on): `pass --allow-conflicts`, `set allowConflicts: true`. */
  pass(key: string, value?: string | number): string;
  /** A next step: "run `gluekit sync`", "call the sync_mirror tool". */
  step(step: NextStep): string;
}

/** A message written once for every surface. */
export type Words = (say: Vocabulary) => string;

/** How the SDK says it (an error's `message`): option keys, and steps by their SDK calls. */
export const SDK_WORDS: Vocabulary = {
  has: () => true,
  option: (key) => `\`${key}\``,
  pass: (key, value) => (value === undefined ? `set \`${key}\`` : `set \`${key}\` to ${value}`),
  step: (step) => {
    switch (step.do) {
      case 'sync': {
        const what = step.resources ? ` of ${step.resources.join(', ')}` : '';
        return `${step.full ? 'run a full sync' : 'sync'}${what} into the mirror${step.db ? ` at ${step.db}` : ''}`;
      }
      case 'listRuns':
        return 'list the runs in the journal';
      case 'listDocumentSections':
        return `list document ${step.documentId}'s sections (client.documents.sections.list())`;
      case 'updateDocumentSection':
        return `update one section of document ${step.documentId} (client.documents.sections.update())`;
    }
  },
};

const OPTION_KEY = /`([a-z][A-Za-z0-9]*)`/g;

/**
 * Stored text in a surface's words: each backticked option key the surface has
 * becomes its word for it (`deactivateType` → --deactivate-type on the CLI); anything else is
 * left as written.
 */
export function renderText(text: string, say: Vocabulary): string {
  return text.replace(OPTION_KEY, (whole, key: string) => (say.has(key) ? say.option(key) : whole));
}

/** A thrown value's message in a surface's words (an error built from `Words` says it whole). */
export function messageIn(error: unknown, say: Vocabulary): string {
  if (!(error instanceof Error)) return String(error);
  const words = (error as { words?: Words }).words;
  return renderText(typeof words === 'function' ? words(say) : error.message, say);
}
