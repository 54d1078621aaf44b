/**
 * Problems with the input that stop a plan before anything is written: an unknown organization,
 * a configuration type that does not exist, a deactivation without a type. Every one names the
 * file and line, the field, and the fix; they are all reported together.
 */
import { InputError } from '../../core/errors.js';
import type { SourceRef } from './plan.js';

export interface InputProblem {
  source?: SourceRef | undefined;
  field?: string | undefined;
  message: string;
  fix: string;
}

export function describeProblem(problem: InputProblem): string {
  const where = problem.source ? `${problem.source.file}:${problem.source.line}: ` : '';
  const field = problem.field ? `${problem.field}: ` : '';
  return `${where}${field}${problem.message}. ${problem.fix}`;
}

export class PlanInputError extends InputError {
  override name = 'PlanInputError';
  constructor(readonly problems: InputProblem[]) {
    const shown = problems.slice(0, 20).map((problem) => `  ${describeProblem(problem)}`);
    const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
    super(
      [
        `The input has ${problems.length} problem(s); nothing was planned or written:`,
        ...shown,
        ...more,
      ].join('\n'),
    );
  }
}

/** Collects problems; `throwIfAny` stops the run with all of them at once. */
export class ProblemList {
  readonly problems: InputProblem[] = [];

  add(problem: InputProblem): void {
    this.problems.push(problem);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new PlanInputError(this.problems);
  }
}
