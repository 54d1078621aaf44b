/** List responses: meta and links exactly, page bounds, sorting, id order and ids above 2^53. */
import { describe, expect, it } from 'vitest';
import { BIG_ORG, get, HAPPY_FROG, idNamed, useEmulator } from './support.js';

describe('list meta and links', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('pages with IT Glue meta and absolute links that keep the query', async () => {
    const all = await get(emulator.current, '/contacts?page[size]=1000');
    const total = all.many().length;
    expect(total).toBeGreaterThan(6);
    const query = 'filter%5Bimportant%5D=false&page[size]=2&sort=last_name';
    const first = await get(emulator.current, `/contacts?${query}`);
    const matching = Number(first.json.meta?.['total-count']);
    const pages = Math.ceil(matching / 2);
    expect(first.json.meta).toEqual({
      'current-page': 1,
      'next-page': 2,
      'prev-page': null,
      'total-pages': pages,
      'total-count': matching,
      filters: {},
    });
    const base = `${emulator.current.url}/contacts`;
    expect(first.json.links).toEqual({
      self: `${base}?${query}`,
      first: `${base}?${query}&page[number]=1`,
      next: `${base}?${query}&page[number]=2`,
      last: `${base}?${query}&page[number]=${pages}`,
    });
    const second = await get(
      emulator.current,
      new URL(first.json.links?.next as string).pathname + new URL(first.json.links?.next as string).search,
    );
    expect(second.json.meta).toMatchObject({ 'current-page': 2, 'prev-page': 1 });
    expect(second.json.links?.prev).toBe(`${base}?${query}&page[number]=1`);
    expect(second.many()[0]?.id).not.toBe(first.many()[0]?.id);
  });

  it('never links past the last page', async () => {
    const total = Number((await get(emulator.current, '/organizations')).json.meta?.['total-count']);
    const last = await get(
      emulator.current,
      `/organizations?page[size]=2&page[number]=${Math.ceil(total / 2)}`,
    );
    expect(last.json.meta?.['next-page']).toBeNull();
    expect(last.json.links).not.toHaveProperty('next');
    expect(last.json.links?.last).toBe(last.json.links?.self);
    expect(last.many().length).toBe(total % 2 === 0 ? 2 : 1);
  });

  it('describes an empty list with total-pages 0 and current-page 1', async () => {
    const empty = await get(emulator.current, '/contacts?filter[first_name]=Nobody-At-All');
    expect(empty.many()).toEqual([]);
    expect(empty.json.meta).toEqual({
      'current-page': 1,
      'next-page': null,
      'prev-page': null,
      'total-pages': 0,
      'total-count': 0,
      filters: {},
    });
    expect(Object.keys(empty.json.links ?? {}).sort()).toEqual(['first', 'last', 'self']);
  });

  it('defaults to 50 per page and answers past the end with an empty page', async () => {
    const contacts = await get(emulator.current, '/contacts');
    expect(contacts.many().length).toBe(Math.min(50, Number(contacts.json.meta?.['total-count'])));
    const past = await get(emulator.current, '/organizations?page[number]=40');
    expect(past.many()).toEqual([]);
    expect(past.json.meta).toMatchObject({ 'current-page': 40, 'next-page': null });
  });

  it('refuses page parameters out of bounds with a 400 naming the parameter', async () => {
    for (const [query, parameter] of [
      ['page[size]=0', 'page[size]'],
      ['page[size]=1001', 'page[size]'],
      ['page[size]=ten', 'page[size]'],
      ['page[size]=2.5', 'page[size]'],
      ['page%5Bnumber%5D=0', 'page[number]'],
      ['page[number]=-1', 'page[number]'],
    ]) {
      const reply = await get(emulator.current, `/organizations?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.json.errors?.[0]).toMatchObject({ status: 400, source: { parameter } });
    }
    expect((await get(emulator.current, '/organizations?page[size]=1000')).status).toBe(200);
  });
});

describe('sorting and id order', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('orders by id numerically by default, across magnitudes, with big ids last', async () => {
    const ids = (await get(emulator.current, '/contacts?page[size]=1000'))
      .many()
      .map((contact) => contact.id);
    const numeric = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(ids).toEqual(numeric);
    expect(ids.some((id) => id.length === 3)).toBe(true);
    expect(ids.some((id) => id.length === 4)).toBe(true);
    expect(ids.at(-1)?.length).toBe(16);
  });

  it('sorts by allowed fields, ascending and descending, in snake or kebab case', async () => {
    const names = (await get(emulator.current, '/organizations?sort=name'))
      .many()
      .map((org) => org.attributes.name as string);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const descending = (await get(emulator.current, '/organizations?sort=-name'))
      .many()
      .map((org) => org.attributes.name);
    expect(descending).toEqual([...names].reverse());
    const byUpdate = (await get(emulator.current, '/contacts?sort=-updated-at&page[size]=1000')).many();
    const stamps = byUpdate.map((contact) => contact.attributes['updated-at'] as string);
    expect(stamps).toEqual([...stamps].sort().reverse());
  });

  it('sorts by several keys, stably, with nulls first ascending', async () => {
    const sorted = (await get(emulator.current, '/passwords?sort=username,-id&page[size]=1000')).many();
    const usernames = sorted.map((password) => password.attributes.username as string | null);
    const firstNonNull = usernames.findIndex((username) => username !== null);
    expect(usernames.slice(0, firstNonNull).every((username) => username === null)).toBe(true);
    for (let i = 1; i < sorted.length; i++) {
      const [before, after] = [sorted[i - 1], sorted[i]];
      if (before?.attributes.username === after?.attributes.username) {
        expect(BigInt(before?.id as string) > BigInt(after?.id as string)).toBe(true);
      }
    }
  });

  it('refuses a field outside the allow-list with a 400 listing the allowed ones', async () => {
    const reply = await get(emulator.current, '/contacts?sort=name');
    expect(reply.status).toBe(400);
    expect(reply.json.errors?.[0]?.source).toEqual({ parameter: 'sort' });
    expect(reply.json.errors?.[0]?.detail).toContain('first_name');
    expect((await get(emulator.current, '/configurations?sort=hostname')).status).toBe(400);
    expect((await get(emulator.current, '/organizations?sort=organization_status_name')).status).toBe(200);
  });

  it('writes ids above 2^53 exactly on the wire, as strings for data.id and numbers for *-id', async () => {
    const reply = await get(emulator.current, `/organizations/${BIG_ORG}/relationships/contacts`);
    expect(reply.text).toContain(`"organization-id":${BIG_ORG}`);
    const first = reply.many()[0];
    expect(first?.id.length).toBe(16);
    expect(reply.text).toContain(`"id":"${first?.id}"`);
    const passwords = await get(emulator.current, `/passwords?filter[organization_id]=${BIG_ORG}`);
    const embedded = passwords
      .many()
      .find((password) => password.attributes['resource-type'] === 'Configuration');
    const resourceId = String(embedded?.attributes['resource-id']);
    expect(BigInt(resourceId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(passwords.text).toContain(`"resource-id":${resourceId},`);
    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    expect((await get(emulator.current, `/organizations/${orgId}`)).text).toContain(
      '"organization-type-id":102',
    );
  });
});
