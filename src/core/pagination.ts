/**
 * Lists. `await client.contacts.list()` gives one `Page`; `for await (const c of client.contacts.list())`
 * walks every item of every page. Pages are requested at IT Glue's maximum size (1000) unless the
 * caller asks for less, so a full read costs ceil(n / 1000) requests rather than the ceil(n / 50)
 * of IT Glue's default.
 *
 * Once the first page says how many there are, the next ones are read several at once, one per
 * slot of the client (read-ahead.ts), and still handed over in order; a loop that stops within the
 * first page costs that one request.
 */
import type { ListLinks, ListMeta } from '../jsonapi/types.js';
import { type ReadAhead, readAhead } from './read-ahead.js';

export interface IterateOptions {
  /** The reader wants at most this many items: pages past them are not read ahead. */
  maxItems?: number | undefined;
}

/** What a list page said about what follows it. */
export interface PageAnswer {
  /** The page number that was asked for. */
  asked: number;
  meta: ListMeta;
  /** Whether the server's meta named `next-page` at all (null counts: it means "no more"). */
  metaNamesNextPage: boolean;
  links: ListLinks;
  itemCount: number;
}

/**
 * The number of the page after this one, or null at the end. Every page is asked for by number,
 * with the list's own query: a `links.next` is never requested, because it could point anywhere
 * (another host, plain http) and the request would carry the API key there. When the meta gives
 * no `next-page`, the link's `page[number]` is read as a number, nothing more.
 *
 * The next page must lie past the page asked for and past the page the server says it sent, and
 * an empty page ends the list: so a server that ignores `page[number]`, repeats a page or points
 * back can never make a list loop.
 */
export function nextPageNumber(page: PageAnswer): number | null {
  if (page.itemCount === 0) return null;
  const next = page.metaNamesNextPage ? page.meta.nextPage : pageNumberOfLink(page.links.next);
  if (next === null || next <= Math.max(page.meta.currentPage, page.asked)) return null;
  return next;
}

function pageNumberOfLink(link: string | undefined): number | null {
  if (link === undefined) return null;
  let value: string | null;
  try {
    // Parsed against a placeholder: only the query is read, the link's host is irrelevant.
    value = new URL(link, 'http://link.invalid/').searchParams.get('page[number]');
  } catch {
    return null;
  }
  return value !== null && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

export class Page<T> implements AsyncIterable<T> {
  constructor(
    readonly data: T[],
    readonly meta: ListMeta,
    readonly links: ListLinks,
    private readonly fetchNext: (() => Promise<Page<T>>) | null,
    /** How to read the following pages several at once; null when only one at a time will do. */
    private readonly ahead: ReadAhead<T> | null = null,
  ) {}

  hasNextPage(): boolean {
    return this.fetchNext !== null;
  }

  getNextPage(): Promise<Page<T>> {
    if (!this.fetchNext) return Promise.reject(new Error('This is the last page; check hasNextPage() first'));
    return this.fetchNext();
  }

  /** This page, then each following page. */
  async *iterPages(options: IterateOptions = {}): AsyncGenerator<Page<T>> {
    yield this;
    if (!this.hasNextPage()) return;
    if (this.ahead) {
      yield* readAhead(this, this.ahead, options.maxItems);
      return;
    }
    let page: Page<T> = this;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * The result of a `list()` call: await it for the first page, or iterate it for every item. The
 * request is sent when it is first awaited or iterated.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private first: Promise<Page<T>> | undefined;

  constructor(private readonly load: () => Promise<Page<T>>) {}

  private firstPage(): Promise<Page<T>> {
    this.first ??= this.load();
    return this.first;
  }

  // A thenable on purpose: `await client.contacts.list()` gives the first page.
  // biome-ignore lint/suspicious/noThenProperty: PagePromise is awaited like a promise.
  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected: (reason: unknown) => B | PromiseLike<B>): Promise<Page<T> | B> {
    return this.firstPage().catch(onRejected);
  }

  /** Every page, in order. */
  async *pages(options: IterateOptions = {}): AsyncGenerator<Page<T>> {
    yield* (await this.firstPage()).iterPages(options);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Collects items into an array, stopping after `limit` when given. */
  async toArray(limit = Number.POSITIVE_INFINITY): Promise<T[]> {
    const items: T[] = [];
    if (limit <= 0) return items;
    for await (const page of this.pages({ maxItems: limit })) {
      for (const item of page.data) {
        items.push(item);
        if (items.length >= limit) return items;
      }
    }
    return items;
  }
}

/** A single page holding everything, for lists gluekit had to filter on the client side. */
export function singlePage<T>(items: T[]): Page<T> {
  return new Page(
    items,
    {
      currentPage: 1,
      nextPage: null,
      prevPage: null,
      totalPages: items.length > 0 ? 1 : 0,
      totalCount: items.length,
    },
    {},
    null,
  );
}
