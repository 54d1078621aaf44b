/**
 * One AbortSignal shared by many calls (what `gluekit sync` does): every layer a request passes
 * (semaphore, rate budget, retries) takes its listener off again, so none pile up and Node never
 * warns about a leak.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { clientFor, useEmulator } from '../helpers/emulator.js';

describe('a signal shared by many calls', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('has no abort listener left after 200 calls that queued behind 4 slots', async () => {
    const client = clientFor(emulator.current, { concurrency: 4 });
    const signal = new AbortController().signal;
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const pages = await Promise.all(
        Array.from({ length: 200 }, () => client.organizations.list({ pageSize: 1 }, { signal })),
      );
      expect(pages.every((page) => page.data.length === 1)).toBe(true);
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
