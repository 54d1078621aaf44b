/** Contacts on each profile: shape, derived name, emails and phones, PSA-synced records. */
import { describe, expect, it } from 'vitest';
import {
  BIG_ORG,
  control,
  get,
  HAPPY_FROG,
  idNamed,
  patch,
  post,
  type Resource,
  resource,
  useEmulator,
} from './support.js';

describe('contacts on the real profile', () => {
  const emulator = useEmulator({ profile: 'real', seed: 'demo' });

  it('returns contact-emails and contact-phones arrays, a derived name, no flat email and no archived', async () => {
    const contact = (
      await get(emulator.current, `/organizations/${BIG_ORG}/relationships/contacts`)
    ).many()[0] as Resource;
    const attributes = contact.attributes;
    expect(attributes).not.toHaveProperty('email');
    expect(attributes).not.toHaveProperty('archived');
    expect(attributes.name).toBe(`${attributes['first-name']} ${attributes['last-name']}`);
    expect(attributes['contact-emails']).toEqual(
      expect.arrayContaining([expect.objectContaining({ primary: true, 'label-name': 'Work' })]),
    );
    const phone = (attributes['contact-phones'] as Array<Record<string, unknown>>)[0];
    expect(phone).toMatchObject({ 'label-type': 'phone', primary: true });
    expect(phone?.['formatted-value']).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/);
    for (const key of [
      'organization-name',
      'contact-type-name',
      'location-name',
      'psa-integration',
      'restricted',
    ]) {
      expect(attributes, key).toHaveProperty(key);
    }
  });

  it('requires only the organization, ignores name, email and archived, and strips phone separators', async () => {
    const bare = await post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG }),
    );
    expect(bare.status).toBe(201);
    expect(bare.one().attributes.name).toBeNull();
    const reply = await post(
      emulator.current,
      '/contacts',
      resource('contacts', {
        'organization-id': BIG_ORG,
        name: 'Not Used',
        email: 'flat@example.com',
        archived: true,
        'first-name': 'Phone',
        'contact-phones': [{ value: '(415) 555-2156', 'label-name': 'Work', primary: true }],
      }),
    );
    expect(reply.headers.get('x-emulator-ignored-attributes')?.split(',').sort()).toEqual([
      'archived',
      'email',
      'name',
    ]);
    expect(reply.one().attributes).toMatchObject({
      name: 'Phone',
      'contact-emails': [],
      'contact-phones': [
        {
          value: '4155552156',
          'formatted-value': '(415) 555-2156',
          'label-name': 'Work',
          'label-type': 'phone',
          extension: null,
        },
      ],
    });
  });

  it('replaces the whole email array on PATCH and derives the name again', async () => {
    const created = await post(
      emulator.current,
      '/contacts',
      resource('contacts', {
        'organization-id': BIG_ORG,
        'first-name': 'Two',
        'contact-emails': [
          { value: 'one@example.com', primary: true, 'label-name': 'Work' },
          { value: 'two@example.com', primary: false, 'label-name': 'Home' },
        ],
      }),
    );
    const id = created.one().id;
    const updated = await patch(
      emulator.current,
      `/contacts/${id}`,
      resource('contacts', {
        'last-name': 'Emails',
        'contact-emails': [{ value: 'three@example.com', primary: true, 'label-name': 'Work' }],
      }),
    );
    expect(updated.one().attributes['contact-emails']).toEqual([
      { value: 'three@example.com', primary: true, 'label-name': 'Work' },
    ]);
    expect(updated.one().attributes.name).toBe('Two Emails');
  });

  it('requires a label name and a valid value for each email', async () => {
    const reply = await post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG, 'contact-emails': [{ value: 'x@example.com' }] }),
    );
    expect(reply.status).toBe(422);
    expect(reply.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/contact-emails/0/label-name');
  });

  it('refuses to update a PSA-synced contact, on both routes', async () => {
    const raw = (
      await control<{ data: Array<Record<string, unknown>> }>(emulator.current, 'GET', '/records/contacts')
    ).body.data;
    const synced = raw.find((contact) => contact.psaIntegration !== null) as Record<string, unknown>;
    expect(synced).toBeDefined();
    const top = await patch(
      emulator.current,
      `/contacts/${synced.id}`,
      resource('contacts', { title: 'Nope' }),
    );
    expect(top.status).toBe(422);
    expect(top.json.errors?.[0]?.title).toMatch(/externally synced/);
    const nested = await patch(
      emulator.current,
      `/organizations/${synced.organizationId}/relationships/contacts/${synced.id}`,
      resource('contacts', { title: 'Nope' }),
    );
    expect(nested.status).toBe(422);
    expect((await get(emulator.current, `/contacts/${synced.id}`)).one().attributes.title).toBe(synced.title);
  });

  it('moves a contact to another organization on a top-level PATCH, checking it exists', async () => {
    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    const created = await post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG, 'first-name': 'Mover' }),
    );
    const id = created.one().id;
    const moved = await patch(
      emulator.current,
      `/contacts/${id}`,
      resource('contacts', { organization_id: orgId }),
    );
    expect(moved.one().attributes['organization-name']).toBe(HAPPY_FROG);
    const listed = (
      await get(emulator.current, `/organizations/${orgId}/relationships/contacts?page[size]=1000`)
    ).many();
    expect(listed.map((contact) => contact.id)).toContain(id);
    const bad = await patch(
      emulator.current,
      `/contacts/${id}`,
      resource('contacts', { organization_id: 123456789 }),
    );
    expect(bad.status).toBe(422);
  });
});

