/**
 * Reading the pages of a list several at once. The first page says how many there are
 * (`total-pages`); when the reader moves past it, pages 2, 3, … are asked for by number, each
 * through the client's in-flight limit and the rate budget like any request, and handed over
 * strictly in order. A reader that stops early (`break`) aborts what is still on its way.
 *
 * How far ahead: one page on its way per slot of the client (at most MAX_READ_AHEAD slots), and
 * the next page is asked for the moment any page lands, whether or not the reader has had the
 * pages before it; pages that landed wait for the reader, at most two per slot in all. With one
 * page per slot in all (on its way or waiting), a slow page held every other slot idle once its
 * neighbours had landed: pages went out in bursts of `slots`, and each burst paid the round trip
 * and then the decoding of all its pages one after the other, so a 40-page list took 3× its
 * bound. Memory stays bounded by 2 × slots pages (16 pages of 1000 records: tens of MB at most,
 * reached only when the reader is slower than the network).
 *
 * A page lands when its answer is in, not when it is decoded: `fetch` says so through `answered`
 * (when it can), and the slot carries the next page before the answer is parsed. Decoding a page
 * of 1000 records takes about 10 ms of the one thread; when a slot waited for it, answers landing
 * together were each re-asked only after every decode before them, and the slots of a 40-page
 * list spent a third of their time idle.
 *
 * A server that does not really page is caught: a page must answer the number it was asked for,
 * and must not repeat the records of the page before; an empty page ends the list (it shrank).
 */
import { GlueKitError } from './errors.js';
import type { Page } from './pagination.js';

/** The most slots one list reads with, however many the client has. */
export const MAX_READ_AHEAD = 8;
/** Pages asked for and not yet handed over, per slot: one on its way, one landed and waiting. */
export const PAGES_PER_SLOT = 2;

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
  /**
   * Page `pageNumber` of the same list; rejects when IT Glue answers another page number. Calls
   * `answered` (if it can tell) once the answer is in and before it is decoded: the page's slot
   * is free from then on.
   */
  fetch(pageNumber: number, signal: AbortSignal, answered: () => void): Promise<PageRead<T>>;
}

/** The pages after `first`, in order: `slots()` on their way at a time, at most twice that unread. */
export async function* readAhead<T>(
  first: Page<T>,
  ahead: ReadAhead<T>,
  maxItems = Number.POSITIVE_INFINITY,
): AsyncGenerator<Page<T>> {
  const controller = new AbortController();
  // Pages asked for and not yet handed over, in page order: on their way, or landed and waiting.
  const pending: Array<{ pageNumber: number; read: Promise<PageRead<T>> }> = [];
  let inFlight = 0;
  let failed = false;
  let lastPage = first.meta.totalPages;
  let nextNumber = ahead.firstNumber + 1;
  // A page whose first record lies past what the reader wants is not read ahead.
  const wanted = (pageNumber: number) =>
    pageNumber <= lastPage && (pageNumber - ahead.firstNumber) * ahead.pageSize < maxItems;
  const ask = (pageNumber: number) => {
    inFlight++;
    let onItsWay = true;
    // A page that lands frees its slot for the next one at once, in whatever order they land.
    const landed = () => {
      if (!onItsWay) return;
      onItsWay = false;
      inFlight--;
      if (!controller.signal.aborted) fill();
    };
    const read = ahead.fetch(pageNumber, controller.signal, landed);
    pending.push({ pageNumber, read });
    nextNumber = pageNumber + 1;
    // (Awaited in order below; one the reader abandons must not surface as unhandled.)
    read.then(landed, () => {
      failed = true;
      landed();
    });
  };
  const fill = () => {
    if (failed) return;
    const slots = Math.min(MAX_READ_AHEAD, Math.max(1, ahead.slots()));
    while (inFlight < slots && pending.length < PAGES_PER_SLOT * slots && wanted(nextNumber)) ask(nextNumber);
  };

  let previousFirstId = ahead.firstId;
  let previousNumber = ahead.firstNumber;
  try {
    fill();
    for (;;) {
      // The reader wants more than it said (a filter of the client's own left pages short).
      if (pending.length === 0 && nextNumber <= lastPage) ask(nextNumber);
      // The page stays counted as unread until it is handed over.
      const next = pending[0];
      if (!next) return;
      const { page, sent, firstId } = await next.read;
      pending.shift();
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
