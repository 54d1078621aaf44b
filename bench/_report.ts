/**
 * The bench convention: a bench is any `bench/*.ts` whose name does not start with `_`; it prints
 * what it likes for people, and its figures for `bench/run.js` with `reportFigures` (one line
 * starting with GLUEKIT-BENCH and a JSON object). run.js runs every bench, collects those lines
 * and prints one table of figure, baseline and ratio, also written to bench/REPORT.md.
 *
 * Every figure is set against a baseline measured in the same run where there is one: the
 * minimum the API allows, a naive or peer approach (`JSON.parse`, `node -e 0`), or, where neither
 * exists, the goal (and the label says so).
 */

export const BENCH_MARKER = 'GLUEKIT-BENCH ';

export interface Figure {
  /** What was measured, e.g. `contact sync: requests (10,000 contacts, 1% changed)`. */
  name: string;
  value: number;
  /** `requests`, `ms`, `req/s`, `MB`, ... */
  unit: string;
  /** What the value is set against; the ratio is value / baseline.value. */
  baseline?: { value: number; label: string } | undefined;
  /** The goal for the ratio, as text: `<= 1.05`, `>= 0.95`. */
  goal?: string | undefined;
}

export function reportFigures(bench: string, figures: readonly Figure[]): void {
  process.stdout.write(`${BENCH_MARKER}${JSON.stringify({ bench, figures })}\n`);
}
