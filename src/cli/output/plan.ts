/**
 * A plan for people: the target, the count per action, then one line per action that does
 * something (unchanged records are counted, and listed only with --all). `--json` prints the plan
 * document itself instead.
 */
import { terminalText } from '../../core/terminal-text.js';
import type { ApplyResult } from '../../workflows/engine/apply.js';
import { ACTION_KINDS, type Plan, type PlanAction } from '../../workflows/engine/plan.js';
import { renderTable } from './table.js';

function short(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    return value
      .map((entry) =>
        typeof entry === 'object' && entry !== null && 'value' in entry
          ? String((entry as { value: unknown }).value)
          : JSON.stringify(entry),
      )
      .join(', ');
  }
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
}

export function describeAction(action: PlanAction): string {
  if (!action.changes || Object.keys(action.changes).length === 0) return action.reason;
  return Object.entries(action.changes)
    .map(([field, change]) => `${field}: ${short(change.from)} → ${short(change.to)}`)
    .join('; ');
}

export function planSummaryLine(plan: Plan): string {
  return ACTION_KINDS.map((kind) => `${plan.summary[kind]} ${kind}`).join(', ');
}

export function renderPlan(plan: Plan, options: { all?: boolean } = {}): string {
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
    const rows = shown.map((action) => [
      action.action,
      action.organizationId,
      action.id ?? '',
      action.key,
      describeAction(action),
      action.source ? `${action.source.file}:${action.source.line}` : '',
    ]);
    lines.push(
      '',
      renderTable(['action', 'org', 'id', 'key', 'what', 'source'], rows, (s) => s),
    );
  }
  if (!options.all && plan.summary.unchanged > 0)
    lines.push('', `(${plan.summary.unchanged} unchanged not listed; --all lists them)`);
  return terminalText(lines.join('\n'));
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
  for (const outcome of result.outcomes.filter((o) => o.state !== 'done')) {
    lines.push(
      `  ${outcome.state.padEnd(8)} ${outcome.action.action} ${outcome.action.key}${outcome.error ? `: ${outcome.error}` : ''}`,
    );
  }
  lines.push(`Undo it with: gluekit undo ${result.runId}`);
  return terminalText(lines.join('\n'));
}
