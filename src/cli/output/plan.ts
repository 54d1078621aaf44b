/**
 * A plan for people: the target, the count per action, then one row per action that does
 * something (unchanged records are counted, and listed only with --all), each change on its own
 * line, organizations by name, and a document update as a diff of its text. The WHAT column gets
 * the terminal's width; `--wide` (and `--all`) cut nothing. For scripts, `planJson` is the same
 * envelope every command prints: the plan as `data`, and the run (after an apply) in `meta.run`.
 */
import { jsonForTerminal, terminalText } from '../../core/terminal-text.js';
import { htmlToText } from '../../ui/doc-text.js';
import { diffLines } from '../../ui/text-diff.js';
import type { ApplyResult } from '../../workflows/engine/apply.js';
import { ACTION_KINDS, type Plan, type PlanAction, SECRET_CHANGED } from '../../workflows/engine/plan.js';
import { cliText } from '../words.js';
import { renderTable, terminalWidth } from './table.js';

/** One value in a change: strings quoted (so an empty or padded one shows), lists as `a, b`. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value === SECRET_CHANGED) return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((entry) =>
        typeof entry === 'object' && entry !== null && 'value' in entry
          ? String((entry as { value: unknown }).value)
          : typeof entry === 'string'
            ? entry
            : JSON.stringify(entry),
      )
      .join(', ');
  }
  return JSON.stringify(value);
}

/** `field: old → new`, or `field: (changed)` for a secret, whose values are never known. */
export function changeLine(
  field: string,
  from: unknown,
  to: unknown,
  text: (value: unknown) => string = valueText,
): string {
  if (from === SECRET_CHANGED || to === SECRET_CHANGED) return `${field}: ${SECRET_CHANGED}`;
  return `${field}: ${text(from)} → ${text(to)}`;
}

const LENGTH_ONLY = /^\d+ characters$/;

/**
 * A document body's change as the lines of text that differ (`-` before, `+` after), each group
 * under the heading it falls in. An older plan that recorded only lengths shows them as they are.
 */
export function documentDiffLines(from: unknown, to: unknown): string[] {
  if (typeof from !== 'string' || typeof to !== 'string' || LENGTH_ONLY.test(from) || LENGTH_ONLY.test(to))
    return [changeLine('content', from, to)];
  const parts = diffLines(htmlToText(from), htmlToText(to));
  const lines: string[] = [];
  let heading: string | undefined;
  let headingShown = false;
  for (const part of parts) {
    const partLines = part.text.replace(/\n$/, '').split('\n');
    if (part.kind === 'same') {
      const last = partLines.filter((line) => line.startsWith('#')).pop();
      if (last !== undefined) {
        heading = last;
        headingShown = false;
      }
      continue;
    }
    if (heading !== undefined && !headingShown) {
      lines.push(heading);
      headingShown = true;
    }
    const mark = part.kind === 'removed' ? '-' : '+';
    for (const line of partLines) lines.push(`${mark} ${line}`);
  }
  return lines.length > 0 ? lines : ['content: same text, different markup'];
}

/** What an action does, one line per changed field (or its reason when it changes nothing). */
export function describeAction(action: PlanAction): string {
  const changes = Object.entries(action.changes ?? {});
  if (changes.length === 0) return cliText(action.reason);
  return changes
    .flatMap(([field, change]) =>
      action.resource === 'documents' && field === 'content'
        ? documentDiffLines(change.from, change.to)
        : [changeLine(field, change.from, change.to)],
    )
    .join('\n');
}

export function planSummaryLine(plan: Plan): string {
  const kinds = ACTION_KINDS.map((kind) => `${plan.summary[kind]} ${kind}`);
  if (plan.summary.notCompared) kinds.push(`${plan.summary.notCompared} not compared`);
  return kinds.join(', ');
}

/**
 * The organization as people know it. The plan carries names beside ids (`organizationNames`);
 * a row with no organization (an entry that could not be placed) shows `-`.
 */
function organizationLabel(plan: Plan, id: string): string {
  if (!id || id === '0') return '-';
  return plan.organizationNames?.[id] ?? id;
}

