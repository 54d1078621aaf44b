/**
 * Every one of the 25 operations of the table, happy path, in both profiles, through real HTTP.
 * Each request is checked against the request log too, so the route really is the operation.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '../../src/spec/index.js';
import {
  BIG_ORG,
  control,
  get,
  HAPPY_FROG,
  idNamed,
  patch,
  post,
  type Reply,
  resource,
  useEmulator,
} from './support.js';

interface Counts {
  byOperation: Record<string, number>;
}

describe.each(['real', 'seed'] as const)('the 25 operations on the %s profile', (profile) => {
  const emulator = useEmulator({ profile, seed: 'demo' });
  const seen = new Set<string>();

  async function expectOperation(reply: Reply, operationId: string, status: number) {
    expect(reply.status, `${operationId}: ${reply.text.slice(0, 300)}`).toBe(status);
    const counts = (await control<Counts>(emulator.current, 'GET', '/requests')).body;
    expect(counts.byOperation[operationId]).toBeGreaterThanOrEqual(1);
    seen.add(operationId);
  }

  it('organizations: list and get', async () => {
    const list = await get(emulator.current, '/organizations');
    await expectOperation(list, 'listOrganizations', 200);
    expect(list.many().map((org) => org.attributes.name)).toContain(HAPPY_FROG);
    const one = await get(emulator.current, `/organizations/${BIG_ORG}`);
    await expectOperation(one, 'getOrganization', 200);
    expect(one.one()).toMatchObject({ id: BIG_ORG, type: 'organizations' });
  });

  it('contacts: list, create, get, update, and the nested list, create and update', async () => {
    await expectOperation(await get(emulator.current, '/contacts'), 'listContacts', 200);
    const created = await post(
      emulator.current,
      '/contacts',
      resource('contacts', {
        'organization-id': BIG_ORG,
        'first-name': 'Ada',
        'last-name': 'Lovelace',
        'contact-emails': [{ value: 'ada@example.com', primary: true, 'label-name': 'Work' }],
      }),
    );
    await expectOperation(created, 'createContact', 201);
    const id = created.one().id;
    const fetched = await get(emulator.current, `/contacts/${id}`);
    await expectOperation(fetched, 'getContact', 200);
    expect(fetched.one().attributes.name).toBe('Ada Lovelace');
    const updated = await patch(emulator.current, `/contacts/${id}`, resource('contacts', { title: 'CTO' }));
    await expectOperation(updated, 'updateContact', 200);
    expect(updated.one().attributes.title).toBe('CTO');

    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    const nested = `/organizations/${orgId}/relationships/contacts`;
    const nestedList = await get(emulator.current, nested);
    await expectOperation(nestedList, 'listOrganizationContacts', 200);
    expect(
      nestedList.many().every((contact) => contact.attributes['organization-id'] === Number(orgId)),
    ).toBe(true);
    const nestedCreated = await post(
      emulator.current,
      nested,
      resource('contacts', { 'first-name': 'Grace' }),
    );
    await expectOperation(nestedCreated, 'createOrganizationContact', 201);
    const nestedUpdated = await patch(
      emulator.current,
      `${nested}/${nestedCreated.one().id}`,
      resource('contacts', { 'last-name': 'Hopper' }),
    );
    await expectOperation(nestedUpdated, 'updateOrganizationContact', 200);
    expect(nestedUpdated.one().attributes.name).toBe('Grace Hopper');
  });

  it('passwords: list, create, get, update', async () => {
    await expectOperation(await get(emulator.current, '/passwords'), 'listPasswords', 200);
    const created = await post(
      emulator.current,
      '/passwords',
      resource('passwords', { 'organization-id': BIG_ORG, name: 'Router', password: 's3cret!' }),
    );
    await expectOperation(created, 'createPassword', 201);
    const id = created.one().id;
    const fetched = await get(emulator.current, `/passwords/${id}`);
    await expectOperation(fetched, 'getPassword', 200);
    expect(fetched.one().attributes.password).toBe('s3cret!');
    const updated = await patch(
      emulator.current,
      `/passwords/${id}`,
      resource('passwords', { username: 'root' }),
    );
    await expectOperation(updated, 'updatePassword', 200);
    expect(updated.one().attributes.username).toBe('root');
  });

  it('configurations: list, create, get, update, and the nested list and create', async () => {
    const typeId = await idNamed(emulator.current, '/configuration_types', 'Managed Server');
    await expectOperation(await get(emulator.current, '/configurations'), 'listConfigurations', 200);
    const created = await post(
      emulator.current,
      '/configurations',
      resource('configurations', {
        'organization-id': BIG_ORG,
        name: 'FAB-SRV-09',
        'configuration-type-id': typeId,
      }),
    );
    await expectOperation(created, 'createConfiguration', 201);
    const id = created.one().id;
    await expectOperation(await get(emulator.current, `/configurations/${id}`), 'getConfiguration', 200);
    const updated = await patch(
      emulator.current,
      `/configurations/${id}`,
      resource('configurations', { notes: 'rack 2' }),
    );
    await expectOperation(updated, 'updateConfiguration', 200);
    expect(updated.one().attributes.notes).toBe('rack 2');
    const nested = `/organizations/${BIG_ORG}/relationships/configurations`;
    await expectOperation(await get(emulator.current, nested), 'listOrganizationConfigurations', 200);
    const nestedCreated = await post(
      emulator.current,
      nested,
      resource('configurations', { name: 'FAB-WS-09', 'configuration-type-id': typeId }),
    );
    await expectOperation(nestedCreated, 'createOrganizationConfiguration', 201);
    // A JSON number on the wire; the lossless parser hands it back as an exact digit string.
    expect(nestedCreated.one().attributes['organization-id']).toBe(BIG_ORG);
  });

  it('documents: create, get, update, the nested list and create, and the top-level list', async () => {
    const created = await post(
      emulator.current,
      '/documents',
      resource('documents', { 'organization-id': BIG_ORG, name: 'Runbook' }),
    );
    await expectOperation(created, 'createDocument', 201);
    const id = created.one().id;
    await expectOperation(await get(emulator.current, `/documents/${id}`), 'getDocument', 200);
    const updated = await patch(
      emulator.current,
      `/documents/${id}`,
      resource('documents', { name: 'Runbook v2' }),
    );
    await expectOperation(updated, 'updateDocument', 200);
    const nested = `/organizations/${BIG_ORG}/relationships/documents`;
    const nestedList = await get(emulator.current, nested);
    await expectOperation(nestedList, 'listOrganizationDocuments', 200);
    expect(nestedList.many().map((document) => document.id)).toContain(id);
    await expectOperation(
      await post(emulator.current, nested, resource('documents', { name: 'Escalations' })),
      'createOrganizationDocument',
      201,
    );
    const topLevel = await get(emulator.current, '/documents');
    if (profile === 'seed') {
      await expectOperation(topLevel, 'listDocuments', 200);
    } else {
      // Real IT Glue has no such index: the Rails HTML 404, not counted as the operation.
      expect(topLevel.status).toBe(404);
      expect(topLevel.headers.get('content-type')).toContain('text/html');
      seen.add('listDocuments');
    }
  });

  it('covered every operation of the table', () => {
    expect([...seen].sort()).toEqual(operations.map((operation) => operation.operationId).sort());
  });
});