describe('contacts on the seed profile', () => {
  const emulator = useEmulator({ profile: 'seed', seed: 'demo' });

  it('returns a flat email and name, archived, and no arrays', async () => {
    const contact = (
      await get(emulator.current, `/organizations/${BIG_ORG}/relationships/contacts`)
    ).many()[0] as Resource;
    expect(contact.attributes).not.toHaveProperty('contact-emails');
    expect(contact.attributes).not.toHaveProperty('contact-phones');
    expect(contact.attributes.email).toMatch(/@fab\.example$/);
    expect(contact.attributes.archived).toBe(false);
  });

  it('takes the document’s name, email and archived, and still takes a real client’s body', async () => {
    const documentStyle = await post(
      emulator.current,
      '/contacts',
      resource('contacts', {
        'organization-id': BIG_ORG,
        name: 'Doc Style',
        email: 'doc@example.com',
        archived: true,
      }),
    );
    expect(documentStyle.status).toBe(201);
    expect(documentStyle.headers.get('x-emulator-ignored-attributes')).toBeNull();
    expect(documentStyle.one().attributes).toMatchObject({
      name: 'Doc Style',
      email: 'doc@example.com',
      archived: true,
    });
    const realStyle = await post(
      emulator.current,
      '/contacts',
      resource('contacts', {
        'organization-id': BIG_ORG,
        'first-name': 'Real',
        'last-name': 'Style',
        'contact-emails': [{ value: 'real@example.com', primary: true, 'label-name': 'Work' }],
      }),
    );
    expect(realStyle.one().attributes).toMatchObject({ name: 'Real Style', email: 'real@example.com' });
    const renamed = await patch(
      emulator.current,
      `/contacts/${realStyle.one().id}`,
      resource('contacts', { 'first-name': 'Really' }),
    );
    expect(renamed.one().attributes.name).toBe('Really Style');
    const newEmail = await patch(
      emulator.current,
      `/contacts/${realStyle.one().id}`,
      resource('contacts', { email: 'new@example.com' }),
    );
    expect(newEmail.one().attributes.email).toBe('new@example.com');
  });

  it('requires a name, or a first or last name to derive it from', async () => {
    const reply = await post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG, title: 'x' }),
    );
    expect(reply.status).toBe(422);
    expect(reply.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/name');
    const invalid = await post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG, name: 'A', email: 'no' }),
    );
    expect(invalid.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/email');
  });
});
