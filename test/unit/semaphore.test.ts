/** The request semaphore: slots, queueing, aborts, and no listener left behind on a caller's signal. */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RequestAbortedError } from '../../src/core/errors.js';
import { Semaphore } from '../../src/core/semaphore.js';

describe('Semaphore', () => {
  it('leaves no abort listener on the signal once 1,000 queued calls have had their slot', async () => {
    const semaphore = new Semaphore(4);
    const signal = new AbortController().signal;
    const calls = Array.from({ length: 1000 }, () => semaphore.acquire(signal));
    // Four run at once; the other 996 wait, with one listener between them (Node warns past 10).
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    for (const call of calls) (await call)();
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('grants slots in order and never more than its size at once', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const release = await semaphore.acquire();
        inside++;
        most = Math.max(most, inside);
        order.push(i);
        await Promise.resolve();
        inside--;
        release();
      }),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects every queued call of an aborted signal, and only those', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const other = new AbortController();
    const doomed = [semaphore.acquire(controller.signal), semaphore.acquire(controller.signal)];
    const kept = semaphore.acquire(other.signal);
    const last = semaphore.acquire(controller.signal);
    controller.abort();
    for (const call of [...doomed, last]) await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    release();
    (await kept)();
    expect(getEventListeners(other.signal, 'abort')).toHaveLength(0);
    // The slot is free again: nothing aborted still holds a place in the queue.
    (await semaphore.acquire())();
  });

  it('rejects a queued call whose signal aborts, and gives its turn to the next', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const aborted = semaphore.acquire(controller.signal);
    const next = semaphore.acquire();
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(RequestAbortedError);
    release();
    (await next)();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
