/**
 * The emulator checked against IT Glue's developer documentation (issue 15): the organization
 * filters it documents (`filter[exclude][...]`, `filter[range][my_glue_account_id]`), password
 * `updated-by` and `is-live`, no `filter[updated_at]` where IT Glue has none, and the organization's
 * passwords route. Each on both profiles.
 */
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { BIG_ORG, call, control, get, post, type Resource, resource, useEmulator } from './support.js';

const ids = (list: Resource[]) => list.map((item) => item.id).sort();
const total = (reply: { json: { meta?: Record<string, unknown> } }) =>
  Number(reply.json.meta?.['total-count']);

async function allOrganizations(emulator: RunningEmulator): Promise<Resource[]> {
  return (await get(emulator, '/organizations?page[size]=1000')).many();
}

for (const profile of ['real', 'seed'] as const) {
  describe(`${profile} profile: organization filters from the developer documentation`, () => {
    const emulator = useEmulator({ profile, seed: 'demo' });

    it('filter[exclude][id|name|organization_type_id|organization_status_id] leaves those out', async () => {
      const all = await allOrganizations(emulator.current);
      const [first, second] = all as [Resource, Resource];
      const rest = (left: Resource[]) => ids(all.filter((org) => !left.includes(org)));

      const byId = await get(emulator.current, `/organizations?filter[exclude][id]=${first.id},${second.id}`);
      expect(ids(byId.many())).toEqual(rest([first, second]));
      // Percent-encoded and kebab-case keys, as for every filter.
      const encoded = await get(
        emulator.current,
        `/organizations?filter%5Bexclude%5D%5Bname%5D=${encodeURIComponent(String(first.attributes.name))}`,
      );
      expect(ids(encoded.many())).toEqual(rest([first]));

      const typeId = first.attributes['organization-type-id'];
      const ofType = all.filter((org) => org.attributes['organization-type-id'] === typeId);
      expect(ofType.length).toBeLessThan(all.length);
      const byType = await get(
        emulator.current,
        `/organizations?filter[exclude][organization-type-id]=${typeId}`,
      );
      expect(ids(byType.many())).toEqual(rest(ofType));

      const statusId = first.attributes['organization-status-id'];
      const ofStatus = all.filter((org) => org.attributes['organization-status-id'] === statusId);
      const byStatus = await get(
        emulator.current,
        `/organizations?filter[exclude][organization_status_id]=${statusId}`,
      );
      expect(ids(byStatus.many())).toEqual(rest(ofStatus));
      // Combined with a positive filter (AND).
      const both = await get(
        emulator.current,
        `/organizations?filter[organization_type_id]=${typeId}&filter[exclude][id]=${first.id}`,
      );
      expect(ids(both.many())).toEqual(ids(ofType.filter((org) => org !== first)));
    });

    it('filter[range][my_glue_account_id] is an inclusive range with open ends', async () => {
      const all = await allOrganizations(emulator.current);
      const accounts: Record<string, number> = {};
      for (const [index, org] of all.slice(0, 4).entries()) {
        const account = (index + 1) * 10; // 10, 20, 30, 40
        accounts[org.id] = account;
        const edited = await control(
          emulator.current,
          'POST',
          `/records/organizations/${org.id}`,
          { attributes: { 'my-glue-account-id': account } },
          emulator.current.apiKey,
        );
        expect(edited.status).toBe(200);
      }
      const within = (low: number, high: number) =>
        Object.entries(accounts)
          .filter(([, account]) => account >= low && account <= high)
          .map(([id]) => id)
          .sort();
      const range = (value: string) =>
        get(emulator.current, `/organizations?filter[range][my_glue_account_id]=${value}`);
      expect(ids((await range('20,30')).many())).toEqual(within(20, 30));
      expect(ids((await range('20,*')).many())).toEqual(within(20, 40));
      expect(ids((await range('*,10')).many())).toEqual(within(0, 10));
      // Organizations without a MyGlue account are in no range.
      expect(total(await range('*,*'))).toBe(4);
      const bad = await range('ten');
      expect(bad.status).toBe(400);
      expect(bad.json.errors?.[0]?.source).toEqual({ parameter: 'filter[range][my_glue_account_id]' });
    });
  });

  describe(`${profile} profile: passwords as the developer documentation shows them`, () => {
    const emulator = useEmulator({ profile, seed: 'demo' });

    it('carry updated-by in lists and on show, and is-live on show', async () => {
      const list = (await get(emulator.current, '/passwords?page[size]=1000')).many();
      expect(list.length).toBeGreaterThan(0);
      for (const password of list) {
        expect(typeof password.attributes['updated-by']).toBe('number');
        expect(password.attributes).not.toHaveProperty('is-live');
      }
      const shown = (await get(emulator.current, `/passwords/${list[0]?.id}`)).one();
      expect(typeof shown.attributes['updated-by']).toBe('number');
      expect(shown.attributes['is-live']).toBe(true);

      // A write through the API records the key's user, and is-live is writable (documented param).
      const created = await post(
        emulator.current,
        '/passwords',
        resource('passwords', {
          'organization-id': BIG_ORG,
          name: 'Staging',
          password: 's3',
          'is-live': false,
        }),
      );
      expect(created.status).toBe(201);
      const id = created.one().id;
      const after = (await get(emulator.current, `/passwords/${id}`)).one().attributes;
      expect(after['is-live']).toBe(false);
      expect(after['updated-by']).toBe(4444);
    });
  });

  describe(`${profile} profile: no filter[updated_at] where IT Glue has none`, () => {
    const emulator = useEmulator({ profile, seed: 'demo' });

    it('ignores it on contacts, passwords and configurations (the full list comes back) and says so', async () => {
      for (const type of ['contacts', 'passwords', 'configurations']) {
        const all = await get(emulator.current, `/${type}?page[size]=1000`);
        const filtered = await get(
          emulator.current,
          `/${type}?filter[updated_at]=2999-01-01T00:00:00Z,*&page[size]=1000`,
        );
        expect(filtered.status, type).toBe(200);
        expect(total(filtered), type).toBe(total(all));
        expect(filtered.headers.get('x-emulator-ignored-filters'), type).toBe('updated_at');
      }
      // Organizations document it, so it applies there.
      const future = await get(emulator.current, '/organizations?filter[updated_at]=2999-01-01T00:00:00Z,*');
      expect(total(future)).toBe(0);
      expect(future.headers.get('x-emulator-ignored-filters')).toBeNull();
    });
  });

  describe(`${profile} profile: /organizations/{id}/relationships/passwords`, () => {
    const emulator = useEmulator({ profile, seed: 'demo' });
    const route = `/organizations/${BIG_ORG}/relationships/passwords`;

    it("lists the organization's passwords, ignoring filters as nested routes do", async () => {
      const nested = await get(emulator.current, `${route}?page[size]=1000`);
      expect(nested.status).toBe(200);
      const top = await get(
        emulator.current,
        `/passwords?filter[organization_id]=${BIG_ORG}&page[size]=1000`,
      );
      expect(ids(nested.many())).toEqual(ids(top.many()));
      expect(nested.many().length).toBeGreaterThan(0);
      if (profile === 'real') expect(nested.text).not.toContain('"password":');
      const filtered = await get(emulator.current, `${route}?filter[name]=nothing-has-this-name`);
      expect(total(filtered)).toBe(total(nested));
      expect((await get(emulator.current, '/organizations/424242/relationships/passwords')).status).toBe(404);
    });

    it('creates one, or several at once, in the organization of the path', async () => {
      const one = await post(
        emulator.current,
        route,
        resource('passwords', { name: 'Router', password: 'r1' }),
      );
      expect(one.status).toBe(201);
      expect(String(one.one().attributes['organization-id'])).toBe(BIG_ORG);
      const bulk = await post(emulator.current, route, {
        data: [
          { type: 'passwords', attributes: { name: 'Switch', password: 's1' } },
          { type: 'passwords', attributes: { name: 'Firewall', password: 'f1' } },
        ],
      });
      expect(bulk.status).toBe(201);
      expect(bulk.many().map((item) => item.attributes.name)).toEqual(['Switch', 'Firewall']);
      const listed = (await get(emulator.current, `${route}?page[size]=1000`)).many().map((item) => item.id);
      // Show and update under the same route, for this organization's passwords only.
      const id = one.one().id;
      const shown = await get(emulator.current, `${route}/${id}`);
      expect(shown.one().attributes.name).toBe('Router');
      expect(shown.one().attributes.password).toBe('r1');
      const renamed = await call(emulator.current, 'PATCH', `${route}/${id}`, {
        body: { data: { type: 'passwords', attributes: { name: 'Core router' } } },
      });
      expect(renamed.one().attributes.name).toBe('Core router');
      const elsewhere = (await get(emulator.current, '/organizations?page[size]=1000'))
        .many()
        .find((org) => org.id !== BIG_ORG) as Resource;
      expect(
        (await get(emulator.current, `/organizations/${elsewhere.id}/relationships/passwords/${id}`)).status,
      ).toBe(404);
      for (const id of [one.one().id, ...bulk.many().map((item) => item.id)]) expect(listed).toContain(id);
    });
  });
}
