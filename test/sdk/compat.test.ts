/**
 * One test per real-IT-Glue adaptation in src/compat, each run against both emulator profiles with
 * the same assertions. The `real` profile behaves like IT Glue; `seed` takes the document
 * literally. Callers see the document's surface in both.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { clientFor, recordingFetch, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

const BIG_ORG_ID = '9007199254740993';

describe.each(['real', 'seed'] as const)('compat against the %s profile', (profile) => {
  const emulator = useEmulator({ profile, seed: 'demo' });

  it('writes a contact as real IT Glue takes it: nothing the server drops, email as contact-emails', async () => {
    const recorder = recordingFetch();
    const client = clientFor(emulator.current, { fetch: recorder.fetch });
    const contact = await client.contacts.create({
      organizationId: BIG_ORG_ID,
      name: 'Linus Torvalds',
      email: 'linus@example.com',
    });
    await client.contacts.update(contact.id, {
      name: 'Linus B. Torvalds',
      email: 'lbt@example.com',
      important: true,
    });
    for (const response of recorder.responses.filter((r) => r.method !== 'GET')) {
      expect(
        response.headers.get('x-emulator-ignored-attributes'),
        `${response.method} ${response.url}`,
      ).toBeNull();
    }
    const read = await client.contacts.get(contact.id);
    expect(read).toMatchObject({
      name: 'Linus B. Torvalds',
      firstName: 'Linus',
      lastName: 'B. Torvalds',
      email: 'lbt@example.com',
      important: true,
    });
    expect(read.contactEmails.find((e) => e.primary)?.value).toBe('lbt@example.com');
  });

  it('reads both shapes of a contact: the flat email and the contact-emails array', async () => {
    const client = clientFor(emulator.current);
    for await (const contact of client.contacts.list({ organizationId: BIG_ORG_ID })) {
      expect(Array.isArray(contact.contactEmails)).toBe(true);
      expect(contact.email).toBe(
        contact.contactEmails.find((e) => e.primary)?.value ?? contact.contactEmails[0]?.value ?? null,
      );
    }
  });

  it('filters contacts by email and by name even though real IT Glue has neither filter', async () => {
    const client = clientFor(emulator.current);
    const made = await client.contacts.create({
      organizationId: BIG_ORG_ID,
      name: 'Margaret Hamilton',
      email: 'margaret@example.com',
    });
    await client.contacts.create({
      organizationId: BIG_ORG_ID,
      name: 'Margaret Other',
      email: 'other@example.com',
    });
    const byEmail = await client.contacts.list({ filter: { email: 'MARGARET@example.com' } });
    expect(byEmail.data.map((c) => c.id)).toEqual([made.id]);
    const byName = await client.contacts.list({
      filter: { name: 'margaret hamilton', organizationId: BIG_ORG_ID },
    });
    expect(byName.data.map((c) => c.id)).toEqual([made.id]);
  });

  it('applies filters on the nested organization routes, which real IT Glue ignores', async () => {
    const client = clientFor(emulator.current);
    const orgs = (await client.organizations.list()).data;
    const other = orgs.find((org) => org.id !== BIG_ORG_ID) as { id: string };
    const mine = await client.organizations.contacts.create(other.id, {
      name: 'Nested Filter',
      email: 'nested@example.com',
    });
    const hits = await client.organizations.contacts.list(other.id, {
      filter: { email: 'nested@example.com' },
    });
    expect(hits.data.map((c) => c.id)).toEqual([mine.id]);
    const none = await client.organizations.contacts.list(BIG_ORG_ID, {
      filter: { email: 'nested@example.com' },
    });
    expect(none.data).toEqual([]);
  });

  it('matches configurations by hostname on the client side, case-insensitively', async () => {
    const client = clientFor(emulator.current);
    const all = await client.configurations.list({ filter: { organizationId: BIG_ORG_ID } });
    const target = all.data.find((c) => c.hostname);
    expect(target).toBeDefined();
    const hits = await client.configurations.list({
      filter: { hostname: String(target?.hostname).toLowerCase() },
    });
    expect(hits.data.map((c) => c.id)).toEqual([target?.id]);
  });

  it('refuses a configuration without a type before sending anything', async () => {
    const client = clientFor(emulator.current);
    await resetCounts(emulator.current);
    const attempt = client.configurations.create({ organizationId: BIG_ORG_ID, name: 'untyped' });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toThrow(/configurationTypeId/);
    expect((await requestCounts(emulator.current)).total).toBe(0);
  });

  it('refuses archived on a contact (real IT Glue has no such attribute) and says what to do', async () => {
    const client = clientFor(emulator.current);
    const contacts = await client.contacts.list({ organizationId: BIG_ORG_ID });
    const id = contacts.data[0]?.id as string;
    await expect(client.contacts.update(id, { archived: true })).rejects.toThrow(/contactTypeId/);
  });

  it('never returns a password value from a list, and from get only when revealed', async () => {
    const client = clientFor(emulator.current);
    for await (const password of client.passwords.list()) {
      expect(password.password).toBeUndefined();
    }
    const first = (await client.passwords.list({ pageSize: 1 })).data[0];
    expect(first).toBeDefined();
    expect((await client.passwords.get(first?.id as string)).password).toBeUndefined();
    expect(typeof (await client.passwords.get(first?.id as string, { reveal: true })).password).toBe(
      'string',
    );
  });

  it('requires the password value on create, as real IT Glue does', async () => {
    const client = clientFor(emulator.current);
    await expect(client.passwords.create({ organizationId: BIG_ORG_ID, name: 'no value' })).rejects.toThrow(
      /password value/,
    );
  });

  it('lists documents through the organization route and keeps content in sections', async () => {
    const client = clientFor(emulator.current);
    await resetCounts(emulator.current);
    const doc = await client.documents.create({
      organizationId: BIG_ORG_ID,
      name: 'Escalation contacts',
      content: '<p>Call Ann.</p>',
    });
    const counts = await requestCounts(emulator.current);
    expect(
      counts.byRoute['POST /documents/{id}/relationships/sections'] ??
        counts.byRoute['POST /documents/{document_id}/relationships/sections'],
    ).toBe(1);
    expect((await client.documents.get(doc.id)).content).toBe('<p>Call Ann.</p>');
    const listed = await client.documents.list({
      filter: { organizationId: BIG_ORG_ID, name: 'escalation contacts' },
    });
    expect(listed.data.map((d) => d.id)).toEqual([doc.id]);
  });
});
