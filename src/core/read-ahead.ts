/**
 * Reading the pages of a list several at once. The first page says how many there are
 * (`total-pages`); when the reader moves past it, pages 2, 3, … are asked for by number, as many
 * at once as the client has slots (at most MAX_READ_AHEAD), each through the rate budget like any
 * request, and handed over strictly in order. Each page handed over makes room for the next
 * request, so at most one page per slot waits in memory. A reader that stops early (`break`)
 * aborts what is still on its way.
 *
 * A server that does not really page is caught: a page must answer the number it was asked for,
 * and must not repeat the records of the page before; an empty page ends the list (it shrank).
 */
import { GlueKitError } from './errors.js';
import type { Page } from './pagination.js';

/** Pages in flight or waiting for one list's reader: 8 pages of 1000 records stay a few MB. */
export const MAX_READ_AHEAD = 8;

export interface PageRead<T> {
  page: Page<T>;
  /** Records IT Glue sent, before any filter of the client's own. */
  sent: number;
  /** The first record's id, to notice a server that sends the same page again. */
  firstId: string | undefined;
}

export interface ReadAhead<T> {
  /** The number of the page the reader has, and the id of its first record. */
  firstNumber: number;
  firstId: string | undefined;
  /** Records per page asked for. */
  pageSize: number;
  /** Requests the client lets in flight now. */
  slots(): number;
  /** Page `pageNumber` of the same list; rejects when IT Glue answers another page number. */
  fetch(pageNumber: number, signal: AbortSignal): Promise<PageRead<T>>;
}

/** The pages after `first`, in order, read `slots()` at a time. */
export async function* readAhead<T>(
  first: Page<T>,
  ahead: ReadAhead<T>,
  maxItems = Number.POSITIVE_INFINITY,
): AsyncGenerator<Page<T>> {
  const controller = new AbortController();
  const pending: Array<{ pageNumber: number; read: Promise<PageRead<T>> }> = [];
  let lastPage = first.meta.totalPages;
  let nextNumber = ahead.firstNumber + 1;
  // A page whose first record lies past what the reader wants is not read ahead.
  const wanted = (pageNumber: number) =>
    pageNumber <= lastPage && (pageNumber - ahead.firstNumber) * ahead.pageSize < maxItems;
  const ask = (pageNumber: number) => {
    const read = ahead.fetch(pageNumber, controller.signal);
    // Awaited in order below; one the reader abandons must not surface as unhandled.
    read.catch(() => {});
    pending.push({ pageNumber, read });
    nextNumber = pageNumber + 1;
  };
  const fill = () => {
    const width = Math.max(1, Math.min(MAX_READ_AHEAD, ahead.slots()));
    while (pending.length < width && wanted(nextNumber)) ask(nextNumber);
  };

  let previousFirstId = ahead.firstId;
  let previousNumber = ahead.firstNumber;
  try {
    fill();
    for (;;) {
      // The reader wants more than it said (a filter of the client's own left pages short).
      if (pending.length === 0 && nextNumber <= lastPage) ask(nextNumber);
      const next = pending.shift();
      if (!next) return;
      const { page, sent, firstId } = await next.read;
      if (sent === 0) return;
      if (firstId !== undefined && firstId === previousFirstId) {
        throw new GlueKitError(
          `IT Glue sent the same records for page ${next.pageNumber} as for page ${previousNumber}: ` +
            'the server does not page this list (page[number] is ignored), so it cannot be read past that page',
        );
      }
      previousFirstId = firstId;
      previousNumber = next.pageNumber;
      // The list grew while it was read: its new pages are read too.
      lastPage = Math.max(lastPage, page.meta.totalPages);
      fill();
      yield page;
    }
  } finally {
    controller.abort();
  }
}
