/**
 * Every one of the 25 operations of the document, through the SDK, against the emulator over
 * real HTTP, in both profiles. The same assertions hold for both: that is the point of compat.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/index.js';
import { clientFor, type Emulator, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const BIG_ORG_ID = '9007199254740993';

async function lookupId(emulator: Emulator, route: string, name: string): Promise<string> {
  const url = `${emulator.url}/${route}?filter[name]=${encodeURIComponent(name)}`;
  const body = (await (await fetch(url, { headers: { 'x-api-key': emulator.apiKey } })).json()) as {
    data: Array<{ id: string }>;
  };
  const id = body.data[0]?.id;
  if (!id) throw new Error(`no ${route} named ${name}`);
  return id;
}

describe.each(['real', 'seed'] as const)('the SDK against the %s profile', (profile) => {
  const emulator = useEmulator({ profile, seed: 'demo' });
  const client = () => clientFor(emulator.current);

  it('listOrganizations and getOrganization, with ids above 2^53 exact', async () => {
    const page = await client().organizations.list({ sort: 'name' });
    expect(page.data.length).toBeGreaterThanOrEqual(5);
    const names = page.data.map((org) => org.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const big = page.data.find((org) => org.id === BIG_ORG_ID);
    expect(big).toBeDefined();
    const fetched = await client().organizations.get(BIG_ORG_ID);
    expect(fetched.id).toBe(BIG_ORG_ID);
    expect(fetched.name).toBe(big?.name);
    const comma = page.data.find((org) => org.name.includes(','));
    expect(comma).toBeDefined();
    const byName = await client().organizations.list({ filter: { name: comma?.name as string } });
    expect(byName.data.map((org) => org.id)).toEqual([comma?.id]);
    // Real IT Glue's updated_at range (an extension to the document): the ends are inclusive.
    const newest = [...page.data].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    const since = await client().organizations.list({
      filter: { updatedAt: { from: newest?.updatedAt as string } },
    });
    expect(since.data.map((org) => org.id)).toEqual([newest?.id]);
    const none = await client().organizations.list({
      filter: { updatedAt: { from: '2999-01-01T00:00:00Z' } },
    });
    expect(none.data).toEqual([]);
  });

  it('listContacts, createContact, getContact and updateContact', async () => {
    const created = await client().contacts.create({
      organizationId: BIG_ORG_ID,
      name: 'Ada Lovelace',
      email: 'Ada.Lovelace@Example.com',
      title: 'CTO',
    });
    expect(created.organizationId).toBe(BIG_ORG_ID);
    expect(created.firstName).toBe('Ada');
    expect(created.lastName).toBe('Lovelace');
    expect(created.name).toBe('Ada Lovelace');
    expect(created.email).toBe('Ada.Lovelace@Example.com');
    expect(created.contactEmails).toEqual([
      { value: 'Ada.Lovelace@Example.com', primary: true, labelName: 'Work' },
    ]);

    const found = await client().contacts.list({ filter: { email: 'ada.lovelace@example.com' } });
    expect(found.data.map((c) => c.id)).toEqual([created.id]);

    const fetched = await client().contacts.get(created.id);
    expect(fetched).toMatchObject({ id: created.id, title: 'CTO', email: 'Ada.Lovelace@Example.com' });

    const updated = await client().contacts.update(created.id, {
      title: 'Chief Engineer',
      email: 'ada@example.org',
    });
    expect(updated.title).toBe('Chief Engineer');
    expect(updated.email).toBe('ada@example.org');
    // The old address is kept: IT Glue replaces the whole array, so gluekit merges.
    const again = await client().contacts.get(created.id);
    expect(again.email).toBe('ada@example.org');
    if (profile === 'real') {
      expect(again.contactEmails.map((e) => e.value).sort()).toEqual([
        'Ada.Lovelace@Example.com',
        'ada@example.org',
      ]);
    }
  });

  it('listOrganizationContacts, createOrganizationContact and updateOrganizationContact', async () => {
    const orgs = await client().organizations.list({ filter: { name: 'Happy Frog Dental' } });
    const orgId = orgs.data[0]?.id as string;
    expect(orgId).toBeDefined();
    const created = await client().organizations.contacts.create(orgId, {
      name: 'Grace Hopper',
      email: 'grace@happyfrog.example',
    });
    expect(created.organizationId).toBe(orgId);
    const all = await client().organizations.contacts.list(orgId);
    expect(all.data.every((c) => c.organizationId === orgId)).toBe(true);
    expect(all.data.map((c) => c.id)).toContain(created.id);
    const byEmail = await client().organizations.contacts.list(orgId, {
      filter: { email: 'GRACE@happyfrog.example' },
    });
    expect(byEmail.data.map((c) => c.id)).toEqual([created.id]);
    const updated = await client().organizations.contacts.update(orgId, created.id, {
      title: 'Rear Admiral',
    });
    expect(updated.title).toBe('Rear Admiral');
    // `contacts.list({ organizationId })` is lazy: nothing goes out until it is awaited, and then
    // one request to the document's nested route, as no filter needs the top-level one.
    await resetCounts(emulator.current);
    const lazy = client().contacts.list({ organizationId: orgId });
    expect((await requestCounts(emulator.current)).total).toBe(0);
    const sameAsNested = await lazy;
    const counts = await requestCounts(emulator.current);
    expect(counts.total).toBe(1);
    expect(counts.byOperation).toEqual({ listOrganizationContacts: 1 });
    expect(sameAsNested.data.find((c) => c.id === created.id)?.title).toBe('Rear Admiral');
    expect(sameAsNested.data.map((c) => c.id).sort()).toEqual(all.data.map((c) => c.id).sort());
  });

  it('listPasswords, createPassword, getPassword and updatePassword, with values only when revealed', async () => {
    const orgId = BIG_ORG_ID;
    const created = await client().passwords.create({
      organizationId: orgId,
      name: 'Firewall admin',
      username: 'admin',
      password: 'correct horse battery staple',
      url: 'https://fw.example',
    });
    expect(created.name).toBe('Firewall admin');
    expect(created.password).toBeUndefined();
    const listed = await client().passwords.list({ filter: { organizationId: orgId } });
    expect(listed.data.map((p) => p.id)).toContain(created.id);
    expect(listed.data.every((p) => p.password === undefined && !('password' in p))).toBe(true);
    const metadata = await client().passwords.get(created.id);
    expect(metadata.password).toBeUndefined();
    const revealed = await client().passwords.get(created.id, { reveal: true });
    expect(revealed.password).toBe('correct horse battery staple');
    const updated = await client().passwords.update(created.id, {
      password: 'new value 2',
      notes: 'rotated',
    });
    expect(updated.notes).toBe('rotated');
    expect(updated.password).toBeUndefined();
    expect((await client().passwords.get(created.id, { reveal: true })).password).toBe('new value 2');
  });

  it('listConfigurations, createConfiguration, getConfiguration and updateConfiguration', async () => {
    const typeId = await lookupId(emulator.current, 'configuration_types', 'Managed Workstation');
    const created = await client().configurations.create({
      organizationId: BIG_ORG_ID,
      name: 'GK-TEST-WS-01',
      hostname: 'GKTESTWS01',
      serialNumber: 'SN-TEST-0001',
      assetTag: 'AT-0001',
      configurationTypeId: typeId,
    });
    expect(created.configurationTypeId).toBe(typeId);
    expect(created.organizationId).toBe(BIG_ORG_ID);
    const bySerial = await client().configurations.list({ filter: { serialNumber: 'SN-TEST-0001' } });
    expect(bySerial.data.map((c) => c.id)).toEqual([created.id]);
    const byHostname = await client().configurations.list({ filter: { hostname: 'gktestws01' } });
    expect(byHostname.data.map((c) => c.id)).toEqual([created.id]);
    expect((await client().configurations.get(created.id)).assetTag).toBe('AT-0001');
    const archived = await client().configurations.update(created.id, { archived: true, notes: 'replaced' });
    expect(archived.archived).toBe(true);
    expect(archived.notes).toBe('replaced');
  });

  it('listOrganizationConfigurations and createOrganizationConfiguration', async () => {
    const typeId = await lookupId(emulator.current, 'configuration_types', 'Managed Server');
    const created = await client().organizations.configurations.create(BIG_ORG_ID, {
      name: 'GK-TEST-SRV-01',
      configurationTypeId: typeId,
    });
    const listed = await client().organizations.configurations.list(BIG_ORG_ID);
    expect(listed.data.every((c) => c.organizationId === BIG_ORG_ID)).toBe(true);
    expect(listed.data.map((c) => c.id)).toContain(created.id);
    const byName = await client().organizations.configurations.list(BIG_ORG_ID, {
      filter: { name: 'GK-TEST-SRV-01' },
    });
    expect(byName.data.map((c) => c.id)).toEqual([created.id]);
  });

  it('listDocuments, createDocument, getDocument and updateDocument, with content', async () => {
    const created = await client().documents.create({
      organizationId: BIG_ORG_ID,
      name: 'Network overview',
      content: '<p>Two sites, one firewall.</p>',
    });
    expect(created.content).toBe('<p>Two sites, one firewall.</p>');
    expect((await client().documents.get(created.id)).content).toBe('<p>Two sites, one firewall.</p>');
    const listed = await client().documents.list({
      filter: { organizationId: BIG_ORG_ID, name: 'network overview' },
    });
    expect(listed.data.map((d) => d.id)).toEqual([created.id]);
    const updated = await client().documents.update(created.id, {
      name: 'Network overview (v2)',
      content: '<p>Three sites.</p>',
    });
    expect(updated.name).toBe('Network overview (v2)');
    const fetched = await client().documents.get(created.id);
    expect(fetched.name).toBe('Network overview (v2)');
    expect(fetched.content).toBe('<p>Three sites.</p>');
    const published = await client().documents.publish(created.id);
    expect(published.published).toBe(true);
  });

  it('listOrganizationDocuments and createOrganizationDocument', async () => {
    const created = await client().organizations.documents.create(BIG_ORG_ID, {
      name: 'Backup and recovery',
      content: '<p>Nightly.</p>',
    });
    const listed = await client().organizations.documents.list(BIG_ORG_ID);
    expect(listed.data.map((d) => d.id)).toContain(created.id);
    const byName = await client().organizations.documents.list(BIG_ORG_ID, {
      filter: { name: 'Backup and recovery' },
    });
    expect(byName.data.map((d) => d.id)).toEqual([created.id]);
    expect((await client().documents.get(created.id)).content).toBe('<p>Nightly.</p>');
  });

  it('lists every document of every organization when no organization is given', async () => {
    const all = await client().documents.list();
    let expected = 0;
    for (const org of (await client().organizations.list()).data) {
      const url = `${emulator.current.url}/organizations/${org.id}/relationships/documents?page[size]=1`;
      const body = (await (
        await fetch(url, { headers: { 'x-api-key': emulator.current.apiKey } })
      ).json()) as {
        meta: { 'total-count': number };
      };
      expected += body.meta['total-count'];
    }
    expect(expected).toBeGreaterThan(0);
    expect(all.data.length).toBe(expected);
    expect(new Set(all.data.map((d) => d.id)).size).toBe(expected);
  });

  it('never calls a route real IT Glue does not have', async () => {
    await resetCounts(emulator.current);
    await client().documents.list({ filter: { name: 'Backup and recovery' } });
    await client().configurations.list({ filter: { hostname: 'nope' } });
    await client().organizations.contacts.list(BIG_ORG_ID, { filter: { email: 'x@example.com' } });
    const counts = await requestCounts(emulator.current);
    expect(counts.byRoute['GET /documents'] ?? 0).toBe(0);
    expect(counts.byStatus['404'] ?? 0).toBe(0);
    expect(counts.byMethod.DELETE ?? 0).toBe(0);
  });

  it('raises NotFoundError for a missing record', async () => {
    await expect(client().contacts.get('123456789')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('lookups (real IT Glue, beyond the document)', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('lists a lookup and resolves names case-insensitively, or ids', async () => {
    const client = clientFor(emulator.current);
    const types = await client.lookups.list('contact_types');
    expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(['Employee', 'Terminated']));
    const terminated = await client.lookups.resolve('contact_types', 'terminated');
    expect(terminated?.name).toBe('Terminated');
    expect((await client.lookups.resolve('contact_types', terminated?.id as string))?.name).toBe(
      'Terminated',
    );
    expect(await client.lookups.resolve('configuration_types', 'No Such Type')).toBeUndefined();
  });
});

describe('document folders (real IT Glue, beyond the document)', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('lists folders, one folder, and with allFolders every document, not only the root', async () => {
    const client = clientFor(emulator.current);
    const orgs = (await client.organizations.list()).data;
    let checked = 0;
    for (const org of orgs) {
      const folders = await client.organizations.documents.folders(org.id);
      const root = (await client.organizations.documents.list(org.id)).data;
      const all = (await client.organizations.documents.list(org.id, { allFolders: true })).data;
      expect(root.every((d) => d.documentFolderId === null)).toBe(true);
      let inFolders = 0;
      for (const folder of folders) {
        const inside = (
          await client.organizations.documents.list(org.id, { filter: { documentFolderId: folder.id } })
        ).data;
        expect(inside.every((d) => d.documentFolderId === folder.id)).toBe(true);
        inFolders += inside.length;
      }
      expect(all.length).toBe(root.length + inFolders);
      if (inFolders > 0) checked++;
    }
    expect(checked).toBeGreaterThan(0); // the demo seed files at least one document in a folder
    // Several folders in one filter (IT Glue ORs them): what allFolders sends, one request per
    // 100 folders, after the root and the folder list.
    const withFolder = orgs.find((org) => org.id === '1009') as (typeof orgs)[number];
    // A second folder for it (moved from another organization, as in the IT Glue UI), with a document.
    const [borrowed] = await client.organizations.documents.folders('1036');
    const moved = (await client.organizations.documents.list('1036')).data[0];
    const edit = (type: string, id: string, attributes: Record<string, unknown>) =>
      fetch(`${emulator.current.url}/__emulator/records/${type}/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': emulator.current.apiKey },
        body: JSON.stringify({ attributes }),
      });
    expect((await edit('document-folders', String(borrowed?.id), { organizationId: '1009' })).status).toBe(
      200,
    );
    expect(
      (
        await edit('documents', String(moved?.id), {
          organizationId: '1009',
          documentFolderId: String(borrowed?.id),
        })
      ).status,
    ).toBe(200);
    const folderIds = (await client.organizations.documents.listFolders(withFolder.id)).data.map((f) => f.id);
    expect(folderIds).toHaveLength(2);
    const both = await client.organizations.documents.list(withFolder.id, {
      filter: { documentFolderId: [...folderIds, '424242'] },
    });
    expect(both.data.length).toBeGreaterThan(0);
    expect(both.data.every((d) => folderIds.includes(String(d.documentFolderId)))).toBe(true);
    expect(new Set(both.data.map((d) => d.documentFolderId)).size).toBe(2);
    await resetCounts(emulator.current);
    await client.organizations.documents.list(withFolder.id, { allFolders: true });
    expect((await requestCounts(emulator.current)).byOperation).toEqual({
      listOrganizationDocuments: 1 + Math.ceil(folderIds.length / 100),
      listDocumentFolders: 1,
    });
    const everywhere = await client.documents.list({ allFolders: true });
    const rootOnly = await client.documents.list();
    expect(everywhere.data.length).toBeGreaterThan(rootOnly.data.length);
  });
});
