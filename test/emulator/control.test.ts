/** Control routes and the in-process control handle: reset, seeds, counts, raw records, the app. */
import { describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../../src/emulator/index.js';
import {
  BIG_ORG,
  call,
  control,
  get,
  HAPPY_FROG,
  idNamed,
  patch,
  post,
  resource,
  useEmulator,
} from './support.js';

interface Counts {
  total: number;
  byMethod: Record<string, number>;
  byRoute: Record<string, number>;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  writes: Array<{
    method: string;
    path: string;
    operationId?: string;
    status: number;
    ids: string[];
    committed: boolean;
  }>;
}

type Raw = Array<Record<string, unknown>>;

describe('control routes', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('counts requests by method, route template, operation and status, and logs writes', async () => {
    await control(emulator.current, 'POST', '/requests/reset');
    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    await get(emulator.current, `/organizations/${orgId}/relationships/contacts`);
    await get(emulator.current, `/organizations/${BIG_ORG}/relationships/contacts`);
    const created = await post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG, 'first-name': 'Counted' }),
    );
    await post(emulator.current, '/contacts', resource('contacts', {}));
    await call(emulator.current, 'DELETE', `/contacts/${created.one().id}`);
    const counts = (await control<Counts>(emulator.current, 'GET', '/requests')).body;
    expect(counts.total).toBe(6);
    expect(counts.byMethod).toEqual({ GET: 3, POST: 2, DELETE: 1 });
    expect(counts.byRoute).toEqual({
      'GET /organizations': 1,
      'GET /organizations/{organization_id}/relationships/contacts': 2,
      'POST /contacts': 2,
      'DELETE /contacts/{id}': 1,
    });
    expect(counts.byOperation).toEqual({
      listOrganizations: 1,
      listOrganizationContacts: 2,
      createContact: 2,
    });
    expect(counts.byStatus).toEqual({ '200': 3, '201': 1, '422': 1, '404': 1 });
    expect(counts.writes).toEqual([
      {
        method: 'POST',
        path: '/contacts',
        operationId: 'createContact',
        status: 201,
        ids: [created.one().id],
        committed: true,
        delivered: true,
      },
      {
        method: 'POST',
        path: '/contacts',
        operationId: 'createContact',
        status: 422,
        ids: [],
        committed: false,
        delivered: true,
      },
    ]);
    expect(emulator.current.control.counts()).toEqual(counts);
    // Control calls themselves are not counted.
    expect((await control<Counts>(emulator.current, 'GET', '/requests')).body.total).toBe(6);
    await control(emulator.current, 'POST', '/requests/reset');
    expect((await control<Counts>(emulator.current, 'GET', '/requests')).body.total).toBe(0);
  });

  it('edits a record as a person in the IT Glue UI would, moving updated-at', async () => {
    const contact = (
      await get(emulator.current, `/organizations/${BIG_ORG}/relationships/contacts`)
    ).many()[0];
    const edited = await control<{ data: Record<string, unknown> }>(
      emulator.current,
      'POST',
      `/records/contacts/${contact?.id}`,
      {
        attributes: { title: 'Edited in the UI', 'psa-integration': 'autotask', unknown_field: 1 },
      },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.data).not.toHaveProperty('unknownField');
    const read = (await get(emulator.current, `/contacts/${contact?.id}`)).one();
    expect(read.attributes).toMatchObject({ title: 'Edited in the UI', 'psa-integration': 'autotask' });
    expect(String(read.attributes['updated-at']) > String(contact?.attributes['updated-at'])).toBe(true);
    // Now PSA-synced: the API refuses to change it.
    expect(
      (await patch(emulator.current, `/contacts/${contact?.id}`, resource('contacts', { title: 'x' })))
        .status,
    ).toBe(422);
  });

  it('deletes records as the IT Glue UI would, an organization with everything in it', async () => {
    const contact = (await get(emulator.current, '/contacts')).many()[0];
    expect((await control(emulator.current, 'POST', `/records/contacts/${contact?.id}/delete`)).status).toBe(
      200,
    );
    expect((await get(emulator.current, `/contacts/${contact?.id}`)).status).toBe(404);
    const orgId = await idNamed(emulator.current, '/organizations', 'Bluebird Logistics');
    await control(emulator.current, 'POST', `/records/organizations/${orgId}/delete`);
    expect((await get(emulator.current, `/organizations/${orgId}`)).status).toBe(404);
    for (const type of ['contacts', 'passwords', 'configurations', 'documents']) {
      const raw = (await control<{ data: Raw }>(emulator.current, 'GET', `/records/${type}`)).body.data;
      expect(
        raw.some((record) => record.organizationId === orgId),
        type,
      ).toBe(false);
    }
    expect((await control(emulator.current, 'POST', `/records/contacts/${contact?.id}/delete`)).status).toBe(
      404,
    );
    expect((await control(emulator.current, 'GET', '/records/widgets')).status).toBe(404);
  });

  it('returns raw records with password values, for invariants', async () => {
    const raw = (await control<{ data: Raw }>(emulator.current, 'GET', '/records/passwords')).body.data;
    expect(raw.every((password) => typeof password.password === 'string')).toBe(true);
    const lookups = (await control<{ data: Raw }>(emulator.current, 'GET', '/records/contact_types')).body
      .data;
    expect(lookups.map((row) => row.name)).toEqual(
      expect.arrayContaining(['Employee', 'Approver', 'Vendor', 'Terminated']),
    );
  });

  it('reloads a seed into the default tenant or the tenant of a key, and resets every tenant', async () => {
    const other = (await control<{ apiKey: string }>(emulator.current, 'POST', '/tenants', { seed: 'demo' }))
      .body.apiKey;
    await control(emulator.current, 'POST', '/seed', { seed: 'empty' }, other);
    expect(
      (await get(emulator.current, '/organizations', { apiKey: other })).json.meta?.['total-count'],
    ).toBe(0);
    expect(
      Number((await get(emulator.current, '/organizations')).json.meta?.['total-count']),
    ).toBeGreaterThan(0);
    await post(
      emulator.current,
      '/contacts',
      resource('contacts', { 'organization-id': BIG_ORG, 'first-name': 'Gone' }),
    );
    const reset = await control(emulator.current, 'POST', '/reset', { profile: 'seed' });
    expect(reset.body).toEqual({ profile: 'seed' });
    expect(emulator.current.profile).toBe('seed');
    expect(
      (await get(emulator.current, '/contacts?filter[first_name]=Gone')).json.meta?.['total-count'],
    ).toBe(0);
    expect((await get(emulator.current, '/contacts')).many()[0]?.attributes).toHaveProperty('email');
    // The other tenant got its own seed back.
    expect(
      Number((await get(emulator.current, '/organizations', { apiKey: other })).json.meta?.['total-count']),
    ).toBe(0);
    expect((await control<Counts>(emulator.current, 'GET', '/requests')).body.total).toBe(3);
    await control(emulator.current, 'POST', '/reset', { profile: 'real', seed: 'demo' });
    expect(emulator.current.profile).toBe('real');
    expect(
      Number((await get(emulator.current, '/organizations', { apiKey: other })).json.meta?.['total-count']),
    ).toBe(5);
    expect((await control(emulator.current, 'POST', '/seed', { seed: 'tiny' })).status).toBe(400);
    expect((await control(emulator.current, 'POST', '/reset', { profile: 'fake' })).status).toBe(400);
    expect((await control(emulator.current, 'GET', '/nothing-here')).status).toBe(404);
  });

  it('makes updated-at strictly increase across concurrent writes', async () => {
    const contacts = (await get(emulator.current, `/organizations/${BIG_ORG}/relationships/contacts`)).many();
    const editable = contacts.filter((contact) => contact.attributes['psa-integration'] === null);
    const replies = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        patch(
          emulator.current,
          `/contacts/${editable[i % editable.length]?.id}`,
          resource('contacts', { notes: `n${i}` }),
        ),
      ),
    );
    const stamps = replies.map((reply) => String(reply.one().attributes['updated-at']));
    expect(new Set(stamps).size).toBe(stamps.length);
  });
});

describe('createEmulatorApp', () => {
  it('serves the same API in-process through app.request, with its control handle', async () => {
    const { app, control: handle, apiKey } = createEmulatorApp({ seed: 'demo', profile: 'seed' });
    const response = await app.request('/organizations?page[size]=1', { headers: { 'x-api-key': apiKey } });
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toMatchObject({ meta: { 'current-page': 1 } });
    const created = handle.createTenant({ seed: 'empty', passwordAccess: false });
    const empty = await app.request('/organizations', { headers: { 'x-api-key': created.apiKey } });
    expect(((await empty.json()) as { data: unknown[] }).data).toEqual([]);
    handle.setFaults({ resetRate: 1 });
    const reset = await app.request('/organizations', { headers: { 'x-api-key': apiKey } });
    expect(reset.type).toBe('error');
    expect(handle.counts().byStatus.reset).toBe(1);
  });
});
