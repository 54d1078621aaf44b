/**
 * One view over a source record, whether it is a CSV row or a JSON object, so a format's reader
 * is written once for both. A field is looked up through the format's alias table: in CSV by the
 * column matched to it, in JSON by key paths (`system.serialNumber`, `ipAddresses[0]`) compared
 * the same forgiving way as headers. A JSON value of the wrong kind (an object where text belongs)
 * is reported as a problem on the record's line.
 */
import type { SourceReport } from './errors.js';
import { type AliasTable, headerKey } from './headers.js';

export interface RecordView<Field extends string> {
  /** The line where the record starts. */
  readonly line: number;
  /** The field's text with surrounding whitespace trimmed; undefined when absent or blank. */
  text(field: Field): string | undefined;
  /** The field's text exactly as written (for notes); undefined when absent or blank. */
  raw(field: Field): string | undefined;
  /** A list: a JSON array, or text split at `separators` (if given); items trimmed, blanks dropped. */
  list(field: Field, separators?: RegExp): string[];
  /** The header or key the field was read from, as written, for messages. */
  label(field: Field): string;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function splitList(value: string | undefined, separators: RegExp | undefined): string[] {
  if (value === undefined) return [];
  if (separators === undefined) return value.trim() === '' ? [] : [value.trim()];
  return value
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * A CSV row's cells looked up by field: `columns` maps each field to its column; `headers` are
 * as written. Each kind of reader decides what a cell means (blank, trimmed, exact).
 */
export abstract class CsvCells<Field extends string> {
  constructor(
    readonly line: number,
    private readonly cells: readonly string[],
    private readonly columns: ReadonlyMap<Field, number>,
    private readonly headers: readonly string[],
  ) {}

  /** The cell as written; undefined when the column is missing or the row stops short of it. */
  protected cell(field: Field): string | undefined {
    const index = this.columns.get(field);
    return index === undefined ? undefined : this.cells[index];
  }

  /** The header the field was read from, as written, for messages. */
  label(field: Field): string {
    const index = this.columns.get(field);
    return (index === undefined ? undefined : this.headers[index]) ?? field;
  }
}

/** A CSV row as a record view. */
export class CsvRecordView<Field extends string> extends CsvCells<Field> implements RecordView<Field> {
  raw(field: Field): string | undefined {
    return blankToUndefined(this.cell(field));
  }

  text(field: Field): string | undefined {
    return this.raw(field)?.trim();
  }

  list(field: Field, separators?: RegExp): string[] {
    return splitList(this.raw(field), separators);
  }
}

/** A key, an array index, or `*` for every element of an array. */
type PathStep = string | number | typeof EVERY;

const EVERY = Symbol('every element');

/**
 * `system.serialNumber` → ['system', 'serialnumber']; `ipAddresses[0]` → ['ipaddresses', 0];
 * `nics[*].macAddress` → ['nics', EVERY, 'macaddress'].
 */
export function parsePath(alias: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of alias.split('.')) {
    const match = /^(.*?)((?:\[(?:\d+|\*)\])*)$/.exec(part) as RegExpExecArray;
    if (match[1]) steps.push(headerKey(match[1]));
    for (const index of (match[2] ?? '').matchAll(/\[(\d+|\*)\]/g)) {
      steps.push(index[1] === '*' ? EVERY : Number(index[1]));
    }
  }
  return steps;
}

/** Each object's keys by their header key, built once per object. */
const keyIndexes = new WeakMap<object, Map<string, unknown>>();

function member(object: Record<string, unknown>, key: string): unknown {
  let index = keyIndexes.get(object);
  if (!index) {
    index = new Map();
    for (const [name, value] of Object.entries(object)) {
      const normalized = headerKey(name);
      if (!index.has(normalized)) index.set(normalized, value);
    }
    keyIndexes.set(object, index);
  }
  return index.get(key);
}

function follow(value: unknown, path: readonly PathStep[]): unknown {
  let at = value;
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as PathStep;
    if (step === EVERY) {
      if (!Array.isArray(at)) return undefined;
      const rest = path.slice(i + 1);
      const found = at.flatMap((element) => {
        const inner = follow(element, rest);
        return inner === undefined ? [] : [inner];
      });
      return found.length > 0 ? found.flat() : undefined;
    }
    if (typeof step === 'number') at = Array.isArray(at) ? at[step] : undefined;
    else
      at =
        typeof at === 'object' && at !== null && !Array.isArray(at)
          ? member(at as Record<string, unknown>, step)
          : undefined;
    if (at === undefined || at === null) return undefined;
  }
  return at;
}

/** Field → its alias paths, computed once per table. */
export function compilePaths<Field extends string>(
  table: AliasTable<Field>,
): Map<Field, Array<{ alias: string; path: PathStep[] }>> {
  const compiled = new Map<Field, Array<{ alias: string; path: PathStep[] }>>();
  for (const field of Object.keys(table) as Field[]) {
    compiled.set(
      field,
      table[field].map((alias) => ({ alias, path: parsePath(alias) })),
    );
  }
  return compiled;
}

/** A JSON object. The first alias path with a value wins. */
export class JsonRecordView<Field extends string> implements RecordView<Field> {
  constructor(
    readonly line: number,
    private readonly record: Record<string, unknown>,
    private readonly paths: ReadonlyMap<Field, ReadonlyArray<{ alias: string; path: PathStep[] }>>,
    private readonly report: SourceReport,
  ) {}

  private find(field: Field): { alias: string; value: unknown } | undefined {
    for (const { alias, path } of this.paths.get(field) ?? []) {
      const value = follow(this.record, path);
      if (value !== undefined && value !== '') return { alias, value };
    }
    return undefined;
  }

  private asText(alias: string, value: unknown): string | undefined {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'boolean') return String(value);
    const kind = Array.isArray(value) ? 'a list' : 'an object';
    this.report.problem(this.line, alias, `expected text, found ${kind}`, 'Give a single string value.');
    return undefined;
  }

  raw(field: Field): string | undefined {
    const found = this.find(field);
    return found ? blankToUndefined(this.asText(found.alias, found.value)) : undefined;
  }

  text(field: Field): string | undefined {
    return this.raw(field)?.trim();
  }

  list(field: Field, separators?: RegExp): string[] {
    const found = this.find(field);
    if (!found) return [];
    if (!Array.isArray(found.value)) return splitList(this.asText(found.alias, found.value), separators);
    return found.value.flatMap((item) => {
      if (item === null || item === undefined) return [];
      const text = this.asText(found.alias, item)?.trim();
      return text ? [text] : [];
    });
  }

  label(field: Field): string {
    return this.find(field)?.alias ?? this.paths.get(field)?.[0]?.alias ?? field;
  }
}
