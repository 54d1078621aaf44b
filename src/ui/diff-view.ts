/**
 * Field-level differences as people read them: field, before, after; long or multi-line text as
 * one inline diff with the removed words struck and the added ones marked. A secret field never
 * shows a value, only that it changed.
 */
import { isSecretKey } from '../spec/secrets.js';
import { html, type SafeHtml } from './html.js';
import { type DiffPart, diffWords } from './text-diff.js';

export interface FieldDiff {
  field: string;
  from: unknown;
  to: unknown;
}

/** A stored value as one line of text: email and phone lists by their values, objects as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
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
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isLongText(text: string): boolean {
  return text.length > 60 || text.includes('\n');
}

export function inlineDiff(parts: readonly DiffPart[]): SafeHtml {
  return html`${parts.map((part) =>
    part.kind === 'same'
      ? html`<span>${part.text}</span>`
      : part.kind === 'removed'
        ? html`<del>${part.text}</del>`
        : html`<ins>${part.text}</ins>`,
  )}`;
}

function cell(text: string, kind: 'del' | 'ins'): SafeHtml {
  if (text === '') return html`<span class="muted">empty</span>`;
  return kind === 'del' ? html`<del>${text}</del>` : html`<ins>${text}</ins>`;
}

/** A table of field changes; `null` differences (changed before the mirror saw the record) say so. */
export function fieldDiffTable(diffs: readonly FieldDiff[]): SafeHtml {
  if (diffs.length === 0) return html``;
  const rows = diffs.map((diff) => {
    if (isSecretKey(diff.field)) {
      return html`<tr><th scope="row">${diff.field}</th><td colspan="2"><span class="tag">changed</span> <span class="muted">(never shown)</span></td></tr>`;
    }
    const before = valueText(diff.from);
    const after = valueText(diff.to);
    if (before !== '' && after !== '' && (isLongText(before) || isLongText(after))) {
      return html`<tr><th scope="row">${diff.field}</th><td colspan="2" class="inline-diff">${inlineDiff(diffWords(before, after))}</td></tr>`;
    }
    return html`<tr><th scope="row">${diff.field}</th><td class="before">${cell(before, 'del')}</td><td class="after">${cell(after, 'ins')}</td></tr>`;
  });
  return html`<table class="diff"><thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>${rows}</tbody></table>`;
}
