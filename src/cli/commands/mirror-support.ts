/** What the mirror commands share: which mirror file, opening it, the freshness warning, flags. */
import { resolve } from 'node:path';
import { keyFingerprint } from '../../core/redact.js';
import {
  DEFAULT_MAX_AGE_MS,
  defaultMirrorPath,
  MirrorStore,
  mirrorFreshness,
  parseDurationOption,
} from '../../mirror/index.js';
import type { CliContext } from '../context.js';
import { type ListDisplay, type OutputMeta, printList } from '../output/render.js';
import { UsageError } from '../usage-error.js';
import { CLI_WORDS } from '../words.js';

export interface MirrorFlags {
  db?: string;
  maxAge?: string;
}

/** `--db`, else this base URL and key's mirror under the data directory. */
export function mirrorPath(ctx: CliContext, flags: MirrorFlags): string {
  if (flags.db) return resolve(flags.db);
  const connection = ctx.connection();
  if (!connection.apiKey) {
    throw new UsageError(
      'Which mirror? Each base URL and key has its own: set ITGLUE_API_KEY (or a profile with `gluekit config set api-key`), or pass --db PATH.',
    );
  }
  return defaultMirrorPath(ctx.paths.dataDir, connection.baseUrl, keyFingerprint(connection.apiKey));
}

export interface OpenedMirror {
  store: MirrorStore;
  /** The envelope's `meta`: `source: local`, when the mirror was synced and whether that is too long ago. */
  meta: OutputMeta;
}

/** `--max-age`, else GLUEKIT_MIRROR_MAX_AGE, else a day: when the mirror counts as stale. */
export function maxAgeMs(flags: MirrorFlags): number {
  const maxAgeText = flags.maxAge ?? process.env.GLUEKIT_MIRROR_MAX_AGE;
  return maxAgeText === undefined || maxAgeText === ''
    ? DEFAULT_MAX_AGE_MS
    : parseDurationOption(maxAgeText, flags.maxAge !== undefined ? '--max-age' : 'GLUEKIT_MIRROR_MAX_AGE');
}

/** Opens the mirror read-only and prints the one-line warning when it is older than `--max-age`. */
export function openMirrorForView(ctx: CliContext, flags: MirrorFlags): OpenedMirror {
  const maxAge = maxAgeMs(flags);
  const store = MirrorStore.open(mirrorPath(ctx, flags), { readonly: true });
  const freshness = mirrorFreshness(store, maxAge);
  if (freshness.warning) {
    const next = freshness.next ? `; ${CLI_WORDS.step(freshness.next)}` : '';
    ctx.warn(
      `${freshness.warning}${next}${freshness.next && freshness.syncedAt !== null ? ' to refresh it' : ''}`,
    );
  }
  return { store, meta: { source: 'local', synced_at: freshness.syncedAt, stale: freshness.stale } };
}

export function positiveIntegerFlag(
  flag: string,
  raw: string | undefined,
  allowZero = false,
): number | undefined {
  if (raw === undefined) return undefined;
  const valid = /^\d+$/.test(raw.trim()) && (allowZero || Number(raw) >= 1);
  if (!valid) {
    throw new UsageError(
      `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} whole number, got ${JSON.stringify(raw)}`,
    );
  }
  return Number(raw);
}

/**
 * Prints view results: JSON and NDJSON get the structured records; a table or CSV gets flat rows
 * (`tableRows`), one line per thing a person scans.
 */
export function printView(
  ctx: CliContext,
  records: readonly object[],
  meta: OutputMeta,
  columns: readonly string[],
  tableRows: () => readonly object[] = () => records,
  display: ListDisplay = {},
): void {
  const flat = ctx.format === 'table' || ctx.format === 'csv';
  printList(ctx, flat ? tableRows() : records, meta, columns, display);
}

/** Arrays as `a, b` for table cells. */
export function listText(values: readonly unknown[] | null | undefined): string {
  return (values ?? []).map(String).join(', ');
}
