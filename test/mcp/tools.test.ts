/**
 * The MCP server through the SDK's in-memory client, against the emulator: which tools are listed
 * in each mode, their annotations, and calls to the operation tools (bounded lists with cursors,
 * filters, writes, strict arguments, short errors).
 */
import { describe, expect, it } from 'vitest';
import { allTools } from '../../src/mcp/server.js';
import { isWriteTool } from '../../src/mcp/tool.js';
import { parseToolsets } from '../../src/mcp/toolsets.js';
import { clientFor, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';
import { inMemorySession, newTenantKey } from './support.js';

const WRITE_TOOLS = [
  'create_contact',
  'update_contact',
  'create_organization_contact',
  'update_organization_contact',
  'create_password',
  'update_password',
  'create_configuration',
  'update_configuration',
  'create_organization_configuration',
  'create_document',
  'update_document',
  'create_organization_document',
  'apply_plan',
];

const READ_TOOLS = [
  'list_organizations',
  'get_organization',
  'list_contacts',
  'get_contact',
  'list_organization_contacts',
  'list_passwords',
  'get_password',
  'list_configurations',
  'get_configuration',
  'list_organization_configurations',
  'list_documents',
  'get_document',
  'list_organization_documents',
  'search',
  'org_brief',
  'changes',
  'coverage',
  'stale_passwords',
  'duplicate_contacts',
  'orphans',
  'sync_mirror',
  'plan_contact_sync',
  'plan_configuration_import',
  'plan_password_mirror',
  'plan_onboarding_docs',
];

const ORG = 'Happy Frog Dental';

describe('tool lists', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('lists only tools that do not write to IT Glue by default', async () => {
    const session = await inMemorySession(emulator.current, emulator.current.apiKey);
    expect((await session.toolNames()).sort()).toEqual([...READ_TOOLS].sort());
    await session.close();
  });

  it('lists the write tools with allowWrites, one tool per operation of the table', async () => {
    const session = await inMemorySession(emulator.current, emulator.current.apiKey, { allowWrites: true });
    const names = await session.toolNames();
    expect(names.sort()).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
    expect(names.filter((name) => /^(list|get|create|update)_/.test(name))).toHaveLength(25);
    expect(names.some((name) => /delete|destroy|remove/.test(name))).toBe(false);
    await session.close();
  });

  it('read-only wins over allowWrites, and toolsets only narrow', async () => {
    const readOnly = await inMemorySession(emulator.current, emulator.current.apiKey, {
      allowWrites: true,
      readOnly: true,
    });
    expect((await readOnly.toolNames()).sort()).toEqual([...READ_TOOLS].sort());
    await readOnly.close();

    const contacts = await inMemorySession(emulator.current, emulator.current.apiKey, {
      toolsets: parseToolsets('contacts'),
    });
    expect((await contacts.toolNames()).sort()).toEqual(
      [
        'duplicate_contacts',
        'get_contact',
        'list_contacts',
        'list_organization_contacts',
        'plan_contact_sync',
      ].sort(),
    );
    await contacts.close();

    const contactWrites = await inMemorySession(emulator.current, emulator.current.apiKey, {
      toolsets: parseToolsets('contacts,mirror'),
      allowWrites: true,
    });
    const names = await contactWrites.toolNames();
    expect(names).toContain('create_organization_contact');
    expect(names).toContain('apply_plan');
    expect(names).toContain('sync_mirror');
    expect(names).not.toContain('create_password');
    expect(names).not.toContain('list_organizations');
    await contactWrites.close();

    expect(() => parseToolsets('contacts,secrets')).toThrow(
      /Unknown toolset secrets: use some of organizations/,
    );
  });

  it('sets all four annotations on every tool, consistent with what it does', async () => {
    const session = await inMemorySession(emulator.current, emulator.current.apiKey, { allowWrites: true });
    const { tools } = await session.client.listTools();
    for (const tool of tools) {
      const hints = tool.annotations ?? {};
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const)
        expect(typeof hints[hint], `${tool.name}.${hint}`).toBe('boolean');
      const writes = WRITE_TOOLS.includes(tool.name);
      expect(hints.readOnlyHint, tool.name).toBe(!writes);
      if (hints.readOnlyHint) expect(hints.destructiveHint, tool.name).toBe(false);
      if (tool.name.startsWith('update_'))
        expect(hints).toMatchObject({ destructiveHint: true, idempotentHint: true });
      if (tool.name.startsWith('create_'))
        expect(hints).toMatchObject({ destructiveHint: false, idempotentHint: false });
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
    }
    const views = tools.filter((tool) =>
      [
        'search',
        'org_brief',
        'changes',
        'coverage',
        'stale_passwords',
        'duplicate_contacts',
        'orphans',
      ].includes(tool.name),
    );
    expect(views.every((tool) => tool.annotations?.openWorldHint === false)).toBe(true);
    // The catalogue and the listing agree on what writes.
    expect(
      allTools()
        .filter(isWriteTool)
        .map((tool) => tool.name)
        .sort(),
    ).toEqual([...WRITE_TOOLS].sort());
    await session.close();
  });
});

