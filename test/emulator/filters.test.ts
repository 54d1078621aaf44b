/**
 * `filter[...]`: exact matches, comma OR, `\,`, encoded keys, kebab-case fields, AND, booleans and
 * date ranges; which filters each profile applies, on top-level and nested routes.
 */
import { describe, expect, it } from 'vitest';
import { BIG_ORG, get, HAPPY_FROG, idNamed, type Resource, useEmulator } from './support.js';

const total = (reply: { json: { meta?: Record<string, unknown> } }) =>
  Number(reply.json.meta?.['total-count']);
const names = (list: Resource[]) => list.map((item) => item.attributes.name).sort();

describe('filter matching', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('matches names exactly and case-sensitively, never partially', async () => {
    const exact = await get(
      emulator.current,
      `/organizations?filter[name]=${encodeURIComponent(HAPPY_FROG)}`,
    );
    expect(names(exact.many())).toEqual([HAPPY_FROG]);
    expect(total(await get(emulator.current, '/organizations?filter[name]=Happy%20Frog'))).toBe(0);
    expect(total(await get(emulator.current, '/organizations?filter[name]=happy%20frog%20dental'))).toBe(0);
  });

  it('reads a comma as OR and a backslash-comma as a literal comma', async () => {
    const either = await get(
      emulator.current,
      '/organizations?filter[name]=Happy+Frog+Dental,Bluebird+Logistics',
    );
    expect(names(either.many())).toEqual(['Bluebird Logistics', HAPPY_FROG]);
    const escaped = await get(
      emulator.current,
      `/organizations?filter[name]=${encodeURIComponent('Kub\\, Reynolds and Gibson')}`,
    );
    expect(names(escaped.many())).toEqual(['Kub, Reynolds and Gibson']);
    const split = await get(
      emulator.current,
      `/organizations?filter[name]=${encodeURIComponent('Kub, Reynolds and Gibson')}`,
    );
    expect(total(split)).toBe(0);
  });

  it('accepts percent-encoded keys and kebab-case fields', async () => {
    const configurations = (
      await get(emulator.current, `/configurations?filter[organization_id]=${BIG_ORG}`)
    ).many();
    const serial = configurations[0]?.attributes['serial-number'] as string;
    for (const key of [
      'filter[serial_number]',
      'filter[serial-number]',
      'filter%5Bserial_number%5D',
      'filter%5Bserial-number%5D',
    ]) {
      const reply = await get(emulator.current, `/configurations?${key}=${serial}`);
      expect(
        reply.many().map((config) => config.id),
        key,
      ).toEqual([configurations[0]?.id]);
    }
  });

  it('ANDs several filters', async () => {
    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    const contacts = (await get(emulator.current, `/contacts?filter[organization_id]=${orgId}`)).many();
    const someone = contacts[0] as Resource;
    const both = await get(
      emulator.current,
      `/contacts?filter[organization_id]=${orgId}&filter[first_name]=${someone.attributes['first-name']}`,
    );
    expect(both.many().length).toBeGreaterThan(0);
    expect(
      both.many().every((contact) => contact.attributes['first-name'] === someone.attributes['first-name']),
    ).toBe(true);
    const otherOrg = await get(
      emulator.current,
      `/contacts?filter[organization_id]=${BIG_ORG}&filter[id]=${someone.id}`,
    );
    expect(total(otherOrg)).toBe(0);
  });

  it('compares the primary email case-insensitively', async () => {
    const contact = (
      await get(emulator.current, `/organizations/${BIG_ORG}/relationships/contacts`)
    ).many()[0];
    const emails = contact?.attributes['contact-emails'] as Array<{ value: string; primary: boolean }>;
    const primary = emails.find((email) => email.primary)?.value as string;
    const found = await get(emulator.current, `/contacts?filter[primary_email]=${primary.toUpperCase()}`);
    expect(found.many().map((item) => item.id)).toEqual([contact?.id]);
  });

  it('takes true|false|1|0 for booleans, and null never matches false', async () => {
    const archived = await get(emulator.current, '/configurations?filter[archived]=true&page[size]=1000');
    expect(archived.many().length).toBeGreaterThan(0);
    expect(archived.many().every((config) => config.attributes.archived === true)).toBe(true);
    expect(total(await get(emulator.current, '/configurations?filter[archived]=1'))).toBe(total(archived));
    const all = (await get(emulator.current, '/contacts?page[size]=1000')).many();
    const notImportant = await get(emulator.current, '/contacts?filter[important]=0&page[size]=1000');
    expect(all.some((contact) => contact.attributes.important === null)).toBe(true);
    expect(total(notImportant)).toBe(all.filter((contact) => contact.attributes.important === false).length);
  });

  it('filters organizations by updated_at with open ends, and refuses a malformed range', async () => {
    const all = (await get(emulator.current, '/organizations?page[size]=1000')).many();
    const stamps = all.map((org) => org.attributes['updated-at'] as string).sort();
    const middle = stamps[Math.floor(stamps.length / 2)] as string;
    const after = await get(
      emulator.current,
      `/organizations?filter[updated_at]=${middle},*&page[size]=1000`,
    );
    expect(total(after)).toBe(stamps.filter((stamp) => stamp >= middle).length);
    const before = await get(
      emulator.current,
      `/organizations?filter[updated-at]=*,${middle}&page[size]=1000`,
    );
    expect(total(before)).toBe(stamps.filter((stamp) => stamp <= middle).length);
    const someOrganization = all[2] as Resource;
    const day = String(someOrganization.attributes['updated-at']).slice(0, 10);
    const sameDay = await get(emulator.current, `/organizations?filter[updated_at]=${day},${day}`);
    expect(sameDay.many().map((org) => org.id)).toContain(someOrganization.id);
    expect(sameDay.many().every((org) => String(org.attributes['updated-at']).startsWith(day))).toBe(true);
    const bad = await get(emulator.current, '/organizations?filter[updated_at]=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.[0]?.source).toEqual({ parameter: 'filter[updated_at]' });
  });
});

