/**
 * The offline views over a mirror of the demo tenant, after edits made through the SDK and in
 * "the IT Glue UI": each answers from the mirror alone and reflects exactly what IT Glue holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, GlueKit } from '../../src/index.js';
import {
  changes,
  coverage,
  duplicateContacts,
  MirrorInputError,
  MirrorMissingError,
  type MirrorStore,
  organizationBrief,
  orphans,
  search,
  stalePasswords,
  syncMirror,
} from '../../src/mirror/index.js';
import { clientFor, rawRecords, useEmulator } from '../helpers/emulator.js';
import { deleteInItGlue, editInItGlue, openMirror } from './support.js';

const HFD = '1009';
const KRG = '1036';
const BLUEBIRD = '1055';
type Raw = Record<string, unknown>;

describe('mirror views', () => {
  const emulator = useEmulator({ seed: 'demo' });
  let client: GlueKit;
  let store: MirrorStore;
  const sync = async () => {
    const summary = await syncMirror({ client, store });
    expect(summary.failures).toEqual([]);
    return summary;
  };
  const contact = (organizationId: string, name: string, ...emails: string[]): Promise<Contact> =>
    client.contacts.create({
      organizationId,
      name,
      contactEmails: emails.map((value, index) => ({ value, labelName: 'Work', primary: index === 0 })),
    });

  beforeAll(async () => {
    client = clientFor(emulator.current);
    store = openMirror(client);
    await sync();
  });
  afterAll(() => store?.close());

  describe('search', () => {
    it('matches hyphenated names and serials literally, and --type really filters', async () => {
      const configurations = await rawRecords(emulator.current, 'configurations');
      const firewall = configurations.find((c) => c.name === 'HFD-FW-01') as Raw;
      const both = search(store, { query: 'HFD-FW-01' });
      expect(new Set(both.map((hit) => hit.type))).toEqual(new Set(['configurations', 'passwords']));
      const onlyDevices = search(store, { query: 'HFD-FW-01', type: 'configurations' });
      expect(onlyDevices.map((hit) => hit.id)).toEqual([firewall.id]);
      expect(onlyDevices[0]).toMatchObject({ organizationName: 'Happy Frog Dental', matched: ['name'] });
      const bySerialFragment = search(store, { query: String(firewall.serialNumber).slice(2, 8) });
      expect(bySerialFragment.map((hit) => hit.id)).toContain(firewall.id);
      expect(bySerialFragment.find((hit) => hit.id === firewall.id)?.matched).toEqual(['serialNumber']);
    });

    it('treats FTS syntax as text: quotes, colons, parentheses, stars and operators never break a query', () => {
      for (const query of [
        '"unbalanced',
        'ops: (x',
        'a*b',
        'NEAR(a b)',
        '-leading',
        'x AND OR NOT y',
        "O'Brien",
        '^caret',
      ]) {
        expect(() => search(store, { query }), query).not.toThrow();
      }
      // An FTS operator is a word like any other: "not" occurs in Happy Frog's quick notes.
      expect(search(store, { query: 'NOT' })).toEqual(search(store, { query: 'not' }));
      expect(search(store, { query: 'NOT', type: 'organizations' })[0]).toMatchObject({
        id: HFD,
        matched: ['quickNotes'],
      });
    });

    it('finds every email of a contact, email domains, MACs with other separators, IP prefixes and short words', async () => {
      const secondEmail = search(store, { query: 'personal.address@home.example' });
      expect(secondEmail).toHaveLength(2);
      expect(
        secondEmail.every((hit) => hit.type === 'contacts' && hit.matched.includes('contactEmails')),
      ).toBe(true);

      const domain = search(store, { query: 'hfd.example', type: 'contacts', limit: 100 });
      expect(domain.length).toBeGreaterThanOrEqual(5);
      expect(new Set(domain.map((hit) => hit.organizationName))).toEqual(new Set(['Happy Frog Dental']));

      const device = (await rawRecords(emulator.current, 'configurations')).find(
        (c) => typeof c.macAddress === 'string',
      ) as Raw;
      const colons = String(device.macAddress).replace(/-/g, ':').toLowerCase();
      expect(search(store, { query: colons }).map((hit) => hit.id)).toContain(device.id);
      const ipPrefix = String(device.primaryIp).split('.').slice(0, 3).join('.');
      expect(search(store, { query: ipPrefix, type: 'configurations' }).map((hit) => hit.id)).toContain(
        device.id,
      );

      const shortWord = search(store, { query: 'IT', type: 'contacts' });
      expect(shortWord.length).toBeGreaterThan(0);
      expect(shortWord.every((hit) => hit.matched.length > 0)).toBe(true);
    });

    it('scopes to one organization and refuses an empty query', () => {
      const hits = search(store, { query: 'admin', organizationId: KRG });
      expect(hits.length).toBeGreaterThan(0);
      expect(new Set(hits.map((hit) => hit.organizationId))).toEqual(new Set([KRG]));
      expect(() => search(store, { query: '   ' })).toThrow(MirrorInputError);
    });
  });

  describe('duplicate contacts', () => {
    const made: Record<string, Contact> = {};
    beforeAll(async () => {
      made.a = await contact(HFD, 'Pat Jones', 'pat@jones.example');
      made.b = await contact(HFD, 'Patricia Jones', ' PAT@Jones.example', 'pj@home.example');
      made.c = await contact(HFD, 'P. Jones', 'pj@home.example');
      made.d = await contact(HFD, 'pat   JONES', 'other@jones.example');
      made.tagged = await contact(HFD, 'Tag Person', 'pat+tag@jones.example');
      made.e = await contact(KRG, 'Pat Jones-Kub', 'pat@jones.example');
      await sync();
    });

    it('links contacts sharing any email transitively, within each organization', () => {
      const groups = duplicateContacts(store);
      const email = groups.filter((group) => group.matchedOn === 'email');
      const jones = email.find((group) => group.keys.includes('pat@jones.example'));
      expect(jones?.members.map((member) => member.id).sort()).toEqual(
        [made.a?.id, made.b?.id, made.c?.id].sort(),
      );
      expect(jones?.keys).toEqual(['pat@jones.example', 'pj@home.example']);
      expect(jones?.sameName).toBe(false);
      const ids = groups.flatMap((group) => group.members.map((member) => member.id));
      expect(ids).not.toContain(made.tagged?.id);
      expect(ids).not.toContain(made.e?.id);
    });

    it('reports same-name contacts separately, and only when the email groups do not already say it', () => {
      const byName = duplicateContacts(store).filter((group) => group.matchedOn === 'name');
      const pat = byName.find((group) => group.keys[0] === 'pat jones');
      expect(pat?.members.map((member) => member.id).sort()).toEqual([made.a?.id, made.d?.id].sort());
    });

    it('widens to the whole fleet with acrossOrganizations, and filters by organization', () => {
      const across = duplicateContacts(store, { acrossOrganizations: true });
      const jones = across.find(
        (group) => group.matchedOn === 'email' && group.keys.includes('pat@jones.example'),
      );
      expect(jones?.members.map((member) => member.id)).toContain(made.e?.id);
      expect(new Set(jones?.members.map((member) => member.organizationName))).toEqual(
        new Set(['Happy Frog Dental', 'Kub, Reynolds and Gibson']),
      );
      expect(duplicateContacts(store, { organizationId: KRG })).toEqual([]);
      expect(
        duplicateContacts(store, { organizationId: KRG, acrossOrganizations: true }).length,
      ).toBeGreaterThan(0);
    });
  });

  describe('stale passwords', () => {
    it('measures rotation, not edits: a notes edit does not make a credential fresh', async () => {
      const before = stalePasswords(store, { days: 30 });
      const stale = before.find((group) => group.organizationId === HFD)?.passwords[0];
      expect(stale).toBeDefined();
      await editInItGlue(emulator.current, 'passwords', String(stale?.id), {
        notes: 'Checked by the auditor today.',
      });
      await sync();
      const after = stalePasswords(store, { days: 30 })
        .flatMap((group) => group.passwords)
        .find((password) => password.id === stale?.id);
      expect(after).toMatchObject({
        id: stale?.id,
        passwordUpdatedAt: stale?.passwordUpdatedAt,
        measuredFrom: 'passwordUpdatedAt',
      });
    });

    it('groups by organization, oldest first, and carries no password value', () => {
      const groups = stalePasswords(store, { days: 30 });
      expect(groups.length).toBeGreaterThan(1);
      const oldest = groups.map((group) => group.passwords[0]?.ageDays ?? 0);
      expect(oldest).toEqual([...oldest].sort((a, b) => b - a));
      for (const group of groups) {
        const ages = group.passwords.map((password) => password.ageDays);
        expect(ages).toEqual([...ages].sort((a, b) => b - a));
        expect(group.count).toBe(group.passwords.length);
      }
      expect(JSON.stringify(groups)).not.toMatch(/"password"\s*:/);
      expect(stalePasswords(store, { days: 100_000 })).toEqual([]);
    });
  });

  describe('coverage', () => {
    it('counts every live record per organization, documents in folders included, archived ones apart', async () => {
      const kinds = ['contacts', 'configurations', 'passwords', 'documents'] as const;
      const raw = Object.fromEntries(
        await Promise.all(
          kinds.map(async (kind) => [kind, await rawRecords(emulator.current, kind)] as const),
        ),
      ) as Record<(typeof kinds)[number], Raw[]>;
      // Bluebird's one document is in a folder: IT Glue does not list it at the root level.
      const bluebirdDocuments = raw.documents.filter((d) => String(d.organizationId) === BLUEBIRD);
      expect(bluebirdDocuments.map((d) => d.documentFolderId != null)).toEqual([true]);
      const rows = coverage(store);
      expect(rows).toHaveLength((await rawRecords(emulator.current, 'organizations')).length);
      for (const row of rows) {
        const of = (kind: (typeof kinds)[number], archived: boolean) =>
          raw[kind].filter(
            (r) => String(r.organizationId) === row.organizationId && (r.archived === true) === archived,
          ).length;
        for (const kind of kinds) expect(row[kind], `${row.organizationName} ${kind}`).toBe(of(kind, false));
        expect(row.archived).toEqual({
          configurations: of('configurations', true),
          passwords: of('passwords', true),
          documents: of('documents', true),
        });
        expect(row.missing).toEqual(kinds.filter((kind) => of(kind, false) === 0));
        // org show counts the same way.
        const brief = organizationBrief(store, row.organizationId);
        expect({ ...brief.counts }).toEqual({
          contacts: row.contacts,
          configurations: row.configurations,
          passwords: row.passwords,
          documents: row.documents,
          archived: row.archived,
        });
        expect(brief.missing).toEqual(row.missing);
      }
      const hfd = rows.find((row) => row.organizationId === HFD);
      expect(hfd?.archived.configurations).toBeGreaterThan(0);
      expect(hfd?.total).toBe(
        (hfd?.contacts ?? 0) + (hfd?.configurations ?? 0) + (hfd?.passwords ?? 0) + (hfd?.documents ?? 0),
      );
      // Thinnest first.
      const totals = rows.map((row) => [row.missing.length, row.total] as const);
      for (let i = 1; i < totals.length; i++) {
        const [gapsBefore, totalBefore] = totals[i - 1] as readonly [number, number];
        const [gaps, total] = totals[i] as readonly [number, number];
        expect(gapsBefore > gaps || (gapsBefore === gaps && totalBefore <= total)).toBe(true);
      }
      expect(coverage(store, { below: 1 }).map((row) => row.organizationId)).toEqual(
        rows.filter((row) => row.missing.length > 0).map((row) => row.organizationId),
      );
      expect(coverage(store, { organizationId: HFD })).toHaveLength(1);
    });

    it('an archived configuration leaves coverage and org show the same way, and its kind goes missing when it was the last', async () => {
      const devices = (await rawRecords(emulator.current, 'configurations')).filter(
        (c) => String(c.organizationId) === BLUEBIRD && c.archived !== true,
      );
      for (const device of devices) await client.configurations.update(String(device.id), { archived: true });
      await sync();
      const [row] = coverage(store, { organizationId: BLUEBIRD });
      expect(row?.configurations).toBe(0);
      expect(row?.archived.configurations).toBeGreaterThanOrEqual(devices.length);
      expect(row?.missing).toContain('configurations');
      const brief = organizationBrief(store, BLUEBIRD);
      expect(brief.counts.configurations).toBe(0);
      expect(brief.counts.archived.configurations).toBe(row?.archived.configurations);
      expect(brief.missing).toEqual(row?.missing);
      // The list still shows them, flagged.
      expect(brief.configurations.filter((c) => c.archived)).toHaveLength(row?.archived.configurations ?? -1);
      for (const device of devices)
        await client.configurations.update(String(device.id), { archived: false });
      await sync();
    });
  });

  describe('changes', () => {
    it('merges the differences of several syncs into first old value → last new value', async () => {
      const since = new Date().toISOString();
      const device = (await rawRecords(emulator.current, 'configurations')).find(
        (c) => c.organizationId === KRG,
      ) as Raw;
      await client.configurations.update(String(device.id), {
        serialNumber: 'SERIAL-STEP-1',
        notes: 'first',
      });
      await sync();
      await client.configurations.update(String(device.id), { serialNumber: 'SERIAL-STEP-2' });
      await sync();
      const result = changes(store, { since, type: 'configurations' });
      expect(result.changes).toHaveLength(1);
      expect(result.changes[0]).toMatchObject({
        id: device.id,
        change: 'updated',
        organizationName: 'Kub, Reynolds and Gibson',
      });
      expect(result.changes[0]?.differences).toEqual([
        { field: 'notes', from: device.notes ?? null, to: 'first' },
        { field: 'serialNumber', from: device.serialNumber, to: 'SERIAL-STEP-2' },
      ]);
      expect(changes(store, { since, type: 'contacts' }).changes).toEqual([]);
    });

    it('lists records changed before the mirror had a copy, without differences', async () => {
      const latest = (await rawRecords(emulator.current, 'organizations'))
        .map((org) => String(org.updatedAt))
        .sort()
        .at(-1) as string;
      const result = changes(store, { since: latest, type: 'organizations' });
      expect(result.changes.length).toBeGreaterThan(0);
      expect(result.changes.every((change) => change.differences === null)).toBe(true);
    });
  });

  describe('organization brief', () => {
    it('gathers what the mirror knows about one client, by name, without password values', () => {
      const brief = organizationBrief(store, 'happy frog DENTAL', { staleDays: 30 });
      expect(brief.organization).toMatchObject({ id: HFD, name: 'Happy Frog Dental', deletedAt: null });
      expect(brief.counts.contacts).toBe(brief.contacts.length);
      expect(brief.contacts.map((c) => c.name)).toContain('Patricia Jones');
      expect(brief.configurations.some((c) => c.archived)).toBe(true);
      expect(brief.stalePasswords.count).toBeGreaterThan(0);
      expect(brief.duplicateContactGroups).toBeGreaterThanOrEqual(2);
      expect(brief.recentChanges.length).toBeGreaterThan(0);
      expect(JSON.stringify(brief)).not.toMatch(/"password"\s*:/);
      expect(() => organizationBrief(store, 'Happy Frog')).toThrow(/Did you mean: Happy Frog Dental/);
    });
  });

  describe('orphans', () => {
    it('finds records whose organization is missing from the mirror, or deleted there', async () => {
      expect(orphans(store)).toEqual([]);
      const moved = (await rawRecords(emulator.current, 'contacts')).find(
        (c) => c.organizationId === HFD,
      ) as Raw;
      await editInItGlue(emulator.current, 'contacts', String(moved.id), { organizationId: 424242 });
      await deleteInItGlue(emulator.current, 'organizations', KRG);
      await syncMirror({ client, store, resources: ['organizations', 'contacts'] });
      const found = orphans(store);
      expect(found.find((orphan) => orphan.id === moved.id)).toMatchObject({
        type: 'contacts',
        organizationId: '424242',
        reason: 'organization-missing',
      });
      const ofDeleted = found.filter((orphan) => orphan.organizationId === KRG);
      expect(ofDeleted.length).toBeGreaterThan(0);
      expect(new Set(ofDeleted.map((orphan) => orphan.type))).toEqual(
        new Set(['configurations', 'passwords', 'documents']),
      );
      expect(ofDeleted.every((orphan) => orphan.reason === 'organization-deleted')).toBe(true);
      expect(orphans(store, { type: 'passwords' }).every((orphan) => orphan.type === 'passwords')).toBe(true);

      // A complete sync removes what IT Glue removed with the organization.
      await sync();
      expect(orphans(store).map((orphan) => orphan.id)).toEqual([moved.id]);
    });

    it('refuses to guess before organizations were ever synced', async () => {
      const partial = openMirror(client);
      try {
        await syncMirror({ client, store: partial, resources: ['contacts'] });
        expect(() => orphans(partial)).toThrow(MirrorMissingError);
      } finally {
        partial.close();
      }
    });
  });
});
