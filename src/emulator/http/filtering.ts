/**
 * `filter[...]` as IT Glue applies it: exact matches, a comma means OR and `\,` is a literal comma,
 * several keys AND together. Booleans take `true|false|1|0`. Timestamps take a range
 * `start,end` (RFC 3339 or a date, `*` for an open end). `filter[exclude][field]` keeps the
 * records that do not match (a record without a value is kept: emulator choice), and
 * `filter[range][field]=low,high` is an inclusive numeric range, `*` for an open end. Keys the
 * route does not apply are ignored, as real IT Glue ignores them.
 */
import { splitFilterValue } from '../../jsonapi/query.js';
import type { Field, FieldMap } from '../resources/model.js';
import type { Tenant } from '../store/tenant.js';
import { isoTimestamp } from '../support/clock.js';
import { readBooleanParam } from './query.js';
import { badRequest } from './responses.js';

export type Predicate<R> = (record: R) => boolean;

export type FilterPlan<R> =
  | {
      ok: true;
      predicates: Predicate<R>[];
      /** `filter[organization_id]` values, so the caller can start from the organization index. */
      organizationIds: string[] | undefined;
      /** Filter keys sent that this route does not apply (snake_case). */
      ignored: string[];
    }
  | { ok: false; response: Response };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const DAY_MS = 86_400_000;

/** One end of a date range as a comparable timestamp string; `null` for `*`. */
function rangeBound(text: string, end: boolean): string | null | undefined {
  const value = text.trim();
  if (value === '*') return null;
  if (DATE_ONLY.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    // A date alone covers the whole day at the end of a range.
    return Number.isNaN(start) ? undefined : isoTimestamp(end ? start + DAY_MS - 1 : start);
  }
  if (!DATE_TIME.test(value)) return undefined;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : isoTimestamp(ms);
}

function timestampPredicate<R>(
  key: string,
  raw: string,
  read: (record: R) => unknown,
): Predicate<R> | Response {
  const parts = raw.split(',');
  const from = parts.length === 2 ? rangeBound(parts[0] ?? '', false) : undefined;
  const to = parts.length === 2 ? rangeBound(parts[1] ?? '', true) : undefined;
  if (from === undefined || to === undefined) {
    // Emulator choice: IT Glue documents ranges only, and the reply to a bad one is unknown.
    return badRequest(
      `filter[${key}] must be a range "start,end" of RFC 3339 times, with * for an open end`,
      {
        parameter: `filter[${key}]`,
      },
    );
  }
  // Stored timestamps all share one ISO format, so string order is time order.
  return (record) => {
    const value = read(record);
    return typeof value === 'string' && (from === null || value >= from) && (to === null || value <= to);
  };
}

/** `range[my_glue_account_id]` → `filter[range][my_glue_account_id]`, as the client wrote it. */
function filterParameter(key: string): string {
  return key.includes('[') ? `filter[${key.replace('[', '][')}` : `filter[${key}]`;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** `2,10`, `2,*` or `*,10`: both ends inclusive (IT Glue's organizations documentation). */
function numericRangePredicate<R>(
  key: string,
  raw: string,
  read: (record: R) => unknown,
): Predicate<R> | Response {
  const parts = raw.split(',').map((part) => part.trim());
  const bound = (text: string | undefined) =>
    text === '*' ? null : text !== undefined && NUMBER.test(text) ? Number(text) : undefined;
  const low = parts.length === 2 ? bound(parts[0]) : undefined;
  const high = parts.length === 2 ? bound(parts[1]) : undefined;
  if (low === undefined || high === undefined) {
    // Emulator choice, as for date ranges: the reply to a malformed range is not documented.
    const parameter = filterParameter(key);
    return badRequest(`${parameter} must be a range "low,high" of numbers, with * for an open end`, {
      parameter,
    });
  }
  return (record) => {
    const value = read(record);
    if (value === null || value === undefined || value === '') return false;
    const number = Number(value);
    return (low === null || number >= low) && (high === null || number <= high);
  };
}

function valuePredicate<R>(field: Field<R>, raw: string, read: (record: R) => unknown): Predicate<R> {
  const values = splitFilterValue(raw);
  if (field.kind === 'boolean') {
    const wanted = new Set(values.map(readBooleanParam).filter((value) => value !== undefined));
    // null never equals true or false: `filter[important]=false` skips contacts whose value is null.
    return (record) => wanted.has(read(record) as boolean);
  }
  if (field.kind === 'email') {
    const wanted = new Set(values.map((value) => value.trim().toLowerCase()));
    return (record) => {
      const value = read(record);
      return typeof value === 'string' && wanted.has(value.toLowerCase());
    };
  }
  const wanted = new Set(values);
  return (record) => {
    const value = read(record);
    return value !== null && value !== undefined && wanted.has(String(value));
  };
}

export function planFilters<R>(
  filters: ReadonlyMap<string, string>,
  applied: ReadonlySet<string>,
  fields: FieldMap<R>,
  tenant: Tenant,
): FilterPlan<R> {
  const predicates: Predicate<R>[] = [];
  let organizationIds: string[] | undefined;
  const ignored: string[] = [];
  for (const [key, raw] of filters) {
    // `exclude[name]` and `range[my_glue_account_id]` apply an operator to a field.
    const operator = /^(exclude|range)\[([a-z0-9_]+)\]$/.exec(key);
    const field = fields[operator?.[2] ?? key];
    if (!applied.has(key) || !field) {
      ignored.push(key);
      continue;
    }
    const read = (record: R) => field.read(record, tenant);
    if (operator?.[1] === 'exclude') {
      const matches = valuePredicate(field, raw, read);
      predicates.push((record) => !matches(record));
      continue;
    }
    if (operator?.[1] === 'range') {
      const predicate = numericRangePredicate(key, raw, read);
      if (predicate instanceof Response) return { ok: false, response: predicate };
      predicates.push(predicate);
      continue;
    }
    if (field.kind === 'timestamp') {
      const predicate = timestampPredicate(key, raw, read);
      if (predicate instanceof Response) return { ok: false, response: predicate };
      predicates.push(predicate);
      continue;
    }
    if (key === 'organization_id') organizationIds = splitFilterValue(raw);
    predicates.push(valuePredicate(field, raw, read));
  }
  return { ok: true, predicates, organizationIds, ignored };
}
