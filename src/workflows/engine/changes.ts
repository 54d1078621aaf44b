/**
 * The field changes of one update, and the attributes it sends: built together, so a change shown
 * in the plan is always a change written. Never blanks a field: an empty source value is no change.
 */
import type { FieldChange } from './plan.js';

/**
 * How a source value is compared with the current one. Each workflow keeps its own rule, named
 * here rather than copied: contacts compare trimmed text exactly, configurations trimmed and
 * case-insensitively, passwords the values as they are.
 */
export type Comparison = 'trimmed' | 'trimmed-ignoring-case' | 'exact';

function sameValue(from: unknown, to: string, comparison: Comparison): boolean {
  if (comparison === 'exact') return (from ?? '') === to;
  if (typeof from !== 'string') return false;
  return comparison === 'trimmed' ? from.trim() === to : from.trim().toLowerCase() === to.toLowerCase();
}

export class ChangeSet {
  readonly changes: Record<string, FieldChange> = {};
  readonly attributes: Record<string, unknown> = {};

  get isEmpty(): boolean {
    return Object.keys(this.changes).length === 0;
  }

  /** Records a change whatever the values: the caller has decided it is one. */
  set(field: string, from: unknown, to: unknown): void {
    this.changes[field] = { from, to };
    this.attributes[field] = to;
  }

  /**
   * Sets `field` to the source value when it differs by `comparison`. A blank source value is never
   * written; `trimmed` comparisons write the trimmed value, `exact` the value as given.
   */
  setIfChanged(field: string, from: unknown, to: string | undefined, comparison: Comparison): void {
    const value = comparison === 'exact' ? to : to?.trim();
    if (!value) return; // never blank a field
    if (sameValue(from, value, comparison)) return;
    this.set(field, from ?? null, value);
  }
}
