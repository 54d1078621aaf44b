/** What the workflow commands share about their `--from` source: the format flag and the notes. */
import { terminalText } from '../../core/terminal-text.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';

export function checkFormat(value: string | undefined, allowed: readonly string[]): 'auto' {
  const format = value ?? 'auto';
  if (format !== 'auto' && !allowed.includes(format)) {
    throw new UsageError(
      `--format must be auto or one of ${allowed.join(', ')}, got ${JSON.stringify(format)}`,
    );
  }
  return format as 'auto';
}

export function noteDetection(ctx: CliContext, detection: string | undefined): void {
  if (detection && ctx.format === 'table') process.stderr.write(`${terminalText(detection)}\n`);
}

export function warnAll(
  ctx: CliContext,
  warnings: ReadonlyArray<{ source?: { file: string; line: number }; message: string }>,
): void {
  for (const warning of warnings)
    ctx.warn(`${warning.source ? `${warning.source.file}:${warning.source.line}: ` : ''}${warning.message}`);
}

/** What a source reader returns that the commands report: the format it detected, its warnings. */
interface SourceRead {
  detection?: string | undefined;
  warnings: ReadonlyArray<{ source?: { file: string; line: number }; message: string }>;
}

/** Reads `--from` with a workflow's reader, once --format is checked; notes the detection and warns. */
export async function readFrom<Source extends SourceRead>(
  ctx: CliContext,
  flags: { from: string; format?: string | undefined },
  formats: readonly string[],
  read: (file: string, format: 'auto') => Promise<Source>,
): Promise<Source> {
  const source = await read(flags.from, checkFormat(flags.format, formats));
  noteDetection(ctx, source.detection);
  warnAll(ctx, source.warnings);
  return source;
}