describe('which filters apply, per profile', () => {
  const real = useEmulator({ profile: 'real', seed: 'demo' });
  const seed = useEmulator({ profile: 'seed', seed: 'demo' });

  it('real IT Glue silently ignores filters it does not have; the seed profile applies the document ones', async () => {
    const everyone = total(await get(real.current, '/contacts'));
    const configs = total(await get(real.current, '/configurations'));
    const someContact = (await get(seed.current, '/contacts')).many()[0] as Resource;
    const email = someContact.attributes.email as string;
    const name = someContact.attributes.name as string;
    expect(total(await get(real.current, `/contacts?filter[email]=${email}`))).toBe(everyone);
    expect(total(await get(real.current, `/contacts?filter[name]=${encodeURIComponent(name)}`))).toBe(
      everyone,
    );
    expect(total(await get(real.current, '/contacts?filter[hostname]=nope'))).toBe(everyone);
    expect(total(await get(real.current, '/configurations?filter[hostname]=nope'))).toBe(configs);

    const byEmail = await get(seed.current, `/contacts?filter[email]=${email.toUpperCase()}`);
    expect(byEmail.many().map((contact) => contact.id)).toContain(someContact.id);
    expect(
      byEmail
        .many()
        .every((contact) => String(contact.attributes.email).toLowerCase() === email.toLowerCase()),
    ).toBe(true);
    const byName = await get(seed.current, `/contacts?filter[name]=${encodeURIComponent(name)}`);
    expect(byName.many().every((contact) => contact.attributes.name === name)).toBe(true);
    expect(total(await get(seed.current, '/configurations?filter[hostname]=nope'))).toBe(0);
    // Real filters work on the seed profile too.
    expect(total(await get(seed.current, `/contacts?filter[primary_email]=${email}`))).toBeGreaterThan(0);
  });

  it('nested routes ignore filters on real IT Glue, and apply the document ones on the seed profile', async () => {
    const route = `/organizations/${BIG_ORG}/relationships/contacts`;
    const realAll = total(await get(real.current, route));
    expect(total(await get(real.current, `${route}?filter[first_name]=Nobody`))).toBe(realAll);
    expect(total(await get(real.current, `${route}?filter[email]=nobody@example.com`))).toBe(realAll);
    const seedList = (await get(seed.current, route)).many();
    const email = seedList[0]?.attributes.email as string;
    expect(total(await get(seed.current, `${route}?filter[email]=${email}`))).toBe(1);
    // first_name is not one of the document's filters for this route.
    expect(total(await get(seed.current, `${route}?filter[first_name]=Nobody`))).toBe(seedList.length);
    const configs = `/organizations/${BIG_ORG}/relationships/configurations`;
    const someConfig = (await get(seed.current, configs)).many()[0] as Resource;
    const nameFilter = `${configs}?filter[name]=${someConfig.attributes.name}`;
    expect(total(await get(seed.current, nameFilter))).toBe(1);
    expect(total(await get(real.current, nameFilter))).toBe(total(await get(real.current, configs)));
  });

  it('ignores sort on nested routes except documents', async () => {
    const route = `/organizations/${BIG_ORG}/relationships/contacts`;
    const plain = (await get(real.current, route)).many().map((contact) => contact.id);
    expect((await get(real.current, `${route}?sort=-id`)).many().map((contact) => contact.id)).toEqual(plain);
    expect((await get(real.current, `${route}?sort=bogus`)).status).toBe(200);
    const documents = `/organizations/${BIG_ORG}/relationships/documents`;
    expect((await get(real.current, `${documents}?sort=bogus`)).status).toBe(400);
  });
});
