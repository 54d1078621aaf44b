/**
 * Request bodies as real IT Glue takes them: media types, lossless JSON, snake or kebab keys,
 * numeric-string ids, bulk create on nested routes, strong parameters, 422 shapes, and 404s.
 */
import { describe, expect, it } from 'vitest';
import { BIG_ORG, call, get, HAPPY_FROG, idNamed, patch, post, resource, useEmulator } from './support.js';

describe('request bodies', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('accepts application/vnd.api+json and application/json, with parameters', async () => {
    for (const contentType of [
      'application/vnd.api+json',
      'application/json',
      'application/json; charset=utf-8',
    ]) {
      const reply = await post(
        emulator.current,
        '/contacts',
        resource('contacts', { 'organization-id': BIG_ORG, 'first-name': contentType }),
        { contentType },
      );
      expect(reply.status, contentType).toBe(201);
    }
  });

  it('answers 415 to any other media type and to a body without one', async () => {
    const body = resource('contacts', { 'organization-id': BIG_ORG });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null]) {
      const reply = await post(emulator.current, '/contacts', body, { contentType });
      expect(reply.status, String(contentType)).toBe(415);
      expect(reply.json.errors?.[0]?.status).toBe(415);
    }
  });

  it('answers 400 to invalid JSON and to a document without data', async () => {
    expect((await call(emulator.current, 'POST', '/contacts', { rawBody: '{"data": {' })).status).toBe(400);
    expect((await post(emulator.current, '/contacts', { nope: true })).status).toBe(400);
    expect((await post(emulator.current, '/contacts', { data: [] })).status).toBe(400);
  });

  it('takes snake_case and kebab-case keys at every depth, and ids as numbers or digit strings', async () => {
    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    const typeId = await idNamed(emulator.current, '/contact_types', 'Approver');
    const reply = await post(
      emulator.current,
      '/contacts',
      resource('contacts', {
        organization_id: Number(orgId),
        'contact-type-id': typeId,
        first_name: 'Snake',
        'last-name': 'Kebab',
        contact_emails: [{ value: 'snake@example.com', primary: true, label_name: 'Work' }],
      }),
    );
    expect(reply.status).toBe(201);
    expect(reply.headers.get('x-emulator-ignored-attributes')).toBeNull();
    expect(reply.one().attributes).toMatchObject({
      'organization-id': Number(orgId),
      'contact-type-id': Number(typeId),
      'contact-type-name': 'Approver',
      name: 'Snake Kebab',
      'contact-emails': [{ value: 'snake@example.com', primary: true, 'label-name': 'Work' }],
    });
  });

  it('keeps an organization id above 2^53 exact through a write', async () => {
    const body = `{"data":{"type":"contacts","attributes":{"organization-id":${BIG_ORG},"first-name":"Exact"}}}`;
    const reply = await call(emulator.current, 'POST', '/contacts', { rawBody: body });
    expect(reply.status).toBe(201);
    expect(reply.text).toContain(`"organization-id":${BIG_ORG}`);
  });

  it('creates in bulk on a nested route, all or nothing', async () => {
    const route = `/organizations/${BIG_ORG}/relationships/contacts`;
    const before = Number((await get(emulator.current, route)).json.meta?.['total-count']);
    const bulk = await post(emulator.current, route, {
      data: [
        { type: 'contacts', attributes: { 'first-name': 'Bulk', 'last-name': 'One' } },
        { type: 'contacts', attributes: { 'first-name': 'Bulk', 'last-name': 'Two' } },
      ],
    });
    expect(bulk.status).toBe(201);
    expect(bulk.many().map((contact) => contact.attributes.name)).toEqual(['Bulk One', 'Bulk Two']);
    const failing = await post(emulator.current, route, {
      data: [
        { type: 'contacts', attributes: { 'first-name': 'Bulk', 'last-name': 'Three' } },
        {
          type: 'contacts',
          attributes: { 'contact-emails': [{ value: 'not an email', 'label-name': 'Work' }] },
        },
      ],
    });
    expect(failing.status).toBe(422);
    expect(failing.json.errors?.[0]?.source?.pointer).toBe('/data/1/attributes/contact-emails/0/value');
    expect(Number((await get(emulator.current, route)).json.meta?.['total-count'])).toBe(before + 2);
    // A top-level route takes one resource only.
    expect(
      (await post(emulator.current, '/contacts', { data: [{ type: 'contacts', attributes: {} }] })).status,
    ).toBe(400);
  });

  it('drops unknown attributes silently and names them in x-emulator-ignored-attributes', async () => {
    const reply = await post(
      emulator.current,
      '/contacts',
      resource('contacts', {
        'organization-id': BIG_ORG,
        'first-name': 'Strong',
        nickname: 'x',
        email: 'a@b.example',
        name: 'Ignored Name',
      }),
    );
    expect(reply.status).toBe(201);
    expect(reply.headers.get('x-emulator-ignored-attributes')?.split(',').sort()).toEqual([
      'email',
      'name',
      'nickname',
    ]);
    expect(reply.one().attributes.name).toBe('Strong');
    expect(reply.one().attributes).not.toHaveProperty('nickname');
  });

  it('checks the type when one is sent', async () => {
    const reply = await post(
      emulator.current,
      '/contacts',
      resource('passwords', { 'organization-id': BIG_ORG }),
    );
    expect(reply.status).toBe(422);
    expect(reply.json.errors?.[0]?.source?.pointer).toBe('/data/type');
    const untyped = await post(emulator.current, '/contacts', {
      data: { attributes: { 'organization-id': BIG_ORG } },
    });
    expect(untyped.status).toBe(201);
  });
});

