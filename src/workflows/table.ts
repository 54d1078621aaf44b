/**
 * The WORKFLOWS table, as src/spec/ is the operations table: per workflow its name, the source
 * formats it reads and its options (one zod schema each, with a description). The CLI flags and the
 * MCP plan tool inputs are generated from it, so adding an option is one edit in a workflow's spec.ts.
 */
import { CONFIGURATION_IMPORT } from './configurations/spec.js';
import { CONTACT_SYNC } from './contacts/spec.js';
import { ONBOARDING } from './documents/spec.js';
import { PASSWORD_MIRROR } from './passwords/spec.js';

export const WORKFLOWS: {
  readonly contacts: typeof CONTACT_SYNC;
  readonly configurations: typeof CONFIGURATION_IMPORT;
  readonly passwords: typeof PASSWORD_MIRROR;
  readonly documents: typeof ONBOARDING;
} = {
  contacts: CONTACT_SYNC,
  configurations: CONFIGURATION_IMPORT,
  passwords: PASSWORD_MIRROR,
  documents: ONBOARDING,
};

export { CONFIGURATION_IMPORT, CONTACT_SYNC, ONBOARDING, PASSWORD_MIRROR };
