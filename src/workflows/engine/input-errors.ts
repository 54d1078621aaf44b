/**
 * Problems with the input that stop a plan before anything is written: an unknown organization,
 * a configuration type that does not exist, a deactivation without a type. Every one names the
 * file and line, the field, and the fix; they are all reported together.
 */
import { InputError } from '../../core/errors.js';
import { renderText, SDK_WORDS, type Vocabulary } from '../../core/words.js';
import type { SourceRef } from './plan.js';

export interface InputProblem {
  source?: SourceRef | undefined;
  /** The column or key at fault in the source. */
  field?: string | undefined;
  /** The workflow option at fault, by key (`deactivateType`): each surface names it its own way. */
  option?: string | undefined;
  /** What is wrong and what to do; an option they name is its key in backticks (src/core/words.ts). */
  message: string;
  fix: string;
}

export function describeProblem(problem: InputProblem, say: Vocabulary = SDK_WORDS): string {
  const where = problem.source ? `${problem.source.file}:${problem.source.line}: ` : '';
  const at = problem.option ? say.option(problem.option) : problem.field;
  const field = at ? `${at}: ` : '';
  return renderText(`${where}${field}${problem.message}. ${problem.fix}`, say);
}

export class PlanInputError extends InputError {
  override name = 'PlanInputError';
  constructor(readonly problems: InputProblem[]) {
    super((say) => {
      const shown = problems.slice(0, 20).map((problem) => `  ${describeProblem(problem, say)}`);
      const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
      return [
        `The input has ${problems.length} problem(s); nothing was planned or written:`,
        ...shown,
        ...more,
      ].join('\n');
    });
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
