/**
 * Fuzz support: generators of realistic source files (contact and device exports, CSV in every
 * dialect Excel and RMM tools write, and JSON), corruptions that are certain to make a file
 * unreadable (each with the line it must be reported on), and the one invariant every reader
 * must keep: it returns rows, or throws a SourceInputError whose every problem names the file, a
 * line that exists, and a fix. Nothing else may escape.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { SourceInputError } from '../../src/sources/errors.js';

export type Delimiter = ',' | ';' | '\t';
export type Newline = '\n' | '\r\n' | '\r';

export interface Dialect {
  delimiter: Delimiter;
  newline: Newline;
  /** A UTF-8 byte order mark (Excel's "CSV UTF-8"). */
  bom: boolean;
  /** Excel's `sep=;` first line. */
  sepHint: boolean;
  /** Quote every cell, not only the ones that must be. */
  quoteAll: boolean;
  trailingNewline: boolean;
}

export const dialect: fc.Arbitrary<Dialect> = fc.record({
  delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
  newline: fc.constantFrom<Newline>('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  sepHint: fc.boolean(),
  quoteAll: fc.boolean(),
  trailingNewline: fc.boolean(),
});

/** Any text a person or an export tool puts in a cell: CSV syntax, Unicode, formulas, but no NUL. */
export const messyText = fc
  .string({
    unit: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('"', ',', ';', '\t', '\r', '\n', ' ', '=', '+', '@', '\\') },
      { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '日本', '\u00A0', '\u2028', '𝄞', '😀', '\uFEFF') },
      { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    ),
    maxLength: 24,
  })
  .map((text) => text.replaceAll('\u0000', ''));

/** Trimmed text, or undefined when blank: what a reader's `text()` gives for a cell. */
export function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

function mustQuote(cell: string): boolean {
  return /[",;\t\r\n]/.test(cell);
}

/**
 * Writes records as a CSV file in a dialect, returning the text and the physical line each
 * record starts on, counted independently of the parser.
 */
export function writeCsv(records: readonly string[][], d: Dialect): { text: string; lines: number[] } {
  let text = d.sepHint ? `sep=${d.delimiter}${d.newline}` : '';
  const lines: number[] = [];
  records.forEach((record, index) => {
    lines.push(lineAt(text, text.length));
    text += record
      .map((cell) => (d.quoteAll || mustQuote(cell) ? `"${cell.replaceAll('"', '""')}"` : cell))
      .join(d.delimiter);
    if (index < records.length - 1 || d.trailingNewline) text += d.newline;
  });
  return { text: d.bom ? `\uFEFF${text}` : text, lines };
}

/** The 1-based line holding character `offset`: CRLF, LF and a lone CR each end a line. */
export function lineAt(text: string, offset: number): number {
  return (text.slice(0, offset).match(/\r\n|\r|\n/g) ?? []).length + 1;
}

/** The same count over bytes. */
export function lineAtByte(bytes: Uint8Array, offset: number): number {
  return lineAt(Buffer.from(bytes.subarray(0, offset)).toString('latin1'), offset);
}

/** Every spelling of a header an export may use: as listed, UPPER, Title Case with spaces, camelCase. */
export function spell(alias: string, style: number): string {
  const words = alias.split(/[_\s-]+/);
  switch (style % 4) {
    case 1:
      return alias.toUpperCase();
    case 2:
      return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
    case 3:
      return words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
    default:
      return alias;
  }
}

// ---- contacts --------------------------------------------------------------------------------

export interface Person {
  organization: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
}

/** People with unique, valid primary addresses (mixed case) and messy everything else. */
export const people = (maxLength: number) =>
  fc
    .array(
      fc.record({
        organization: messyText,
        firstName: messyText,
        lastName: messyText,
        local: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/),
        domain: fc.stringMatching(/^[a-z]{1,10}$/),
        title: messyText,
      }),
      { minLength: 1, maxLength },
    )
    .map((rows) =>
      rows.map(
        ({ local, domain, ...rest }, index): Person => ({
          ...rest,
          email: `${local}.${index}@${domain}.example`,
        }),
      ),
    );

const CONTACT_COLUMNS = [
  { field: 'organization', aliases: ['organization', 'company', 'client'] },
  { field: 'firstName', aliases: ['first_name', 'given_name'] },
  { field: 'lastName', aliases: ['last_name', 'surname', 'family_name'] },
  { field: 'email', aliases: ['email', 'primary_email', 'email_address'] },
  { field: 'title', aliases: ['title', 'job_title'] },
] as const;

