/**
 * The path every reader shares: text → CSV or JSON records → the chosen format → rows, with all
 * problems in the file collected and thrown together at the end, so a file is read whole or not
 * at all. Contacts and configurations differ only in their format specs.
 */
import { GlueKitError } from '../core/errors.js';
import { CsvReader } from './csv.js';
import { failSource, SourceInputError, SourceReport, type SourceWarning } from './errors.js';
import {
  type BuildContext,
  type Detection,
  describeExpected,
  detectFormat,
  type FormatSpec,
  jsonKeys,
} from './formats.js';
import { listHeaders, matchColumns, reportDuplicateColumns, reportExtraCells } from './headers.js';
import { looksLikeJson, parseJsonRecords } from './json.js';
import { CsvRecordView, compilePaths, JsonRecordView } from './records.js';
import { UnusedCsvColumns, UnusedJsonKeys } from './unused-columns.js';

export interface ReadResult<Format extends string, Row> {
  format: Format;
  /** Set when `auto` chose the format: which one, and from which headers. */
  detection?: string | undefined;
  rows: Row[];
  warnings: SourceWarning[];
  /** Columns (JSON keys) with data in some row that the format does not read: dropped data. */
  unusedColumns: string[];
}

type AnySpec<Format extends string, Row, Options> = FormatSpec<Format, string, Row, Options>;

function choose<Format extends string, Row, Options>(
  specs: ReadonlyArray<AnySpec<Format, Row, Options>>,
  wanted: Format | 'auto',
  kind: 'csv' | 'json',
  keys: () => string[],
  file: string,
): { spec: AnySpec<Format, Row, Options>; detection?: string } {
  const readable = specs.filter((spec) => spec.reads[kind]);
  if (wanted !== 'auto') {
    const spec = specs.find((candidate) => candidate.format === wanted);
    if (!spec) {
      const known = ['auto', ...specs.map((candidate) => candidate.format)].join(', ');
      throw new GlueKitError(`"${wanted}" is not a format this reader knows; use one of ${known}`);
    }
    if (!spec.reads[kind]) {
      failSource({
        file,
        line: 1,
        message: `the file is ${kind === 'json' ? 'JSON' : 'CSV'}, but the ${wanted} format is read from ${kind === 'json' ? 'CSV' : 'JSON'}`,
        fix: `Pass the ${spec.label}, or another \`format\` (${readable.map((s) => s.format).join(', ')}).`,
      });
    }
    return { spec };
  }
  const seen = keys();
  const detected: Detection<AnySpec<Format, Row, Options>> | { reason: string } = detectFormat(
    readable,
    seen,
  );
  if ('reason' in detected) {
    const what = kind === 'json' ? 'keys' : 'headers';
    failSource({
      file,
      line: 1,
      message: `cannot tell the format from the ${what} (${detected.reason}). Seen: ${listHeaders(seen) || 'none'}. Expected: ${describeExpected(readable)}`,
      fix: 'Rename the columns to one of the formats above, or pass `format`.',
    });
  }
  const by = listHeaders(detected.matched, 4);
  return {
    spec: detected.spec,
    detection: `auto-detected ${detected.spec.format} (${detected.spec.label}) from the ${kind === 'json' ? 'keys' : 'headers'} ${by}`,
  };
}

function checkRequired<Format extends string, Row, Options>(
  spec: AnySpec<Format, Row, Options>,
  found: (field: string) => boolean,
  seen: string[],
  file: string,
): void {
  if (spec.requires.some(found)) return;
  const expected = spec.requires.map((field) => spec.fields[field]?.[0] ?? field);
  failSource({
    file,
    line: 1,
    message: `the ${spec.label} needs a column ${expected.map((name) => JSON.stringify(name)).join(' or ')}; the file has ${listHeaders(seen) || 'no columns'}`,
    fix: 'Add or rename the column, or pass the `format` that matches the file.',
  });
}

/** What reading one file needs besides its text: where problems go, and which format to read. */
interface ReadRequest<Format extends string, Row, Options> {
  report: SourceReport;
  specs: ReadonlyArray<AnySpec<Format, Row, Options>>;
  wanted: Format | 'auto';
  options: Options;
}

