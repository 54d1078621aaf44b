/**
 * Read-ahead: the pages of a list after the first, driven by a fake fetch whose answers land in
 * the order the test chooses. What must hold: pages handed over in order; at most `slots` on their
 * way; a page that lands frees its slot for the next at once, even when an earlier page is still
 * on its way; never more than two pages per slot asked for and not yet handed over; an early stop
 * aborts what is on its way.
 */
import { describe, expect, it } from 'vitest';
import { Page } from '../../src/core/pagination.js';
import { type PageRead, type ReadAhead, readAhead } from '../../src/core/read-ahead.js';

const TOTAL_PAGES = 20;

function pageOf(number: number): Page<string> {
  const meta = {
    currentPage: number,
    nextPage: number < TOTAL_PAGES ? number + 1 : null,
    prevPage: number > 1 ? number - 1 : null,
    totalPages: TOTAL_PAGES,
    totalCount: TOTAL_PAGES,
  };
  return new Page([`record ${number}`], meta, {}, null);
}

/** A fake list: every page asked for waits until the test lets it land. */
function fakeList(slots: number) {
  const waiting = new Map<number, (read: PageRead<string>) => void>();
  const answeredOf = new Map<number, () => void>();
  const asked: number[] = [];
  const signals: AbortSignal[] = [];
  let onTheirWay = 0;
  let mostOnTheirWay = 0;
  const ahead: ReadAhead<string> = {
    firstNumber: 1,
    firstId: 'record 1',
    pageSize: 1,
    slots: () => slots,
    fetch: (pageNumber, signal, answered) => {
      asked.push(pageNumber);
      answeredOf.set(pageNumber, answered);
      signals.push(signal);
      onTheirWay++;
      mostOnTheirWay = Math.max(mostOnTheirWay, onTheirWay);
      return new Promise((resolve) => {
        waiting.set(pageNumber, (read) => {
          onTheirWay--;
          resolve(read);
        });
      });
    },
  };
  const land = (pageNumber: number) => {
    const release = waiting.get(pageNumber);
    if (!release) throw new Error(`page ${pageNumber} was not asked for (asked: ${asked.join(', ')})`);
    waiting.delete(pageNumber);
    release({ page: pageOf(pageNumber), sent: 1, firstId: `record ${pageNumber}` });
  };
  /** The answer to a page is in, not yet decoded (its promise is still pending). */
  const answer = (pageNumber: number) => answeredOf.get(pageNumber)?.();
  return { ahead, asked, signals, land, answer, waiting, mostOnTheirWay: () => mostOnTheirWay };
}

/** Lets every callback queued so far run (promise reactions first, then this). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('readAhead', () => {
  it('asks for the next page as soon as any page lands, while an earlier one is still on its way', async () => {
    const list = fakeList(4);
    const pages = readAhead(pageOf(1), list.ahead);
    const head = pages.next();
    await settle();
    expect(list.asked).toEqual([2, 3, 4, 5]);
    // Page 2 (the one the reader waits for) is slow; 3 lands: its slot carries page 6 at once.
    list.land(3);
    await settle();
    expect(list.asked).toEqual([2, 3, 4, 5, 6]);
    list.land(4);
    list.land(5);
    await settle();
    expect(list.asked).toEqual([2, 3, 4, 5, 6, 7, 8]);
    list.land(6);
    await settle();
    expect(list.asked).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    // Eight pages asked for and not handed over (2..9): two per slot, so none more when 7 lands.
    list.land(7);
    await settle();
    expect(list.asked).toHaveLength(8);
    list.land(2);
    expect((await head).value?.meta.currentPage).toBe(2);
    await pages.return(undefined);
  });

  it('frees a slot when the answer is in, before the page is decoded, and only once', async () => {
    const list = fakeList(2);
    const pages = readAhead(pageOf(1), list.ahead);
    const head = pages.next();
    await settle();
    expect(list.asked).toEqual([2, 3]);
    // Page 2's answer is in; decoding it takes a while: its slot carries page 4 meanwhile.
    list.answer(2);
    await settle();
    expect(list.asked).toEqual([2, 3, 4]);
    // The decoded page landing later frees nothing more (page 5 waits for page 3 or 4).
    list.land(2);
    list.answer(2);
    await settle();
    expect(list.asked).toEqual([2, 3, 4]);
    expect((await head).value?.meta.currentPage).toBe(2);
    list.answer(3);
    await settle();
    expect(list.asked).toEqual([2, 3, 4, 5]);
    await pages.return(undefined);
  });

  it('hands every page over in order, with at most `slots` on their way and 2 × slots unread', async () => {
    const list = fakeList(3);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const page of readAhead(pageOf(1), list.ahead)) seen.push(page.meta.currentPage);
    })();
    // Land pages newest first whenever several are on their way: the worst order for the reader.
    while (seen.length < TOTAL_PAGES - 1) {
      await settle();
      const onTheirWay = [...list.waiting.keys()].sort((a, b) => b - a);
      if (onTheirWay.length === 0) continue;
      list.land(onTheirWay[0] as number);
      const unread = list.asked.length - seen.length;
      expect(unread).toBeLessThanOrEqual(6);
    }
    await reading;
    expect(seen).toEqual(Array.from({ length: TOTAL_PAGES - 1 }, (_, i) => i + 2));
    expect(list.asked.sort((a, b) => a - b)).toEqual(seen);
    expect(list.mostOnTheirWay()).toBe(3);
  });

  it('asks for nothing past two pages per slot while the reader does not read', async () => {
    const list = fakeList(2);
    const pages = readAhead(pageOf(1), list.ahead);
    const head = pages.next();
    await settle();
    for (let round = 0; round < 5; round++) {
      for (const number of [...list.waiting.keys()]) list.land(number);
      await settle();
    }
    // Page 2 went to the reader; pages 3..6 landed and wait for it (four: two slots × 2).
    expect((await head).value?.meta.currentPage).toBe(2);
    expect(list.asked).toEqual([2, 3, 4, 5, 6]);
    await pages.return(undefined);
  });

  it('aborts the pages on their way when the reader stops', async () => {
    const list = fakeList(4);
    const pages = readAhead(pageOf(1), list.ahead);
    const head = pages.next();
    await settle();
    list.land(2);
    expect((await head).value?.meta.currentPage).toBe(2);
    await pages.return(undefined);
    expect(list.signals.every((signal) => signal.aborted)).toBe(true);
    // Pages landing after the stop ask for nothing more.
    const asked = list.asked.length;
    for (const number of [...list.waiting.keys()]) list.land(number);
    await settle();
    expect(list.asked).toHaveLength(asked);
  });
});