export interface ContactCsvLayout {
  /** A permutation of the five columns. */
  order: number[];
  /** Which alias each column uses, and how it is spelled. */
  alias: number[];
  style: number[];
  /** Columns the reader does not know, mixed in (it warns about them, never fails). */
  extra: number;
}

export const contactLayout: fc.Arbitrary<ContactCsvLayout> = fc.record({
  order: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
  alias: fc.array(fc.nat(2), { minLength: 5, maxLength: 5 }),
  style: fc.array(fc.nat(3), { minLength: 5, maxLength: 5 }),
  extra: fc.nat(2),
});

export function contactCsv(
  persons: readonly Person[],
  layout: ContactCsvLayout,
  d: Dialect,
): { text: string; lines: number[] } {
  const columns = layout.order.map((index) => CONTACT_COLUMNS[index] as (typeof CONTACT_COLUMNS)[number]);
  const header = columns.map((column, i) => {
    const alias = column.aliases[(layout.alias[i] ?? 0) % column.aliases.length] as string;
    return spell(alias, layout.style[i] ?? 0);
  });
  for (let i = 0; i < layout.extra; i++) header.push(`unmapped_column_${i}`);
  const rows = persons.map((person) => [
    ...columns.map((column) => person[column.field]),
    ...Array.from({ length: layout.extra }, (_, i) => `x${i}`),
  ]);
  const { text, lines } = writeCsv([header, ...rows], d);
  return { text, lines: lines.slice(1) };
}

/** A JSON array of people, one element per line or spread over several, with their start lines. */
export function contactJson(
  persons: readonly Person[],
  snake: boolean,
  newline: Newline,
  indent: number,
): { text: string; lines: number[] } {
  let text = `[${newline}`;
  const lines: number[] = [];
  persons.forEach((person, index) => {
    const record = snake
      ? {
          organization: person.organization,
          first_name: person.firstName,
          last_name: person.lastName,
          email: person.email,
          title: person.title,
        }
      : person;
    text += ' '.repeat(indent);
    lines.push(lineAt(text, text.length));
    text += JSON.stringify(record, null, indent || undefined).replaceAll('\n', newline);
    text += index < persons.length - 1 ? `,${newline}` : newline;
  });
  return { text: `${text}]${newline}`, lines };
}

// ---- devices ---------------------------------------------------------------------------------

export interface Device {
  organization: string;
  name: string;
  hostname: string;
  serialNumber: string;
  notes: string;
}

export const devices = (maxLength: number) =>
  fc
    .array(
      fc.record({
        organization: messyText,
        name: messyText,
        hostname: fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/),
        serial: fc.stringMatching(/^[A-Z0-9]{6,14}$/),
        notes: messyText,
      }),
      { minLength: 1, maxLength },
    )
    .map((rows) =>
      rows.map(
        ({ serial, hostname, ...rest }, index): Device => ({
          ...rest,
          hostname: `${hostname}-${index}`,
          serialNumber: `${serial}${index}`,
        }),
      ),
    );

export function deviceCsv(list: readonly Device[], d: Dialect): { text: string; lines: number[] } {
  const header = ['organization', 'name', 'hostname', 'serial_number', 'notes'];
  const rows = list.map((device) => [
    device.organization,
    device.name,
    device.hostname,
    device.serialNumber,
    device.notes,
  ]);
  const { text, lines } = writeCsv([header, ...rows], d);
  return { text, lines: lines.slice(1) };
}

// ---- corruption ------------------------------------------------------------------------------

export type Corruption =
  | { kind: 'invalid-utf8'; at: number; byte: number }
  | { kind: 'nul'; at: number }
  | { kind: 'utf16' }
  | { kind: 'unterminated-quote' }
  | { kind: 'extra-cells' };

export const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({
    kind: fc.constant('invalid-utf8' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Math.min(x, 0.999_999)),
    byte: fc.constantFrom(0xff, 0xfe, 0xc0, 0xc1, 0x80, 0xbf, 0xf5),
  }),
  fc.record({
    kind: fc.constant('nul' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Math.min(x, 0.999_999)),
  }),
  fc.constant({ kind: 'utf16' as const }),
  fc.constant({ kind: 'unterminated-quote' as const }),
  fc.constant({ kind: 'extra-cells' as const }),
);

