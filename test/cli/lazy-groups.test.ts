/**
 * buildProgram with the command line (src/cli/main.ts): a call that names a resource group gets
 * that group whole and the other groups by name only; a call that names none gets every group
 * whole, so the help and the suggestions are the same as ever.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/commander.js';
import { buildProgram } from '../../src/cli/main.js';

function subcommandsOf(program: Command, group: string): string[] {
  const found = program.commands.find((command) => command.name() === group);
  if (!found) throw new Error(`no group ${group}`);
  return found.commands.map((command) => command.name()).sort();
}

describe('resource groups built for the command line', () => {
  const full = buildProgram();

  it('builds the named group whole, by name or alias, and the others without their own subcommands', () => {
    for (const args of [
      ['organizations', 'list', '--json'],
      ['orgs', 'list'],
      ['--profile', 'work', 'orgs', 'get', '7'],
    ]) {
      const program = buildProgram(undefined, args);
      expect(subcommandsOf(program, 'organizations')).toEqual(subcommandsOf(full, 'organizations'));
      expect(subcommandsOf(program, 'contacts')).not.toContain('list');
      // What other registrars add to a group (the sync workflow) is still there.
      expect(subcommandsOf(program, 'contacts')).toContain('sync');
      expect(program.commands.map((command) => command.name())).toEqual(
        full.commands.map((command) => command.name()),
      );
    }
  });

  it('builds every group whole when the line names none', () => {
    for (const args of [[], ['--help'], ['help'], ['sync', '--full'], ['contcts', 'list']]) {
      const program = buildProgram(undefined, args);
      for (const group of ['organizations', 'contacts', 'configurations', 'passwords', 'documents']) {
        expect(subcommandsOf(program, group)).toEqual(subcommandsOf(full, group));
      }
    }
  });

  it('builds every group the line names, an option value included', () => {
    const program = buildProgram(undefined, ['contacts', 'list', '--select', 'configs']);
    expect(subcommandsOf(program, 'contacts')).toContain('list');
    expect(subcommandsOf(program, 'configurations')).toContain('list');
    expect(subcommandsOf(program, 'passwords')).not.toContain('list');
  });
});
