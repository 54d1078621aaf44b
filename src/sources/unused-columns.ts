/**
 * Columns (or JSON keys) that carry data the chosen format does not read: the data is dropped, so
 * the workflow says so once per run, naming them. A column that is blank in every row is not
 * worth a word. Only the cells of still-silent columns are looked at, and a column stops being
 * looked at once it has shown data.
 */
import type { CsvReader } from './csv.js';
import { headerKey } from './headers.js';
import type { compilePaths } from './records.js';

/** For a CSV: watches the unused columns through `reader.keep`, which it takes over. */
export class UnusedCsvColumns {
  private readonly watching: number[];
  private readonly keep: boolean[];
  private readonly seen = new Set<number>();

  constructor(
    private readonly headers: readonly string[],
    used: ReadonlySet<number>,
    reader: CsvReader,
  ) {
    this.watching = headers
      .map((_, index) => index)
      .filter((index) => !used.has(index) && headers[index]?.trim());
    this.keep = headers.map((_, index) => used.has(index) || this.watching.includes(index));
    reader.keep = this.keep;
  }

  /** Looks at a record's cells of the columns not yet seen with data. */
  look(cells: readonly string[]): void {
    if (this.seen.size === this.watching.length) return;
    for (const index of this.watching) {
      if (this.seen.has(index) || !cells[index]?.trim()) continue;
      this.seen.add(index);
      this.keep[index] = false; // seen once is enough: stop copying its cells
    }
  }

  /** The headers of the unused columns that had data, in file order. */
  get names(): string[] {
    return this.watching
      .filter((index) => this.seen.has(index))
      .map((index) => this.headers[index] as string);
  }
}

/** For JSON: top-level keys with a value that no field's path starts at. */
export class UnusedJsonKeys {
  private readonly read: Set<string>;
  private readonly found = new Map<string, string>();

  constructor(paths: ReturnType<typeof compilePaths>) {
    this.read = new Set(
      [...paths.values()].flatMap((aliases) => aliases.map(({ path }) => String(path[0] ?? ''))),
    );
  }

  look(record: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(record)) {
      const key = headerKey(name);
      if (this.read.has(key) || this.found.has(key) || !hasData(value)) continue;
      this.found.set(key, name);
    }
  }

  get names(): string[] {
    return [...this.found.values()];
  }
}

function hasData(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
