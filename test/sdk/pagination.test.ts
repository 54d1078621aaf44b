/**
 * Pagination: one page when awaited, every item when iterated, at page size 1000, with the
 * request count IT Glue's budget demands: ceil(n / 1000).
 */
import { describe, expect, it } from 'vitest';
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