function readJson<Format extends string, Row, Options>(
  text: string,
  { report, specs, wanted, options }: ReadRequest<Format, Row, Options>,
): ReadResult<Format, Row> {
  const { records } = parseJsonRecords(text, report.file);
  const values = records.map((record) => record.value);
  const { spec, detection } = choose(specs, wanted, 'json', () => jsonKeys(values), report.file);
  const paths = compilePaths(spec.fields);
  const context: BuildContext<Options> = { report, options };
  const unused = new UnusedJsonKeys(paths);
  const rows: Row[] = [];
  for (const { line, value } of records) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
      report.problem(
        line,
        undefined,
        `expected a record ({...}), found ${kind}`,
        'Make every element of the list an object.',
      );
      continue;
    }
    if (Object.keys(value).length === 0) continue;
    unused.look(value as Record<string, unknown>);
    rows.push(spec.build(new JsonRecordView(line, value as Record<string, unknown>, paths, report), context));
  }
  return { format: spec.format, detection, rows, warnings: report.warnings, unusedColumns: unused.names };
}

function readCsv<Format extends string, Row, Options>(
  text: string,
  { report, specs, wanted, options }: ReadRequest<Format, Row, Options>,
): ReadResult<Format, Row> {
  const reader = new CsvReader(text, { file: report.file });
  const first = reader.next();
  if (first === undefined) {
    failSource({
      file: report.file,
      line: 1,
      message: 'the file has no header line',
      fix: 'Export the file again; it is empty.',
    });
  }
  const headerLine = first.line;
  const headers = first.cells;
  const { spec, detection } = choose(specs, wanted, 'csv', () => headers, report.file);
  const match = matchColumns(headers, spec.fields);
  checkRequired(spec, (field) => match.columns.has(field), headers, report.file);
  reportDuplicateColumns(match, spec.fields, headerLine, report);
  if (spec.canonical && match.unused.length > 0) {
    report.warn(headerLine, `columns not used: ${listHeaders(match.unused)} (a typo in a header name?)`);
  }
  // Only the columns a field reads are copied out of the text. A row blank in all of them
  // carries nothing this format reads (often a trailing `,,,,` line from Excel) and is passed over.
  const unused = new UnusedCsvColumns(headers, new Set(match.columns.values()), reader);
  const context: BuildContext<Options> = { report, options };
  const rows: Row[] = [];
  for (let record = reader.next(); record !== undefined; record = reader.next()) {
    const { line, cells } = record;
    if (cells.every((cell) => cell.trim() === '')) continue;
    unused.look(cells);
    const fix = 'Quote any cell that contains the delimiter, or remove the extra cells.';
    if (reportExtraCells(cells, headers.length, line, report, fix)) continue;
    rows.push(spec.build(new CsvRecordView(line, cells, match.columns, headers), context));
  }
  return { format: spec.format, detection, rows, warnings: report.warnings, unusedColumns: unused.names };
}

/** Reads source text with one of `specs`; throws a SourceInputError listing every problem. */
export function readSource<Format extends string, Row, Options>(
  text: string,
  file: string,
  specs: ReadonlyArray<AnySpec<Format, Row, Options>>,
  wanted: Format | 'auto',
  options: Options,
): ReadResult<Format, Row> {
  if (text.trim() === '') {
    failSource({
      file,
      line: 1,
      message: 'the file is empty',
      fix: 'Export the source again; an empty file is never read as "no records".',
    });
  }
  const report = new SourceReport(file);
  let result: ReadResult<Format, Row>;
  try {
    const request = { report, specs, wanted, options };
    result = looksLikeJson(text) ? readJson(text, request) : readCsv(text, request);
  } catch (error) {
    // Damage that stops reading (a quote never closed) comes with the problems found before it.
    if (error instanceof SourceInputError && report.problems.length > 0) {
      throw new SourceInputError([...report.problems, ...error.problems]);
    }
    throw error;
  }
  report.throwIfAny();
  return result;
}
