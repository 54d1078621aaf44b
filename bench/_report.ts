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

export interface WindowRun {
  /** Requests the server answered, and those it refused with 429. */
  served: number;
  refused: number;
  seconds: number;
  limit: number;
  windowS: number;
  latencyMs: number;
}

/**
 * Throughput under a sliding window against the best any client could do with as many requests:
 * the N-th may start at floor((N-1) / limit) windows, then takes the latency (goal >= 0.95); and
 * the 429s the server sent (goal 0). Returns the figures and a line for people.
 */
export function windowUse(
  label: string,
  run: WindowRun,
  /** The goal for the ratio; null for none. */
  goal: string | null = '>= 0.95',
): { figures: Figure[]; summary: string } {
  const minimumSeconds = Math.floor((run.served - 1) / run.limit) * run.windowS + run.latencyMs / 1000;
  const achieved = run.served / run.seconds;
  const allowed = run.served / minimumSeconds;
  return {
    summary:
      `${run.served} requests served, ${run.refused} 429s, in ${run.seconds.toFixed(1)} s; the fastest possible ` +
      `under the window ${minimumSeconds.toFixed(1)} s: ${achieved.toFixed(2)} req/s of ${allowed.toFixed(2)} allowed = ${(achieved / allowed).toFixed(3)}`,
    figures: [
      {
        name: `${label}, ${run.limit} per ${run.windowS} s, ${run.latencyMs} ms latency (${run.served} requests)`,
        value: achieved,
        unit: 'req/s',
        baseline: { value: allowed, label: 'allowed: the best possible under the sliding window' },
        goal: goal ?? undefined,
      },
      { name: `${label.split(':')[0]}: 429s the emulator sent`, value: run.refused, unit: '429s', goal: '0' },
    ],
  };
}
