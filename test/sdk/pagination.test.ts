/**
 * Pagination: one page when awaited, every item when iterated, at page size 1000, with the
 * request count IT Glue's budget demands: ceil(n / 1000).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GlueKit, GlueKitError } from '../../src/index.js';
import { clientFor, rawRecords, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

describe('pagination over thousands of records', () => {
  const emulator = useEmulator({ seed: 'scale:520' });

  it('iterates every contact exactly once, in ceil(n / 1000) requests', async () => {
    const stored = await rawRecords(emulator.current, 'contacts');
    expect(stored.length).toBeGreaterThanOrEqual(5000);
    await resetCounts(emulator.current);
    const seen = new Set<string>();
    let count = 0;
    for await (const contact of clientFor(emulator.current).contacts.list()) {
      seen.add(contact.id);
      count++;
    }
    expect(count).toBe(stored.length);
    expect(seen.size).toBe(stored.length);
    const counts = await requestCounts(emulator.current);
    expect(counts.total).toBe(Math.ceil(stored.length / 1000));
  });

  it('gives one page when awaited, with IT Glue meta and a next page', async () => {
    const client = clientFor(emulator.current);
    const page = await client.contacts.list({ pageSize: 100 });
    expect(page.data).toHaveLength(100);
    expect(page.meta.currentPage).toBe(1);
    expect(page.meta.nextPage).toBe(2);
    expect(page.meta.totalCount).toBeGreaterThanOrEqual(4000);
    expect(page.hasNextPage()).toBe(true);
    const second = await page.getNextPage();
    expect(second.meta.currentPage).toBe(2);
    expect(second.data[0]?.id).not.toBe(page.data[0]?.id);
    const last = await client.contacts.list({ pageSize: 100, pageNumber: page.meta.totalPages });
    expect(last.hasNextPage()).toBe(false);
  });

  it('stops early with toArray(limit) after reading only what it needs', async () => {
    await resetCounts(emulator.current);
    const first = await clientFor(emulator.current).configurations.list({ pageSize: 50 }).toArray(120);
    expect(first).toHaveLength(120);
    expect((await requestCounts(emulator.current)).total).toBe(3);
  });

  it('walks pages in a stable order (by id) while records are added', async () => {
    const client = clientFor(emulator.current);
    const ids: string[] = [];
    let added = false;
    for await (const page of client.passwords.list({ pageSize: 500 }).pages()) {
      ids.push(...page.data.map((p) => p.id));
      if (!added) {
        added = true;
        await client.passwords.create({
          organizationId: page.data[0]?.organizationId as string,
          name: 'added mid-walk',
          password: 'x1',
        });
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/**
 * A list server on 127.0.0.1 with 10 pages of 3 organizations each, recording which pages were
 * asked for. Pages after the first are held until `batch` of them wait (or every page has been
 * asked for), then answered together: a client that reads fewer at once than expected never
 * gets its answers, and one that reads more shows it in `maxHeld`. `serve` can make it answer
 * like a server that does not really page.
 */
describe('reading the pages of a list several at once', () => {
  const PAGES = 10;
  let server: Server;
  let asked: number[] = [];
  let held: Array<() => void> = [];
  let batch = 1;
  let maxHeld = 0;
  let serve: (page: number) => { current: number; ids: string[] } = (page) => ({
    current: page,
    ids: [1, 2, 3].map((i) => String(page * 10 + i)),
  });
  const honest = serve;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page[number]') ?? '1');
      asked.push(page);
      const answer = () => {
        const { current, ids } = serve(page);
        const data = ids.map((id) => ({ id, type: 'organizations', attributes: { name: `Org ${id}` } }));
        response.writeHead(200, { 'content-type': 'application/vnd.api+json' });
        response.end(
          JSON.stringify({
            data,
            meta: {
              'current-page': current,
              'next-page': current < PAGES ? current + 1 : null,
              'prev-page': current > 1 ? current - 1 : null,
              'total-pages': PAGES,
              'total-count': PAGES * 3,
            },
          }),
        );
      };
      if (page === 1) return answer();
      held.push(answer);
      maxHeld = Math.max(maxHeld, held.length);
      if (held.length >= batch || asked.length >= PAGES) for (const release of held.splice(0)) release();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    asked = [];
    held = [];
    batch = 1;
    maxHeld = 0;
    serve = honest;
  });

  const client = (concurrency?: number) =>
    new GlueKit({
      apiKey: 'ITG.paging',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      rateLimit: false,
      maxRetries: 0,
      ...(concurrency !== undefined ? { concurrency } : {}),
    });

  it('reads pages 2..N at once, one per slot, and hands every record over once, in order', async () => {
    batch = 4;
    const ids: string[] = [];
    for await (const org of client(4).organizations.list()) ids.push(org.id);
    expect(ids).toEqual(
      Array.from({ length: PAGES * 3 }, (_, i) => String(Math.floor(i / 3 + 1) * 10 + (i % 3) + 1)),
    );
    expect(asked.sort((a, b) => a - b)).toEqual(Array.from({ length: PAGES }, (_, i) => i + 1));
    expect(maxHeld).toBe(4);
  });

  it('uses more slots when the client has them (default: 8 at first)', async () => {
    batch = 8;
    expect(await client().organizations.list().toArray()).toHaveLength(PAGES * 3);
    expect(maxHeld).toBe(8);
  });

  it('costs one request for a loop that stops within the first page', async () => {
    for await (const org of client().organizations.list()) {
      expect(org.id).toBe('11');
      break;
    }
    expect(asked).toEqual([1]);
  });

  it('reads no page past what toArray(limit) needs', async () => {
    expect(await client().organizations.list().toArray(7)).toHaveLength(7);
    expect(asked.sort((a, b) => a - b)).toEqual([1, 2, 3]);
  });

  it('refuses a server that answers another page than the one asked for', async () => {
    serve = () => honest(1);
    const error = await client()
      .organizations.list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlueKitError);
    expect((error as Error).message).toMatch(/answered page 1 when asked for page 2 of \/organizations/);
  });

  it('refuses a server that repeats a page under a new number', async () => {
    serve = (page) => ({ current: page, ids: honest(Math.min(page, 3)).ids });
    const ids: string[] = [];
    const error = await (async () => {
      for await (const org of client().organizations.list()) ids.push(org.id);
    })().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/same records for page 4 as for page 3/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('ends the list at an empty page (the list shrank while it was read)', async () => {
    serve = (page) => (page > 5 ? { current: page, ids: [] } : honest(page));
    expect(await client().organizations.list().toArray()).toHaveLength(15);
  });
});
