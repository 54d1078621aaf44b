/**
 * The transport's `answered` hook (what read-ahead frees a slot on): called once when a 2xx
 * answer is in, before the answer is decoded and while the answers already landed still wait to
 * be handled; never for an answer that is an error. Driven by a fake fetch, no network.
 */
import { describe, expect, it } from 'vitest';
import type { HttpFetch, HttpResponse } from '../../src/core/http.js';
import { createLogger } from '../../src/core/log.js';
import { Semaphore } from '../../src/core/semaphore.js';
import { Transport } from '../../src/core/transport.js';

function answer(status: number, body: string): HttpResponse {
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: () => null },
    text: async () => body,
  };
}

function transportWith(fetch: HttpFetch): Transport {
  return new Transport({
    apiKey: 'ITG.test-key',
    baseUrl: 'http://127.0.0.1:9',
    fetch,
    timeoutMs: 5000,
    maxRetries: 0,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 1,
    maxRateLimitWaitMs: 0,
    budget: null,
    semaphore: new Semaphore(4),
    inFlight: null,
    logger: createLogger('off'),
    userAgent: 'gluekit-test',
  });
}

describe('Transport answered', () => {
  it('is called once the answer is in, and the request resolves only after a turn of the event loop', async () => {
    const events: string[] = [];
    const transport = transportWith(async () => answer(200, '{"data":[]}'));
    const request = transport.request({
      method: 'GET',
      target: '/contacts',
      answered: () => {
        events.push('answered');
        // Work queued now (another landed answer, the next request) runs before the decoding.
        setImmediate(() => events.push('queued work'));
      },
    });
    const response = await request;
    events.push('resolved');
    expect(response.body).toEqual({ data: [] });
    expect(events).toEqual(['answered', 'queued work', 'resolved']);
  });

  it('is not called for an error answer', async () => {
    let calls = 0;
    const transport = transportWith(async () => answer(404, '{"errors":[{"status":"404"}]}'));
    await expect(
      transport.request({ method: 'GET', target: '/contacts/1', answered: () => calls++ }),
    ).rejects.toThrow();
    expect(calls).toBe(0);
  });
});
