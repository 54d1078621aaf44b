/**
 * The mirror against the emulator at scale:200: a full sync, changes made through the SDK and in
 * "the IT Glue UI" (control routes), an incremental sync after which the mirror and every view
 * match IT Glue exactly, and the request budget of each sync counted by the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueKit } from '../../src/index.js';
import {
  changes,
  coverage,
  MIRROR_RESOURCES,
  type MirrorStore,
  type SyncSummary,
  search,
  stalePasswords,
  syncMirror,
} from '../../src/mirror/index.js';
import {
  clientFor,
  rawRecords,
  recordingFetch,
  requestCounts,
  resetCounts,
  useEmulator,
} from '../helpers/emulator.js';
import {
  ceil1000,
  deleteInItGlue,
  documentPassRequests,
  editInItGlue,
  expectMirrorMatchesItGlue,
  itGlueRecords,
  openMirror,
} from './support.js';

type Raw = Record<string, unknown>;

function tally(summary: SyncSummary, resource: string) {
  const found = summary.resources.find((entry) => entry.resource === resource);
  if (!found) throw new Error(`no ${resource} in the summary`);
  return found;
}

describe('syncMirror at scale:200', () => {
  const emulator = useEmulator({ seed: 'scale:200' });
  let client: GlueKit;
  let store: MirrorStore;
  let fetchLog: ReturnType<typeof recordingFetch>;
  const remoteCounts: Record<string, number> = {};

  beforeAll(async () => {
    fetchLog = recordingFetch();
    client = clientFor(emulator.current, { fetch: fetchLog.fetch });
    store = openMirror(client);
    for (const type of MIRROR_RESOURCES)
      remoteCounts[type] = (await itGlueRecords(emulator.current, type)).size;
  });
  afterAll(() => store?.close());

  it('copies every record, documents in folders included, with a full sync costing ceil(n/1000) per type plus the document pass', async () => {
    await resetCounts(emulator.current);
    const summary = await syncMirror({ client, store });
    expect(summary.ok).toBe(true);
    for (const type of MIRROR_RESOURCES) {
      expect(tally(summary, type)).toMatchObject({
        mode: 'full',
        new: remoteCounts[type],
        deleted: 0,
        localCount: remoteCounts[type],
      });
    }
    const counts = await requestCounts(emulator.current);
    const organizations = remoteCounts.organizations as number;
    expect(counts.byOperation).toEqual({
      listOrganizations: ceil1000(organizations),
      listContacts: ceil1000(remoteCounts.contacts as number),
      listPasswords: ceil1000(remoteCounts.passwords as number),
      listConfigurations: ceil1000(remoteCounts.configurations as number),
      ...(await documentPassRequests(emulator.current, organizations)),
    });
    expect(counts.total).toBe(summary.requests);
    await expectMirrorMatchesItGlue(store, emulator.current);
    const inFolders = (await rawRecords(emulator.current, 'documents')).filter(
      (document) => document.documentFolderId != null,
    );
    expect(inFolders.length).toBeGreaterThan(0);
    expect(tally(summary, 'documents').remoteCount).toBe(remoteCounts.documents);
  });

  it('costs one request per type plus the document lists when nothing changed', async () => {
    await resetCounts(emulator.current);
    const summary = await syncMirror({ client, store });
    for (const type of ['organizations', 'contacts', 'passwords', 'configurations']) {
      expect(tally(summary, type)).toMatchObject({ mode: 'incremental', new: 0, updated: 0, deleted: 0 });
    }
    expect(tally(summary, 'documents')).toMatchObject({ new: 0, updated: 0, deleted: 0 });
    const counts = await requestCounts(emulator.current);
    expect(counts.byOperation).toEqual({
      listOrganizations: 1,
      listContacts: 1,
      listPasswords: 1,
      listConfigurations: 1,
      ...(await documentPassRequests(emulator.current, remoteCounts.organizations as number)),
    });
    expect(counts.total).toBe(summary.requests);
  });

  it('after creates, updates and deletions, an incremental sync makes the mirror and every view match IT Glue', async () => {
    const contacts = await rawRecords(emulator.current, 'contacts');
    const configurations = await rawRecords(emulator.current, 'configurations');
    const passwords = await rawRecords(emulator.current, 'passwords');
    const organizations = await rawRecords(emulator.current, 'organizations');
    const [keptOrg, doomedOrg] = organizations as [Raw, Raw];
    const doomedContact = contacts.find((c) => c.organizationId !== doomedOrg.id) as Raw;
    const doomedEmail = ((doomedContact.contactEmails as Raw[])[0] as Raw).value as string;
    const device = configurations.find((c) => c.organizationId === keptOrg.id) as Raw;
    const stalePassword = [...passwords]
      .filter((p) => p.organizationId === keptOrg.id)
      .sort((a, b) => String(a.passwordUpdatedAt).localeCompare(String(b.passwordUpdatedAt)))[0] as Raw;
    const syncStartedAt = new Date().toISOString();
    expect(
      stalePasswords(store, { days: 30 })
        .flatMap((group) => group.passwords)
        .map((p) => p.id),
    ).toContain(stalePassword.id);

    // Through the SDK: a new contact with two emails, a new serial number, a rotated password, a new document.
    const created = await client.contacts.create({
      organizationId: String(keptOrg.id),
      name: 'Zelda Quartermaine',
      contactEmails: [
        { value: 'zelda@quartermaine.example', labelName: 'Work', primary: true },
        { value: 'zq-home@mail.example', labelName: 'Home', primary: false },
      ],
    });
    await client.configurations.update(String(device.id), { serialNumber: 'SN-MIRROR-0042' });
    await client.passwords.update(String(stalePassword.id), { password: 'rotated-secret-9f2' });
    const document = await client.organizations.documents.create(String(keptOrg.id), {
      name: 'Mirror Runbook',
    });
    // In the IT Glue UI: a rename, and deletions (the organization takes its records with it).
    await editInItGlue(emulator.current, 'organizations', String(keptOrg.id), {
      name: 'Renamed Holdings Ltd',
    });
    await deleteInItGlue(emulator.current, 'contacts', String(doomedContact.id));
    await deleteInItGlue(emulator.current, 'organizations', String(doomedOrg.id));
    const doomedOrgChildren: Record<string, number> = {};
    for (const type of ['contacts', 'passwords', 'configurations']) {
      doomedOrgChildren[type] = (
        type === 'contacts' ? contacts : type === 'passwords' ? passwords : configurations
      ).filter((record) => record.organizationId === doomedOrg.id).length;
    }

    await resetCounts(emulator.current);
    const summary = await syncMirror({ client, store });
    expect(summary.ok).toBe(true);
    await expectMirrorMatchesItGlue(store, emulator.current);

    // Deletions change counts, so those types get a full pass; the deletions are confirmed by id.
    expect(tally(summary, 'organizations')).toMatchObject({ mode: 'full', updated: 1, deleted: 1 });
    expect(tally(summary, 'contacts')).toMatchObject({
      mode: 'full',
      new: 1,
      deleted: 1 + (doomedOrgChildren.contacts as number),
    });
    expect(tally(summary, 'configurations')).toMatchObject({
      updated: 1,
      deleted: doomedOrgChildren.configurations,
    });
    expect(tally(summary, 'passwords')).toMatchObject({ updated: 1, deleted: doomedOrgChildren.passwords });
    expect(tally(summary, 'documents').new).toBe(1);
    expect(tally(summary, 'contacts').reason).toMatch(/count drift/);

    // Budget: per drifted type, the incremental page, a full pass and one id lookup per 100 candidates.
    const counts = await requestCounts(emulator.current);
    const now = (type: string) => remoteCounts[type] as number;
    const fullCost = (type: string, deleted: number) => 1 + ceil1000(now(type)) + Math.ceil(deleted / 100);
    expect(counts.byOperation).toEqual({
      listOrganizations: fullCost('organizations', 1),
      listContacts: fullCost('contacts', tally(summary, 'contacts').deleted),
      listPasswords: fullCost('passwords', tally(summary, 'passwords').deleted),
      listConfigurations: fullCost('configurations', tally(summary, 'configurations').deleted),
      ...(await documentPassRequests(emulator.current, (remoteCounts.organizations as number) - 1)),
    });
    expect(counts.total).toBe(summary.requests);

    // search: the new contact by either email, with its organization's new name; the deleted one is gone.
    const bySecondEmail = search(store, { query: 'zq-home@mail.example' });
    expect(bySecondEmail).toHaveLength(1);
    expect(bySecondEmail[0]).toMatchObject({
      id: created.id,
      organizationName: 'Renamed Holdings Ltd',
      matched: ['contactEmails'],
    });
    expect(search(store, { query: doomedEmail })).toEqual([]);
    expect(search(store, { query: 'SN-MIRROR-0042' }).map((hit) => hit.id)).toEqual([device.id]);
    expect(search(store, { query: 'Mirror Runbook', type: 'documents' }).map((hit) => hit.id)).toEqual([
      document.id,
    ]);
    expect(search(store, { query: String(doomedOrg.name), type: 'organizations' })).toEqual([]);

    // changes: field-level differences, creations and deletions, newest first.
    const recent = changes(store, { since: syncStartedAt });
    const byKey = new Map(recent.changes.map((change) => [`${change.type}:${change.id}`, change]));
    expect(byKey.get(`configurations:${device.id}`)?.differences).toContainEqual({
      field: 'serialNumber',
      from: device.serialNumber,
      to: 'SN-MIRROR-0042',
    });
    expect(byKey.get(`passwords:${stalePassword.id}`)?.differences?.map((d) => d.field)).toContain(
      'passwordUpdatedAt',
    );
    expect(byKey.get(`organizations:${keptOrg.id}`)?.differences).toContainEqual({
      field: 'name',
      from: keptOrg.name,
      to: 'Renamed Holdings Ltd',
    });
    expect(byKey.get(`contacts:${created.id}`)?.change).toBe('created');
    expect(byKey.get(`contacts:${doomedContact.id}`)?.change).toBe('deleted');
    expect(byKey.get(`organizations:${doomedOrg.id}`)?.change).toBe('deleted');
    const times = recent.changes.map((change) => change.changedAt);
    expect(times).toEqual([...times].sort().reverse());

    // coverage: the deleted organization is gone; the others' counts match IT Glue.
    const covered = coverage(store);
    expect(covered.map((row) => row.organizationId)).not.toContain(doomedOrg.id);
    expect(covered).toHaveLength(now('organizations') - 1);
    const kept = covered.find((row) => row.organizationId === keptOrg.id);
    const liveContacts = (await rawRecords(emulator.current, 'contacts')).filter(
      (c) => c.organizationId === keptOrg.id,
    );
    expect(kept?.contacts).toBe(liveContacts.length);

    // stale passwords: the rotated one is no longer stale.
    expect(
      stalePasswords(store, { days: 30 })
        .flatMap((group) => group.passwords)
        .map((p) => p.id),
    ).not.toContain(stalePassword.id);
  });

  it('asks for exactly the changed organizations with filter[updated_at] when more changed than one page holds', async () => {
    const organizations = (await rawRecords(emulator.current, 'organizations')).slice(0, 120);
    for (const organization of organizations) {
      await editInItGlue(emulator.current, 'organizations', String(organization.id), {
        description: `Reviewed ${organization.id}`,
      });
    }
    await resetCounts(emulator.current);
    fetchLog.responses.length = 0;
    const summary = await syncMirror({ client, store, resources: ['organizations'] });
    expect(tally(summary, 'organizations')).toMatchObject({ mode: 'incremental', updated: 120, deleted: 0 });
    expect((await requestCounts(emulator.current)).byOperation).toEqual({ listOrganizations: 2 });
    const urls = fetchLog.responses.map((response) => decodeURIComponent(response.url));
    expect(urls).toHaveLength(2);
    expect(urls[1]).toMatch(/filter\[updated_at\]=\d{4}-\d\d-\d\dT[^,]+,\*/);
    await expectMirrorMatchesItGlue(store, emulator.current);
  });
});
