/** The CSV formula guard: formulas get an apostrophe, numbers and phone numbers stay as they are. */
import { describe, expect, it } from 'vitest';
import { csvCell, isFormulaLike } from '../../src/cli/output/csv.js';

describe('the CSV formula guard', () => {
  it('guards what a spreadsheet would run', () => {
    for (const text of ['=1+2', '@SUM(A1)', '\tx', '\rx', '-XwK+Am64Hwnh3d8', '+cmd|calc', '-', '+A1']) {
      expect(isFormulaLike(text), text).toBe(true);
      expect(csvCell(text).replace(/^"/, '').startsWith("'"), text).toBe(true);
    }
  });

  it('keeps numbers and phone numbers, and plain text', () => {
    for (const text of [
      '-12.5',
      '+42',
      '-1,000',
      '1e5',
      '+1 (509) 555-3916',
      '+44 20 7946 0958',
      '-0.5e-3',
      '+1 509 555 0100 x12',
      'Ada',
      '',
    ]) {
      expect(isFormulaLike(text), text).toBe(false);
      expect(csvCell(text)).not.toMatch(/^"?'/);
    }
  });

  it('is off with formulaGuard: false, and still quotes as RFC 4180 says', () => {
    expect(csvCell('=1+2', { formulaGuard: false })).toBe('=1+2');
    expect(csvCell('a "b", c', { formulaGuard: false })).toBe('"a ""b"", c"');
  });
});
