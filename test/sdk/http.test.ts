/**
 * src/core/http.ts, the default HTTP client, against small local servers: what it decodes, what
 * it returns for errors and redirects, and how an abort ends it.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../../src/core/http.js';
import { wasNeverSent } from '../../src/core/retry.js';
import { closedPort } from '../helpers/emulator.js';

let server: Server | undefined;

async function serve(handler: RequestListener): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

const BODY = JSON.stringify({ data: { name: 'Zoë 😀', notes: 'x'.repeat(50_000) } });

describe('nodeHttpFetch', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('asks for compression and decodes %s', async (encoding, compress) => {
    let asked = '';
    const url = await serve((req, res) => {
      asked = String(req.headers['accept-encoding']);
      res.writeHead(200, { 'content-encoding': encoding, 'content-type': 'application/json' });
      res.end(compress(Buffer.from(BODY)));
    });
    const response = await nodeHttpFetch(url, { method: 'GET', headers: {} });
    expect(asked).toContain(encoding);
    expect(await response.text()).toBe(BODY);
  });

  it('sends the method, headers and body, and reads status and headers back', async () => {
    let seen: { method?: string; key?: string; length?: string; body: string } = { body: '' };
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen = {
          method: req.method,
          key: req.headers['x-api-key'] as string,
          length: req.headers['content-length'],
          body,
        };
        res.writeHead(422, [
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
          ['Retry-After', '3'],
        ]);
        res.end('\uFEFF{"errors":[]}');
      });
    });
    const response = await nodeHttpFetch(url, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/vnd.api+json' },
      body: BODY,
    });
    expect(seen).toEqual({ method: 'POST', key: 'k', length: String(Buffer.byteLength(BODY)), body: BODY });
    expect(response.status).toBe(422);
    expect(response.ok).toBe(false);
    expect(response.headers.get('Retry-After')).toBe('3');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('x-missing')).toBeNull();
    // A byte-order mark is dropped, as fetch's text() drops it.
    expect(await response.text()).toBe('{"errors":[]}');
  });

  it('returns a redirect as it is instead of following it with the key', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits++;
      res.writeHead(302, { location: 'http://example.invalid/elsewhere' });
      res.end();
    });
    const response = await nodeHttpFetch(url, { method: 'GET', headers: { 'x-api-key': 'k' } });
    expect(response.status).toBe(302);
    expect(hits).toBe(1);
  });

  it('ends on an abort once the server has started to answer', async () => {
    const controller = new AbortController();
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write('{"data":');
      // The rest never comes; the client aborts once it has the first bytes.
      controller.abort(new Error('stop'));
    });
    await expect(
      nodeHttpFetch(url, { method: 'GET', headers: {}, signal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it('rejects at once for a signal that has already aborted, sending nothing', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits++;
      res.end();
    });
    const signal = AbortSignal.abort(new Error('already'));
    await expect(nodeHttpFetch(url, { method: 'GET', headers: {}, signal })).rejects.toThrow('already');
    expect(hits).toBe(0);
  });

  it('fails a refused connection with a code the retry rules read as never sent', async () => {
    const url = new URL(`http://127.0.0.1:${await closedPort()}/x`);
    const error = await nodeHttpFetch(url, { method: 'POST', headers: {}, body: '{}' }).catch(
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(wasNeverSent(error)).toBe(true);
  });

  it('fails a connection reset mid-answer as sent (so a POST is never repeated blindly)', async () => {
    const url = await serve((req) => {
      req.socket.destroy();
    });
    const error = await nodeHttpFetch(url, { method: 'POST', headers: {}, body: '{}' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(wasNeverSent(error)).toBe(false);
  });
});
