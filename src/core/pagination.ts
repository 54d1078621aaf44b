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
