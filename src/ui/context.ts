/** What every page renderer gets: the mirror, the clock, IT Glue links and the request's query. */
import type { MirrorStore } from '../mirror/index.js';
import type { PageContent } from './layout.js';
import type { ItGlueLinks } from './links.js';

export interface ViewContext {
  store: MirrorStore;
  now: Date;
  links: ItGlueLinks;
  query: URLSearchParams;
}

export type PageRenderer = (ctx: ViewContext) => PageContent;

/** A bad query parameter: the page says what was wrong instead of guessing. */
export class QueryError extends Error {
  override name = 'QueryError';
}

/** One of `choices`, or the default when absent; anything else is a QueryError. */
export function choice<T extends string>(
  query: URLSearchParams,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new QueryError(`${name} must be one of ${choices.join(', ')}, not "${value}".`);
}

export function positiveInt(query: URLSearchParams, name: string, fallback: number, max = 100_000): number {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new QueryError(`${name} must be a whole number from 1 to ${max}, not "${value}".`);
  return Number(value);
}
