/**
 * Errors carry option keys, and each surface names them its own way: over MCP a bad
 * `deactivateType` is named by its key (the tool's argument), never as the CLI flag; the CLI
 * renders the same error with `--deactivate-type`.
 */
import { describe, expect, it } from 'vitest';
import { cliMessage } from '../../src/cli/words.js';
import { PlanInputError } from '../../src/workflows/engine/input-errors.js';
import { useEmulator } from '../helpers/emulator.js';
import { inMemorySession, newTenantKey } from './support.js';

const ROWS = [
  'organization,first_name,last_name,email',
  'Happy Frog Dental,Ada,Lovelace,ada@hfd.example',
].join('\n');

describe('option keys in errors', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('MCP names the option key deactivateType, not the CLI flag', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    const refused = await session.call('plan_contact_sync', { rows: ROWS, deactivateType: 'Nope' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/deactivateType: "Nope" is not a contact type in IT Glue/);
    expect(refused.text).not.toMatch(/--[a-z]/);
    await session.close();
  });

  it('the CLI renders the same problem with the flag, and the error keeps the key as data', () => {
    const error = new PlanInputError([
      {
        option: 'deactivateType',
        message: '"Nope" is not a contact type in IT Glue',
        fix: 'Pass `deactivateType`.',
      },
    ]);
    expect(cliMessage(error)).toMatch(
      /--deactivate-type: "Nope" is not a contact type in IT Glue\. Pass --deactivate-type\./,
    );
    expect(error.message).toMatch(/`deactivateType`: "Nope"/);
    expect(error.problems[0]?.option).toBe('deactivateType');
  });
});
