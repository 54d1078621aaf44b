/**
 * Strong parameters, as Rails applies them on IT Glue: a resource permits a fixed set of
 * attributes; anything else is dropped without an error. Permitted values are coerced to the
 * stored type (ids to digit strings, dates to `YYYY-MM-DD`); a value that cannot be is a 422.
 */
import { kebabKey } from '../../jsonapi/case.js';
import type { ApiError } from '../support/api-errors.js';
import { isoTimestamp } from '../support/clock.js';
import { readId } from '../support/ids.js';
import { invalid } from './problems.js';

/** One attribute as the client sent it. */
export interface SentAttribute {
  /** The key exactly as sent (`first_name`, `first-name`), for the ignored-attributes header. */
  readonly key: string;
  /** camelCase (`firstName`); nested object keys are camelCased too. */
  readonly name: string;
  readonly value: unknown;
}

/**
 * `string`, `id`, `date`, `datetime` and `integer` accept null (IT Glue clears a field with null);
 * `boolean` reads null as false; `nullableBoolean` keeps null; `list` is an array of objects.
 */
export type AttributeKind =
  | 'string'
  | 'boolean'
  | 'nullableBoolean'
  | 'id'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'list';

export type PermitSpec = Readonly<Record<string, AttributeKind>>;

export interface Permitted {
  /** camelCase name → coerced value, only for permitted attributes that were sent. */
  values: Record<string, unknown>;
  /** Keys as sent that were dropped. */
  ignored: string[];
  errors: ApiError[];
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
const DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/;

type Coerced = { ok: true; value: unknown } | { ok: false };

function coerce(kind: AttributeKind, value: unknown): Coerced {
  if (value === null) return { ok: true, value: kind === 'boolean' ? false : null };
  switch (kind) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? { ok: true, value: String(value) }
        : { ok: false };
    case 'boolean':
    case 'nullableBoolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      const word = BOOLEAN_WORDS[String(value).trim().toLowerCase()];
      return word === undefined ? { ok: false } : { ok: true, value: word };
    }
    case 'id': {
      const id = readId(value);
      return id === undefined ? { ok: false } : { ok: true, value: id };
    }
    case 'date': {
      const match = typeof value === 'string' ? DATE.exec(value.trim()) : null;
      return match?.[1] && !Number.isNaN(Date.parse(match[1]))
        ? { ok: true, value: match[1] }
        : { ok: false };
    }
    case 'datetime': {
      const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(ms) ? { ok: false } : { ok: true, value: isoTimestamp(ms) };
    }
    case 'integer': {
      const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      return typeof number === 'number' && Number.isSafeInteger(number)
        ? { ok: true, value: number }
        : { ok: false };
    }
    case 'list':
      return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null)
        ? { ok: true, value }
        : { ok: false };
  }
}

export function permit(sent: readonly SentAttribute[], spec: PermitSpec, pointerBase: string): Permitted {
  const values: Record<string, unknown> = {};
  const ignored: string[] = [];
  const errors: ApiError[] = [];
  for (const attribute of sent) {
    const kind = spec[attribute.name];
    if (kind === undefined) {
      ignored.push(attribute.key);
      continue;
    }
    const coerced = coerce(kind, attribute.value);
    if (coerced.ok) values[attribute.name] = coerced.value;
    else errors.push(invalid(pointerBase, kebabKey(attribute.name)));
  }
  return { values, ignored, errors };
}

/** Whether the client sent `name` (after permitting). */
export function has(values: Record<string, unknown>, name: string): boolean {
  return Object.hasOwn(values, name);
}
