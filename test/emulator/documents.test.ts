/** Documents: no top-level list on real IT Glue, content in sections, publishing, folders. */
import { describe, expect, it } from 'vitest';
import { BIG_ORG, call, control, get, patch, post, type Resource, resource, useEmulator } from './support.js';

const sectionsOf = (id: string) => `/documents/${id}/relationships/sections`;

describe('documents on the real profile', () => {
  const emulator = useEmulator({ profile: 'real', seed: 'demo' });

  it('has no top-level GET /documents: the HTML 404', async () => {
    const reply = await get(emulator.current, '/documents?filter[organization_id]=1');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain('text/html');
  });

  it('ignores content on POST and PATCH, and has no content attribute', async () => {
    const created = await post(
      emulator.current,
      '/documents',
      resource('documents', { 'organization-id': BIG_ORG, name: 'Plan', content: '<p>x</p>' }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('x-emulator-ignored-attributes')).toBe('content');
    expect(created.one().attributes).not.toHaveProperty('content');
    expect(created.one().attributes).toMatchObject({
      published: false,
      'document-folder-id': null,
      'organization-name': 'Fabrikam Architects',
    });
    const updated = await patch(
      emulator.current,
      `/documents/${created.one().id}`,
      resource('documents', { content: '<p>y</p>', archived: true }),
    );
    expect(updated.headers.get('x-emulator-ignored-attributes')).toBe('content');
    expect(updated.one().attributes.archived).toBe(true);
  });

  it('creates, lists, shows and updates sections, rendering headings, and keeps resource-type fixed', async () => {
    const document = (
      await post(
        emulator.current,
        '/documents',
        resource('documents', { 'organization-id': BIG_ORG, name: 'Sections' }),
      )
    ).one();
    const heading = await post(
      emulator.current,
      sectionsOf(document.id),
      resource('document-sections', { 'resource-type': 'Document::Heading', level: 3, content: 'Intro' }),
    );
    expect(heading.status).toBe(201);
    expect(heading.one()).toMatchObject({ type: 'document-sections' });
    expect(heading.one().attributes).toMatchObject({
      'document-id': Number(document.id),
      level: 3,
      sort: 1,
      'rendered-content': '<h3>Intro</h3>',
    });
    const text = await post(
      emulator.current,
      sectionsOf(document.id),
      resource('document-sections', { resource_type: 'Document::Text', content: '<p>Body</p>' }),
    );
    expect(text.one().attributes).toMatchObject({ sort: 2, level: null, 'rendered-content': '<p>Body</p>' });
    const list = await get(emulator.current, sectionsOf(document.id));
    expect(list.many().map((section) => section.id)).toEqual([heading.one().id, text.one().id]);
    const shown = await get(emulator.current, `${sectionsOf(document.id)}/${text.one().id}`);
    expect(shown.one().attributes.content).toBe('<p>Body</p>');
    const edited = await patch(
      emulator.current,
      `${sectionsOf(document.id)}/${text.one().id}`,
      resource('document-sections', { content: '<p>New</p>', 'rendered-content': 'x' }),
    );
    expect(edited.one().attributes['rendered-content']).toBe('<p>New</p>');
    expect(edited.headers.get('x-emulator-ignored-attributes')).toBe('rendered-content');
    const retyped = await patch(
      emulator.current,
      `${sectionsOf(document.id)}/${text.one().id}`,
      resource('document-sections', { 'resource-type': 'Document::Heading' }),
    );
    expect(retyped.status).toBe(422);
    expect(retyped.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/resource-type');
    const after = (await get(emulator.current, `/documents/${document.id}`)).one();
    expect(String(after.attributes['updated-at']) > String(document.attributes['updated-at'])).toBe(true);
  });

  it('refuses a section without a valid resource-type or with a heading level out of range', async () => {
    const document = (
      await get(emulator.current, `/organizations/${BIG_ORG}/relationships/documents`)
    ).many()[0] as Resource;
    const missing = await post(
      emulator.current,
      sectionsOf(document.id),
      resource('document-sections', { content: 'x' }),
    );
    expect(missing.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/resource-type');
    const unknown = await post(
      emulator.current,
      sectionsOf(document.id),
      resource('document-sections', { 'resource-type': 'Document::Video' }),
    );
    expect(unknown.status).toBe(422);
    const level = await post(
      emulator.current,
      sectionsOf(document.id),
      resource('document-sections', { 'resource-type': 'Document::Heading', level: 7 }),
    );
    expect(level.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/level');
    expect((await get(emulator.current, sectionsOf('123456789'))).status).toBe(404);
    // A section is only found under its own document.
    const raw = (
      await control<{ data: Array<Record<string, unknown>> }>(
        emulator.current,
        'GET',
        '/records/document-sections',
      )
    ).body;
    const section = raw.data.find((entry) => entry.documentId !== document.id) as Record<string, unknown>;
    expect(
      (await get(emulator.current, `${sectionsOf(String(section.documentId))}/${section.id}`)).status,
    ).toBe(200);
    expect((await get(emulator.current, `${sectionsOf(document.id)}/${section.id}`)).status).toBe(404);
  });

  it('publishes with PATCH on both routes, and refuses another organization’s document', async () => {
    const document = (
      await post(
        emulator.current,
        '/documents',
        resource('documents', { 'organization-id': BIG_ORG, name: 'Draft' }),
      )
    ).one();
    expect(document.attributes.published).toBe(false);
    const published = await call(emulator.current, 'PATCH', `/documents/${document.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.one().attributes.published).toBe(true);
    const second = (
      await post(
        emulator.current,
        '/documents',
        resource('documents', { 'organization-id': BIG_ORG, name: 'Draft 2' }),
      )
    ).one();
    const nested = await call(
      emulator.current,
      'PATCH',
      `/organizations/${BIG_ORG}/relationships/documents/${second.id}/publish`,
    );
    expect(nested.one().attributes.published).toBe(true);
    const otherOrg = (await get(emulator.current, '/organizations')).many()[0]?.id;
    const crossed = await call(
      emulator.current,
      'PATCH',
      `/organizations/${otherOrg}/relationships/documents/${second.id}/publish`,
    );
    expect(crossed.status).toBe(404);
    expect(
      (await call(emulator.current, 'POST', `/documents/${document.id}/publish`)).headers.get('content-type'),
    ).toContain('text/html');
  });

  it('lists root-level documents only, unless filter[document_folder_id] is given', async () => {
    const route = `/organizations/${BIG_ORG}/relationships/documents`;
    const raw = (await (await fetch(`${emulator.current.url}/__emulator/records/documents`)).json()) as {
      data: Array<Record<string, unknown>>;
    };
    const mine = raw.data.filter((document) => document.organizationId === BIG_ORG);
    const filed = mine.find((document) => document.documentFolderId !== null);
    expect(filed).toBeDefined();
    const root = (await get(emulator.current, `${route}?page[size]=1000`)).many();
    expect(root.map((document) => document.id)).not.toContain(filed?.id);
    expect(root.every((document) => document.attributes['document-folder-id'] === null)).toBe(true);
    const inFolder = await get(
      emulator.current,
      `${route}?filter[document_folder_id]=${filed?.documentFolderId}`,
    );
    expect(inFolder.many().map((document) => document.id)).toContain(filed?.id);
    expect(
      inFolder
        .many()
        .every(
          (document) =>
            document.attributes['document-folder-id'] === Number(filed?.documentFolderId) ||
            String(document.attributes['document-folder-id']) === filed?.documentFolderId,
        ),
    ).toBe(true);
    // The folder is set on create only: a PATCH cannot move the document.
    const created = await post(
      emulator.current,
      route,
      resource('documents', { name: 'Filed', 'document-folder-id': filed?.documentFolderId }),
    );
    const moved = await patch(
      emulator.current,
      `/documents/${created.one().id}`,
      resource('documents', { 'document-folder-id': null }),
    );
    expect(moved.headers.get('x-emulator-ignored-attributes')).toBe('document-folder-id');
    expect(moved.one().attributes['document-folder-id']).not.toBeNull();
  });
});

describe('documents on the seed profile', () => {
  const emulator = useEmulator({ profile: 'seed', seed: 'demo' });

  it('has a top-level list with the document’s filters', async () => {
    const all = await get(emulator.current, `/documents?filter[organization_id]=${BIG_ORG}&page[size]=1000`);
    expect(all.many().length).toBeGreaterThan(0);
    expect(all.many().every((document) => String(document.attributes['organization-id']) === BIG_ORG)).toBe(
      true,
    );
    const name = all.many()[0]?.attributes.name as string;
    const byName = await get(emulator.current, `/documents?filter[name]=${encodeURIComponent(name)}`);
    expect(byName.many().every((document) => document.attributes.name === name)).toBe(true);
  });

  it('stores content, and shows rendered sections instead once there are some', async () => {
    const created = await post(
      emulator.current,
      '/documents',
      resource('documents', { 'organization-id': BIG_ORG, name: 'Body', content: '<p>Stored</p>' }),
    );
    expect(created.headers.get('x-emulator-ignored-attributes')).toBeNull();
    expect(created.one().attributes.content).toBe('<p>Stored</p>');
    const id = created.one().id;
    expect(
      (
        await patch(
          emulator.current,
          `/documents/${id}`,
          resource('documents', { content: '<p>Changed</p>' }),
        )
      ).one().attributes.content,
    ).toBe('<p>Changed</p>');
    await post(
      emulator.current,
      sectionsOf(id),
      resource('document-sections', { 'resource-type': 'Document::Text', content: '<p>Two</p>', sort: 2 }),
    );
    await post(
      emulator.current,
      sectionsOf(id),
      resource('document-sections', {
        'resource-type': 'Document::Heading',
        level: 1,
        content: 'One',
        sort: 1,
      }),
    );
    expect((await get(emulator.current, `/documents/${id}`)).one().attributes.content).toBe(
      '<h1>One</h1><p>Two</p>',
    );
  });

  it('lists every document of an organization on the nested route, and applies filter[name] there', async () => {
    const route = `/organizations/${BIG_ORG}/relationships/documents`;
    const nested = (await get(emulator.current, `${route}?page[size]=1000`)).many();
    const topLevel = (
      await get(emulator.current, `/documents?filter[organization_id]=${BIG_ORG}&page[size]=1000`)
    ).many();
    expect(nested.map((document) => document.id)).toEqual(topLevel.map((document) => document.id));
    expect(nested.some((document) => document.attributes['document-folder-id'] !== null)).toBe(true);
    const name = nested[0]?.attributes.name as string;
    const byName = await get(emulator.current, `${route}?filter[name]=${encodeURIComponent(name)}`);
    expect(byName.many().every((document) => document.attributes.name === name)).toBe(true);
  });
});