/** Offsets of character boundaries in UTF-8 bytes, never between the CR and LF of a CRLF. */
function boundaries(text: string): number[] {
  const offsets: number[] = [];
  let byte = 0;
  let previous = '';
  for (const char of text) {
    if (!(previous === '\r' && char === '\n')) offsets.push(byte);
    byte += Buffer.byteLength(char);
    previous = char;
  }
  offsets.push(byte);
  return offsets;
}

/**
 * Corrupts a file's text so that no reader may accept it, and says on which line the problem
 * must be reported (undefined: anywhere, as long as it has a line).
 */
export function corrupt(
  text: string,
  how: Corruption,
  columns: number,
  d: Dialect,
): { bytes: Uint8Array; line: number } {
  const utf8 = Buffer.from(text, 'utf8');
  const insertAt = (fraction: number, inserted: Buffer) => {
    const points = boundaries(text);
    const at = points[Math.floor(fraction * points.length)] as number;
    const bytes = Buffer.concat([utf8.subarray(0, at), inserted, utf8.subarray(at)]);
    return { bytes, line: lineAtByte(bytes, at) };
  };
  switch (how.kind) {
    case 'invalid-utf8':
      return insertAt(how.at, Buffer.from([how.byte]));
    case 'nul':
      return insertAt(how.at, Buffer.from([0]));
    case 'utf16':
      return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), utf8]), line: 1 };
    case 'unterminated-quote': {
      // A quote opened at the start of a last record, with no quote after it anywhere.
      const base = text.endsWith(d.newline) ? text : `${text}${d.newline}`;
      const broken = `${base}"never closed${d.newline}more text`;
      return { bytes: Buffer.from(broken, 'utf8'), line: lineAt(broken, base.length) };
    }
    case 'extra-cells': {
      const base = text.endsWith(d.newline) ? text : `${text}${d.newline}`;
      const row = Array.from({ length: columns + 2 }, (_, i) => `v${i}`).join(d.delimiter);
      const broken = `${base}${row}${d.newline}`;
      return { bytes: Buffer.from(broken, 'utf8'), line: lineAt(broken, base.length) };
    }
  }
}

/** Random damage that may or may not break a file: truncation, bytes flipped, bytes inserted. */
export type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number[]; byte: number }
  | { kind: 'insert'; at: number; text: string };

export const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom('"', '""', '\r', '\n', '\r\n', ',', ';', '\t', '{', '[', ']', '}', '\\'),
  }),
);

export function applyDamage(bytes: Uint8Array, how: Damage): Uint8Array {
  const pick = (fraction: number) => Math.min(bytes.length, Math.floor(fraction * (bytes.length + 1)));
  switch (how.kind) {
    case 'truncate':
      return bytes.subarray(0, pick(how.at));
    case 'flip': {
      const copy = Uint8Array.from(bytes);
      for (const fraction of how.at) {
        const at = Math.min(copy.length - 1, pick(fraction));
        if (at >= 0) copy[at] = how.byte;
      }
      return copy;
    }
    case 'insert': {
      const at = pick(how.at);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(how.text), bytes.subarray(at)]);
    }
  }
}

// ---- the invariant ---------------------------------------------------------------------------

/**
 * Runs a reader and checks the invariant: rows whose lines exist, or a SourceInputError whose
 * every problem names `file`, a line that exists (or none, for the file as a whole), and a fix.
 * Returns the error, if any, for further checks.
 */
export function readOrRefuse<T extends { rows: Array<{ source: { file: string; line: number } }> }>(
  read: () => T,
  file: string,
  totalLines: number,
): { result?: T; error?: SourceInputError } {
  let result: T;
  try {
    result = read();
  } catch (error) {
    if (!(error instanceof SourceInputError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) {
      expect(problem.file).toBe(file);
      if (problem.line !== undefined) {
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.line).toBeLessThanOrEqual(totalLines);
      }
      expect(problem.message.length).toBeGreaterThan(0);
      expect(problem.fix.length).toBeGreaterThan(0);
    }
    expect(error.message).toContain(file);
    return { error };
  }
  for (const row of result.rows) {
    expect(row.source.file).toBe(file);
    expect(row.source.line).toBeGreaterThanOrEqual(1);
    expect(row.source.line).toBeLessThanOrEqual(totalLines);
  }
  return { result };
}

/** Lines in a file's bytes (decoded leniently), for the bounds of a reported line. */
export function totalLinesOf(bytes: Uint8Array): number {
  return lineAtByte(bytes, bytes.length);
}
