/**
 * SourceInputError: one error listing every problem in a file, each with file:line, the field and
 * the fix; the list is capped in the message but complete on the error; cells are quoted short.
 */
import { describe, expect, it } from 'vitest';
import { GlueKitError } from '../../src/core/errors.js';
import {
  describeSourceProblem,
  quoteCell,
  SourceInputError,
  SourceReport,
} from '../../src/sources/errors.js';

describe('SourceInputError', () => {
  it('reads like file:line: field: what is wrong. What to do.', () => {
    const error = new SourceInputError([
      {
        file: 'contacts.csv',
        line: 14,
        field: 'email',
        message: '"bob@" is not an email address',
        fix: 'Fix the cell or remove the row.',
      },
    ]);
    expect(error).toBeInstanceOf(GlueKitError);
    expect(error.name).toBe('SourceInputError');
    expect(error.message).toBe(
      'contacts.csv:14: email: "bob@" is not an email address. Fix the cell or remove the row.',
    );
    expect([error.file, error.line, error.field, error.fix]).toEqual([
      'contacts.csv',
      14,
      'email',
      'Fix the cell or remove the row.',
    ]);
  });

  it('lists up to 20 problems and counts the rest, keeping all of them on the error', () => {
    const report = new SourceReport('big.csv');
    for (let line = 2; line < 47; line++)
      report.problem(line, 'active', `"x${line}" is not true or false`, 'Write true or false.');
    const error = (() => {
      try {
        report.throwIfAny();
      } catch (caught) {
        return caught as SourceInputError;
      }
      throw new Error('expected an error');
    })();
    expect(error.problems).toHaveLength(45);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('big.csv has 45 problems; nothing was read. Fix them and run again:');
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines[20]).toBe('  big.csv:21: active: "x21" is not true or false. Write true or false.');
    expect(lines[21]).toBe('  … and 25 more');
  });

  it('lists the same problem once, and nothing when there is none', () => {
    const report = new SourceReport('a.csv');
    expect(() => report.throwIfAny()).not.toThrow();
    report.problem(3, 'ip', 'expected text, found a list', 'Give a single string value.');
    report.problem(3, 'ip', 'expected text, found a list', 'Give a single string value.');
    expect(report.problems).toHaveLength(1);
  });

  it('describes a problem with the whole file without a line', () => {
    expect(
      describeSourceProblem({ file: 'x.csv', message: 'the file is empty', fix: 'Export it again.' }),
    ).toBe('x.csv: the file is empty. Export it again.');
  });

  it('quotes a cell short, with line breaks escaped, so it cannot flood or forge output', () => {
    expect(quoteCell('bob@')).toBe('"bob@"');
    expect(quoteCell('two\nlines')).toBe('"two\\nlines"');
    expect(quoteCell('x'.repeat(200))).toBe(`"${'x'.repeat(60)}…"`);
  });

  it('warns once about something many rows share', () => {
    const report = new SourceReport('d.json');
    report.warnOnce('org:7', 3, 'organization 7 has no name');
    report.warnOnce('org:7', 9, 'organization 7 has no name');
    expect(report.warnings).toEqual([
      { source: { file: 'd.json', line: 3 }, message: 'organization 7 has no name' },
    ]);
  });
});
