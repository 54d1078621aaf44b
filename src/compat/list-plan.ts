/**
 * How a list call reaches the wire. The caller uses the document's filters; real IT Glue ignores
 * some of them silently (returning everything!): `filter[hostname]`, contact `filter[name]`, and
 * every filter on the nested `/organizations/{id}/relationships/...` routes. Each resource's compat
 * module turns the caller's list into one of two plans:
 *
 * - `server`: one route, paged by IT Glue, with only filters it really applies. `recheck` verifies
 *   a translated filter on each page (email → `filter[primary_email]`), because a filter IT Glue
 *   did not understand must never pass as a match.
 * - `client`: filters IT Glue cannot apply. Every candidate is read at page size 1000 and matched
 *   here, and the result is one page holding all matches.
 */

import type { Requester } from '../core/requester.js';
import type { RequestOptions } from '../core/transport.js';
import { camelKey } from '../jsonapi/case.js';
import type { FlatResource } from '../jsonapi/deserialize.js';
import type { QueryInput } from '../jsonapi/query.js';

/** A list call after validation: camelCase filter keys, values as OR lists, snake_case sorts. */
export interface ListInput {
  /** The organization whose records to list (the document's nested route), when given. */
  organizationId?: string | undefined;
  filter: Record<string, string[]>;
  /** snake_case fields, `-` for descending. */
  sort: string[];
  pageNumber?: number | undefined;
  pageSize: number;
}

/** Runs on records after compat has normalized them, so it sees the document's fields. */
export type RecordPredicate = (record: Readonly<Record<string, unknown>>) => boolean;

export type ListPlan =
  | { mode: 'server'; path: string; operationId: string; query: QueryInput; recheck?: RecordPredicate }
  | {
      mode: 'client';
      read: (requester: Requester, options: RequestOptions) => AsyncIterable<FlatResource>;
      filter: RecordPredicate;
      sort: string[];
    };

function normalizeText(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
}

/**
 * A record matches when the field equals one of the values, trimmed and case-insensitively
 * (emails, hostnames and names are not case-sensitive to a person).
 */
export function matchesAny(values: readonly string[], actual: unknown): boolean {
  const have = normalizeText(actual);
  return have !== undefined && values.some((value) => normalizeText(value) === have);
}

/** Combines per-field predicates with AND; undefined when there are none. */
export function allOf(predicates: RecordPredicate[]): RecordPredicate | undefined {
  if (predicates.length === 0) return undefined;
  return (record) => predicates.every((predicate) => predicate(record));
}

/** snake_case filter values for the query, from camelCase keys. */
export function serverFilters(
  filter: Record<string, string[]>,
  mapping: Record<string, string>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(filter)) {
    const wire = mapping[key];
    if (wire) out[wire] = values;
  }
  return out;
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function compareValues(a: unknown, b: unknown, field: string): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (field === 'id' || field.endsWith('_id')) return compareIds(String(a), String(b));
  return String(a).localeCompare(String(b));
}

/** Sorts records the way IT Glue would (`-` for descending, nulls first), for client-side plans. */
export function sortRecords(records: FlatResource[], sort: readonly string[]): FlatResource[] {
  const keys = (sort.length > 0 ? sort : ['id']).map((field) => {
    const descending = field.startsWith('-');
    const name = descending ? field.slice(1) : field;
    return { name, key: camelKey(name), direction: descending ? -1 : 1 };
  });
  return [...records].sort((a, b) => {
    for (const { name, key, direction } of keys) {
      const order = compareValues(a[key], b[key], name);
      if (order !== 0) return order * direction;
    }
    return 0;
  });
}