/** The folder (with its trailing separator) that all these files are in, or '' when none is shared. */
function commonFolder(files: readonly string[]): string {
  if (files.length < 2) return '';
  let prefix = files[0] as string;
  for (const file of files) while (!file.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf('\\'));
  return cut >= 0 ? prefix.slice(0, cut + 1) : '';
}

export interface PlanRenderOptions {
  /** List unchanged actions too, and cut nothing. */
  all?: boolean;
  /** Cut nothing. */
  wide?: boolean;
  /** The width to fit (default: the terminal's). */
  width?: number;
}

export function renderPlan(plan: Plan, options: PlanRenderOptions = {}): string {
  const title =
    plan.workflow === 'undo'
      ? `undo of ${String(plan.options.undoOf)}`
      : `${plan.workflow} from ${String(plan.options.source ?? '')}`;
  const lines = [
    `Plan: ${title} → ${plan.target.baseUrl} (key ${plan.target.keyFingerprint})`,
    `  ${planSummaryLine(plan)}`,
  ];
  const shown = plan.actions.filter((action) => options.all || action.action !== 'unchanged');
  if (shown.length > 0) {
    // Rows from the file the title names show its line only, and files in one folder show their
    // names only: the width goes to WHAT instead.
    const sourceFile = String(plan.options.source ?? '');
    const oneFile = shown.every((action) => !action.source || action.source.file === sourceFile);
    const folder = commonFolder(shown.flatMap((action) => (action.source ? [action.source.file] : [])));
    const rows = shown.map((action) => [
      action.action,
      organizationLabel(plan, action.organizationId),
      action.id ?? '',
      action.key,
      describeAction(action),
      !action.source
        ? ''
        : oneFile
          ? action.source.line
          : `${action.source.file.slice(folder.length)}:${action.source.line}`,
    ]);
    lines.push(
      '',
      renderTable(['action', 'org', 'id', 'key', 'what', oneFile ? 'line' : 'source'], rows, (s) => s, {
        multiline: true,
        wide: options.wide === true || options.all === true,
        fit: { column: 'what', width: options.width ?? terminalWidth() },
      }),
    );
  }
  if (!options.all && plan.summary.unchanged > 0)
    lines.push('', `(${plan.summary.unchanged} unchanged not listed; --all lists them)`);
  for (const note of plan.notes ?? []) lines.push('', `Note: ${cliText(note)}`);
  return terminalText(lines.join('\n'));
}

/** The run of an applied plan, as `meta.run` carries it. */
function runOf(applied: ApplyResult) {
  return {
    id: applied.runId,
    counts: applied.counts,
    interrupted: applied.interrupted,
    recovered: applied.recovered,
    outcomes: applied.outcomes.map(({ seq, action, state, recordId, error }) => ({
      seq,
      key: action.key,
      action: action.action,
      state,
      recordId: recordId ?? null,
      error: error ?? null,
    })),
  };
}

/**
 * The plan in the envelope every command prints: `{"data": plan, "meta": {source, count}}`,
 * with `meta.run` once it was applied (the run id, counts and each write's outcome).
 */
export function planJson(plan: Plan, applied?: ApplyResult): string {
  const meta = {
    source: 'live',
    count: plan.actions.length,
    ...(applied ? { run: runOf(applied) } : {}),
  };
  return jsonForTerminal(JSON.stringify({ data: plan, meta }, null, 2));
}

export function renderApplyResult(result: ApplyResult): string {
  const counts = Object.entries(result.counts)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const lines = [
    `Run ${result.runId}: ${counts || 'nothing to write'}${result.interrupted ? ' (interrupted)' : ''}`,
  ];
  for (const recovered of result.recovered) {
    lines.push(
      `  recovered from an interrupted run ${recovered.runId}: ${recovered.key} → ${recovered.state}${recovered.recordId ? ` (${recovered.recordId})` : ''}`,
    );
  }
  // Done writes are listed only with a note (a step left for the next run, e.g. not published).
  for (const outcome of result.outcomes.filter((o) => o.state !== 'done' || o.error)) {
    lines.push(
      `  ${outcome.state.padEnd(8)} ${outcome.action.action} ${outcome.action.key}${outcome.error ? `: ${cliText(outcome.error)}` : ''}`,
    );
  }
  lines.push(`Undo it with: gluekit undo ${result.runId}`);
  return terminalText(lines.join('\n'));
}
