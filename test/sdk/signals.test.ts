/**
 * One AbortSignal shared by many calls (what `gluekit sync` does): every layer a request passes
 * (semaphore, rate budget, retries) takes its listener off again, so none pile up and Node never
 * warns about a leak.
 */
import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GlueKit } from '../../src/index.js';
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

describe('the waits of one request', () => {
  /** A server that answers 503, then 429, then 503 again, then the record. */
  async function flakyServer(): Promise<{ url: string; close: () => void }> {
    const answers = [503, 429, 503, 503];
    const server = createServer((_request, response) => {
      const status = answers.shift();
      if (status !== undefined) {
        response.writeHead(status, status === 429 ? { 'retry-after': '0' } : {});
        response.end('{"errors":[{"status":"' + status + '","title":"try again"}]}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/vnd.api+json' });
      response.end(
        JSON.stringify({ data: { id: '7', type: 'organizations', attributes: { name: 'Acme' } } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => server.close(),
    };
  }

  it("hold one abort listener on the caller's signal across every retry, and none after", async () => {
    const server = await flakyServer();
    try {
      const client = new GlueKit({
        apiKey: 'ITG.waits',
        baseUrl: server.url,
        rateLimit: false,
        maxRetries: 5,
        retryBaseDelayMs: 1,
        retryMaxDelayMs: 2,
      });
      const signal = new AbortController().signal;
      let added = 0;
      let most = 0;
      const add = signal.addEventListener.bind(signal);
      signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
        if (args[0] === 'abort') added++;
        add(...args);
        most = Math.max(most, getEventListeners(signal, 'abort').length);
      }) as AbortSignal['addEventListener'];
      const organization = await client.organizations.get('7', { signal });
      expect(organization.name).toBe('Acme');
      // Four waits (three backoffs and a 429), one listener for all of them, taken off at the end.
      expect(added).toBe(1);
      expect(most).toBe(1);
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    } finally {
      server.close();
    }
  });

  it('end at once when the signal aborts during a backoff', async () => {
    const server = await flakyServer();
    try {
      const client = new GlueKit({
        apiKey: 'ITG.waits',
        baseUrl: server.url,
        rateLimit: false,
        maxRetries: 5,
        retryBaseDelayMs: 60_000,
        retryMaxDelayMs: 60_000,
      });
      const controller = new AbortController();
      const call = client.organizations.get('7', { signal: controller.signal });
      const outcome = call.catch((error: unknown) => error);
      // The first answer is a 503: the one listener appears when the minute-long backoff starts.
      await new Promise<void>((resolve) => {
        const check = () =>
          getEventListeners(controller.signal, 'abort').length > 0 ? resolve() : setImmediate(check);
        check();
      });
      controller.abort();
      const error = (await outcome) as Error;
      expect(error.name).toBe('RequestAbortedError');
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      server.close();
    }
  });
});
