/**
 * Problems with a source file. A reader collects every problem in the file and throws them
 * together as one `SourceInputError`, so a user fixes the whole file in one pass and nothing
 * downstream ever runs on half a file. Each problem names the file, the line, the field and the
 * fix. Messages quote only the one cell at fault (shortened), never a whole row: a row may hold
 * data that must not end up in a terminal or a log.
 */
import { InputError } from '../core/errors.js';

export interface SourceRef {
  file: string;
  line: number;
}

export interface SourceProblem {
  file: string;
  /** 1-based physical line; absent for problems with the file as a whole (size, unreadable). */
  line?: number | undefined;
  /** The column header or JSON key at fault, as written in the file. */
  field?: string | undefined;
  message: string;
  fix: string;
}

export interface SourceWarning {
  source: SourceRef;
  message: string;
}

/** How many problems the message lists; the rest are counted (all are on `problems`). */
export const PROBLEMS_SHOWN = 20;

export function describeSourceProblem(problem: SourceProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.field ? `${problem.field}: ` : '';
  return `${where}: ${field}${problem.message}. ${problem.fix}`;
}

function summarize(problems: readonly SourceProblem[]): string {
  const [first] = problems;
  if (problems.length === 1 && first) return describeSourceProblem(first);
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((problem) => `  ${describeSourceProblem(problem)}`);
  const rest = problems.length - shown.length;
  const more = rest > 0 ? [`  … and ${rest} more`] : [];
  const file = first?.file ?? 'the source';
  return [
    `${file} has ${problems.length} problems; nothing was read. Fix them and run again:`,
    ...shown,
    ...more,
  ].join('\n');
}

export class SourceInputError extends InputError {
  override name = 'SourceInputError';
  /** Every problem found, in file order. The fields below repeat the first one. */
  readonly problems: readonly SourceProblem[];
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly fix: string;

  constructor(problems: readonly SourceProblem[]) {
    if (problems.length === 0) throw new TypeError('SourceInputError needs at least one problem');
    super(summarize(problems));
    const first = problems[0] as SourceProblem;
    this.problems = problems;
    this.file = first.file;
    this.line = first.line;
    this.field = first.field;
    this.fix = first.fix;
  }
}

/** Throws a single problem at once: for damage that stops reading (a broken quote, bad bytes). */
export function failSource(problem: SourceProblem): never {
  throw new SourceInputError([problem]);
}

const CELL_SHOWN = 60;

/**
 * A cell value for a message: quoted, with control characters escaped so a stray newline cannot
 * forge a second message line, and shortened so a long cell cannot flood the terminal.
 */
export function quoteCell(value: string): string {
  const short = value.length > CELL_SHOWN ? `${value.slice(0, CELL_SHOWN)}…` : value;
  return JSON.stringify(short);
}

/** Collects problems and warnings while a reader walks a file. */
export class SourceReport {
  readonly problems: SourceProblem[] = [];
  readonly warnings: SourceWarning[] = [];
  /** The same problem found twice (a field read twice) is listed once. */
  private readonly seen = new Set<string>();

  constructor(readonly file: string) {}

  problem(line: number | undefined, field: string | undefined, message: string, fix: string): void {
    const key = `${line}\u0000${field}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ file: this.file, line, field, message, fix });
  }

  warn(line: number, message: string): void {
    this.warnings.push({ source: { file: this.file, line }, message });
  }

  /** A warning about something many rows share (an unmapped organization), given once at its first row. */
  warnOnce(key: string, line: number, message: string): void {
    if (this.seen.has(`once\u0000${key}`)) return;
    this.seen.add(`once\u0000${key}`);
    this.warn(line, message);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new SourceInputError(this.problems);
  }
}
