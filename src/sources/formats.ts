/**
 * What a source format is (its fields, the headers that identify it, how a record becomes a row)
 * and how `auto` picks one. Detection counts, per format, the headers (or JSON keys) that the
 * format's own exports write; the format with the most wins. A tie with the canonical format goes
 * to the canonical one (the shared columns mean the same there); any other tie, or a file that
 * matches nothing, is an error that lists what was seen and what each format expects.
 */
import type { SourceReport } from './errors.js';
import { type AliasTable, headerKey, listHeaders } from './headers.js';
import type { RecordView } from './records.js';

export interface BuildContext<Options> {
  report: SourceReport;
  options: Options;
}

export interface FormatSpec<Format extends string, Field extends string, Row, Options = unknown> {
  format: Format;
  /** What the format is, for messages: `Microsoft 365 admin-center "Export users" CSV`. */
  label: string;
  /** The canonical format wins ties, and warns about columns it does not use (likely typos). */
  canonical?: boolean;
  fields: AliasTable<Field>;
  /** Headers and JSON keys (dotted for nested objects) that this format's exports write. */
  signature: readonly string[];
  reads: { csv: boolean; json: boolean };
  /** A file must have at least one of these fields to be read as this format. */
  requires: readonly Field[];
  build(view: RecordView<Field>, context: BuildContext<Options>): Row;
}

/**
 * gluekit's own format for a kind of record, as CSV or JSON: the same fields, signature and
 * builder either way; only the label and which syntax it reads differ.
 */
export function canonicalSpec<Format extends string, Field extends string, Row, Options>(
  format: Format & ('csv' | 'json'),
  noun: string,
  spec: Pick<FormatSpec<Format, Field, Row, Options>, 'fields' | 'signature' | 'requires' | 'build'>,
): FormatSpec<Format, Field, Row, Options> {
  return {
    format,
    label: `gluekit ${noun} ${format === 'csv' ? 'CSV' : 'JSON'}`,
    canonical: true,
    fields: spec.fields,
    signature: spec.signature,
    reads: { csv: format === 'csv', json: format === 'json' },
    requires: spec.requires,
    build: spec.build,
  };
}

/**
 * A finished row without the keys whose value is undefined, so rows compare, print and serialize
 * cleanly. (Copying is cheaper than `delete`, which sends V8 objects to the slow path.)
 */
export function withoutUndefined<T extends object>(value: T): T {
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (value[key] !== undefined) copy[key] = value[key];
  }
  return copy as T;
}

export interface Detection<Spec> {
  spec: Spec;
  /** Which headers decided it, for the "auto-detected …" note. */
  matched: string[];
}

/** The keys of the first records of a JSON file, nested objects flattened one level (`system.serialNumber`). */
export function jsonKeys(records: readonly unknown[], sample = 50): string[] {
  const keys = new Set<string>();
  for (const record of records.slice(0, sample)) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) continue;
    for (const [name, value] of Object.entries(record)) {
      keys.add(name);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const inner of Object.keys(value)) keys.add(`${name}.${inner}`);
      }
    }
  }
  return [...keys];
}

/** Header keys without array indexes: `ipAddresses[0]` in a CSV header is `ipAddresses` in JSON. */
function comparable(name: string): string {
  return headerKey(name).replace(/\[\d+\]/g, '');
}

/** Whether the present keys include one of the fields a spec requires. */
function hasRequired(
  spec: FormatSpec<string, string, unknown, never>,
  present: ReadonlySet<string>,
): boolean {
  return spec.requires.some((field) =>
    (spec.fields[field] ?? []).some((alias) => present.has(comparable(alias))),
  );
}

export function describeExpected(specs: ReadonlyArray<FormatSpec<string, string, unknown, never>>): string {
  return specs.map((spec) => `${spec.format} (${spec.label}): ${listHeaders(spec.signature, 8)}`).join('; ');
}

/**
 * Picks the format whose signature best matches the keys present. Returns a reason string instead
 * of a spec when nothing fits or two formats fit equally well.
 */
export function detectFormat<Spec extends FormatSpec<string, string, unknown, never>>(
  specs: readonly Spec[],
  keys: readonly string[],
): Detection<Spec> | { reason: string } {
  const present = new Set(keys.map(comparable));
  const candidates: Detection<Spec>[] = specs
    .map((spec) => {
      const signature = new Set(spec.signature.map(comparable));
      // The file's own spellings, for the note that says what decided.
      return { spec, matched: keys.filter((key) => signature.has(comparable(key))) };
    })
    .filter((candidate) => candidate.matched.length > 0 && hasRequired(candidate.spec, present))
    .sort((a, b) => b.matched.length - a.matched.length);
  const [best] = candidates;
  if (!best) return { reason: 'they match none of the formats this reader knows' };
  const tied = candidates.filter((candidate) => candidate.matched.length === best.matched.length);
  if (tied.length > 1) {
    const canonical = tied.find((candidate) => candidate.spec.canonical);
    if (canonical) return canonical;
    const names = tied.map((candidate) => candidate.spec.format).join(' and ');
    return { reason: `they fit ${names} equally well (${best.matched.length} known columns each)` };
  }
  return best;
}