describe('422 shapes', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('sends the real body for a missing or unknown organization', async () => {
    for (const attributes of [{ 'first-name': 'x' }, { 'organization-id': 123456789 }]) {
      const reply = await post(emulator.current, '/contacts', resource('contacts', attributes));
      expect(reply.status).toBe(422);
      expect(reply.text).toBe(
        '{"errors":[{"status":422,"title":"Valid organization_id is required","source":{"pointer":"data/attributes/organization_id"}}]}',
      );
    }
  });

  it('sends the real body for a missing or unknown configuration type', async () => {
    for (const extra of [{}, { 'configuration-type-id': 999999 }]) {
      const reply = await post(
        emulator.current,
        '/configurations',
        resource('configurations', { 'organization-id': BIG_ORG, name: 'x', ...extra }),
      );
      expect(reply.text).toBe(
        '{"errors":[{"source":{"pointer":"/data/attributes/configuration-type"},"detail":"must exist","title":"Unprocessable Entity","status":422}]}',
      );
    }
  });

  it('points at the exact field for invalid values, and at the entry inside a list', async () => {
    const reply = await post(
      emulator.current,
      '/contacts',
      resource('contacts', {
        'organization-id': BIG_ORG,
        important: 'perhaps',
        'contact-emails': [
          { value: 'ok@example.com', 'label-name': 'Work' },
          { value: 'broken', primary: false },
        ],
      }),
    );
    expect(reply.status).toBe(422);
    const pointers = reply.json.errors?.map((error) => error.source?.pointer).sort();
    expect(pointers).toEqual([
      '/data/attributes/contact-emails/1/label-name',
      '/data/attributes/contact-emails/1/value',
      '/data/attributes/important',
    ]);
    expect(reply.json.errors?.every((error) => error.status === 422)).toBe(true);
  });
});

describe('404s', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('answers a missing record with a JSON 404, and a non-numeric id too', async () => {
    for (const path of ['/contacts/123456789', '/organizations/12ab', '/configurations/0']) {
      const reply = await get(emulator.current, path);
      expect(reply.status, path).toBe(404);
      expect(reply.text).toBe('{"errors":[{"status":404,"title":"Not Found","detail":"Record not found"}]}');
    }
    const missing = await patch(
      emulator.current,
      '/contacts/123456789',
      resource('contacts', { title: 'x' }),
    );
    expect(missing.status).toBe(404);
  });

  it('answers an unknown organization on a nested route, and another organization’s record, with a JSON 404', async () => {
    expect((await get(emulator.current, '/organizations/123456789/relationships/contacts')).status).toBe(404);
    const created = await post(
      emulator.current,
      '/organizations/123456789/relationships/contacts',
      resource('contacts', {}),
    );
    expect(created.status).toBe(404);
    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    const bigContact = (
      await get(emulator.current, `/organizations/${BIG_ORG}/relationships/contacts`)
    ).many()[0];
    const crossed = await patch(
      emulator.current,
      `/organizations/${orgId}/relationships/contacts/${bigContact?.id}`,
      resource('contacts', { title: 'x' }),
    );
    expect(crossed.status).toBe(404);
    expect(crossed.json.errors?.[0]?.title).toBe('Not Found');
  });

  it('answers unknown routes and methods, every DELETE included, with the Rails HTML 404', async () => {
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['DELETE', '/contacts'],
      ['DELETE', `/contacts/${(await get(emulator.current, '/contacts')).many()[0]?.id}`],
      ['PUT', `/organizations/${BIG_ORG}`],
      ['POST', `/organizations/${BIG_ORG}`],
      ['POST', '/documents/1/publish'],
      ['GET', '/organizations/'],
    ] as const) {
      const reply = await call(emulator.current, method, path);
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(reply.text).toContain("The page you were looking for doesn't exist (404)");
    }
  });
});
