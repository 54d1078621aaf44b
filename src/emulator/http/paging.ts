/**
 * Paging as IT Glue does it: `page[size]` 50 by default and at most 1000, `page[number]` from 1,
 * and list `meta`/`links` with absolute URLs that keep the whole query and change only
 * `page[number]`. A bad page parameter is a 400 naming it (emulator choice: IT Glue's reply to
 * one is not documented).
 */
import { MAX_PAGE_SIZE } from '../../spec/params.js';
import type { ResourceObject } from '../resources/model.js';
import { type ParsedQuery, urlWithoutQuery, withPageNumber } from './query.js';
import { badRequest } from './responses.js';

export const DEFAULT_PAGE_SIZE = 50;

export interface PageRequest {
  number: number;
  size: number;
}

export type PagePlan = ({ ok: true } & PageRequest) | { ok: false; response: Response };

function readPositiveInteger(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  const trimmed = value.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return number >= 1 && number <= max ? number : undefined;
}

export function planPage(query: ParsedQuery): PagePlan {
  const size = readPositiveInteger(query.params.get('page[size]'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (size === undefined) {
    return {
      ok: false,
      response: badRequest(`page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}`, {
        parameter: 'page[size]',
      }),
    };
  }
  const number = readPositiveInteger(query.params.get('page[number]'), 1, Number.MAX_SAFE_INTEGER);
  if (number === undefined) {
    return {
      ok: false,
      response: badRequest('page[number] must be an integer of 1 or more', { parameter: 'page[number]' }),
    };
  }
  return { ok: true, number, size };
}

export function pageSlice<R>(records: readonly R[], page: PageRequest): readonly R[] {
  const start = (page.number - 1) * page.size;
  return start >= records.length ? [] : records.slice(start, start + page.size);
}

/** The whole list document: `data`, `meta` (IT Glue's keys) and `links`. */
export function listDocument(
  data: ResourceObject[],
  totalCount: number,
  page: PageRequest,
  requestUrl: string,
  query: ParsedQuery,
) {
  const totalPages = Math.ceil(totalCount / page.size);
  const nextPage = page.number < totalPages ? page.number + 1 : null;
  const prevPage = page.number > 1 ? page.number - 1 : null;
  const base = urlWithoutQuery(requestUrl);
  const link = (number: number) => `${base}?${withPageNumber(query.raw, number)}`;
  const links: Record<string, string> = {
    self: query.raw === '' ? base : `${base}?${query.raw}`,
    first: link(1),
  };
  if (prevPage !== null) links.prev = link(prevPage);
  if (nextPage !== null) links.next = link(nextPage);
  links.last = link(Math.max(totalPages, 1));
  return {
    data,
    meta: {
      'current-page': page.number,
      'next-page': nextPage,
      'prev-page': prevPage,
      'total-pages': totalPages,
      'total-count': totalCount,
      filters: {},
    },
    links,
  };
}
