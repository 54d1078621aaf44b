/**
 * Bounded lists. A list tool returns at most `limit` records and, when there are more, an opaque
 * `nextCursor`; passing it back as `cursor` (with the same arguments) gives the next records. The
 * cursor names the IT Glue page and how far into it to start, and a digest of the arguments, so a
 * cursor from another query is refused instead of silently returning the wrong page.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GlueKitError } from '../core/errors.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export class CursorError extends GlueKitError {
  override name = 'CursorError';
}

export function limitSchema(fallback = DEFAULT_LIMIT, max = MAX_LIMIT) {
  return z
    .number()
    .int()
    .min(1)
    .max(max)
    .default(fallback)
    .describe(`How many records at most (default ${fallback}, at most ${max}).`);
}

export const cursorSchema = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('The nextCursor of the previous call, to continue the same list (same other arguments).');

export interface Position {
  /** The page to read (1-based), at page size `limit`. */
  page: number;
  /** Records of that page already returned. */
  skip: number;
}

/** A digest of the arguments that define the list (everything but the cursor). */
export function queryDigest(args: Record<string, unknown>): string {
  const { cursor: _cursor, ...rest } = args;
  const stable = Object.keys(rest)
    .sort()
    .map((key) => [key, rest[key]]);
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex').slice(0, 12);
}

export function encodeCursor(digest: string, position: Position): string {
  return Buffer.from(JSON.stringify({ q: digest, p: position.page, s: position.skip })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, digest: string): Position {
  if (cursor === undefined) return { page: 1, skip: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('cursor is not one this server made: pass nextCursor exactly as returned.');
  }
  const value = parsed as { q?: unknown; p?: unknown; s?: unknown };
  if (
    typeof value.q !== 'string' ||
    !Number.isInteger(value.p) ||
    !Number.isInteger(value.s) ||
    (value.p as number) < 1 ||
    (value.s as number) < 0
  ) {
    throw new CursorError('cursor is not one this server made: pass nextCursor exactly as returned.');
  }
  if (value.q !== digest) {
    throw new CursorError(
      'cursor belongs to a list with other arguments: repeat the arguments of the call that returned it, or drop the cursor to start again.',
    );
  }
  return { page: value.p as number, skip: value.s as number };
}

/** One window of an in-memory list (the mirror views), with the cursor for the rest. */
export function windowOf<T>(
  items: readonly T[],
  args: Record<string, unknown> & { limit: number; cursor?: string | undefined },
): { items: T[]; total: number; nextCursor: string | null } {
  const digest = queryDigest(args);
  const { skip } = decodeCursor(args.cursor, digest);
  const shown = items.slice(skip, skip + args.limit);
  const next = skip + shown.length;
  return {
    items: shown,
    total: items.length,
    nextCursor: next < items.length ? encodeCursor(digest, { page: 1, skip: next }) : null,
  };
}