describe('operation tools', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('pages a list with limit and cursor, and every page together is the whole list', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    const all = await clientFor(emulator.current, { apiKey: key }).organizations.list().toArray();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await session.ok('list_organizations', { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.records.length).toBeLessThanOrEqual(2);
      expect(page.total).toBe(all.length);
      for (const record of page.records) {
        expect(record.type).toBeUndefined();
        expect(Object.values(record)).not.toContain(null);
        seen.push(record.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((org) => org.id));

    const first = await session.ok('list_organizations', { limit: 1 });
    const wrong = await session.call('list_organizations', { limit: 1, name: ORG, cursor: first.nextCursor });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/cursor belongs to a list with other arguments/);
    await session.close();
  });

  it('filters, windows a list gluekit filters itself, and reads one record', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    const org = (await session.ok('list_organizations', { name: ORG })).records[0];
    expect(org.name).toBe(ORG);
    expect(await session.ok('get_organization', { id: org.id })).toMatchObject({ id: org.id, name: ORG });

    const contacts = await session.ok('list_organization_contacts', { organizationId: org.id, limit: 3 });
    expect(contacts.records.length).toBeGreaterThan(0);
    const someone = contacts.records[0];
    expect(Array.isArray(someone.emails)).toBe(true);
    const byEmail = await session.ok('list_contacts', { email: someone.email.toUpperCase() });
    expect(byEmail.records.map((c: { id: string }) => c.id)).toEqual([someone.id]);

    const byId = await session.ok('list_configurations', { organizationId: org.id, limit: 200 });
    const device = byId.records.find((c: { serialNumber?: string }) => c.serialNumber);
    const bySerial = await session.ok('list_configurations', { serialNumber: device.serialNumber });
    expect(bySerial.records.map((c: { id: string }) => c.id)).toContain(device.id);

    const docs = await session.ok('list_organization_documents', {
      organizationId: org.id,
      allFolders: true,
    });
    const doc = await session.ok('get_document', { id: docs.records[0].id });
    expect(doc.name).toBe(docs.records[0].name);
    await session.close();
  });

  it('writes through the SDK with validation, and refuses unknown arguments before sending anything', async () => {
    const key = await newTenantKey(emulator.current);
    const reads = await inMemorySession(emulator.current, key);
    const refused = await reads.call('create_organization_contact', { organizationId: '1', name: 'X' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/create_organization_contact not found/);
    await reads.close();

    const session = await inMemorySession(emulator.current, key, { allowWrites: true });
    const org = (await session.ok('list_organizations', { name: ORG })).records[0];
    await resetCounts(emulator.current);
    const unknown = await session.call('create_organization_contact', {
      organizationId: org.id,
      name: 'Ada Lovelace',
      firstName: 'Ada',
      isAdmin: true,
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/Unrecognized key.*isAdmin/);
    const badEmail = await session.call('create_organization_contact', {
      organizationId: org.id,
      name: 'Ada Lovelace',
      email: 'not-an-email',
    });
    expect(badEmail.isError).toBe(true);
    expect(badEmail.text).toMatch(/email/);
    expect(badEmail.text).not.toMatch(/\n\s+at /); // no stack trace
    expect((await requestCounts(emulator.current)).byMethod.POST ?? 0).toBe(0);

    const created = await session.ok('create_organization_contact', {
      organizationId: org.id,
      firstName: 'Ada',
      lastName: 'Lovelace',
      name: 'Ada Lovelace',
      email: 'ada@hfd.example',
    });
    expect(created).toMatchObject({ organizationId: org.id, email: 'ada@hfd.example' });
    const updated = await session.ok('update_contact', { id: created.id, title: 'CTO' });
    expect(updated.title).toBe('CTO');
    const again = await clientFor(emulator.current, { apiKey: key }).contacts.get(created.id);
    expect(again.title).toBe('CTO');
    await session.close();
  });

  it('turns failures into short isError results that say what to do, without the key', async () => {
    const key = await newTenantKey(emulator.current);
    const session = await inMemorySession(emulator.current, key);
    const missing = await session.call('get_organization', { id: '999999999' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/^NotFoundError: IT Glue returned 404/);

    const badId = await session.call('get_contact', { id: 'abc' });
    expect(badId.isError).toBe(true);
    expect(badId.text).toMatch(/positive integer id/);

    const badSort = await session.call('list_contacts', { sort: 'shoe_size' });
    expect(badSort.text).toMatch(/cannot sort contacts by "shoe_size"/);

    const wrongKey = 'ITG.wrong-key-0123456789abcdef';
    const stranger = await inMemorySession(emulator.current, wrongKey);
    const denied = await stranger.call('list_organizations', {});
    expect(denied.isError).toBe(true);
    expect(denied.text).toMatch(/AuthenticationError: .*region/);
    expect(denied.text).not.toContain(wrongKey);
    await stranger.close();
    await session.close();
  });
});
