/** Configurations: the type requirement, relationships on PATCH, PSA-synced records, archived. */
import { describe, expect, it } from 'vitest';
import { BIG_ORG, control, get, idNamed, patch, post, resource, useEmulator } from './support.js';

type Raw = Array<Record<string, unknown>>;

describe('configurations on the real profile', () => {
  const emulator = useEmulator({ profile: 'real', seed: 'demo' });

  it('returns the attributes of a real configuration with their name companions', async () => {
    const config = (
      await get(emulator.current, `/configurations?filter[organization_id]=${BIG_ORG}`)
    ).many()[0];
    expect(config?.attributes).toMatchObject({
      'organization-name': 'Fabrikam Architects',
      'configuration-type-name': 'Firewall',
      'configuration-type-kind': 'firewall',
      'configuration-status-name': 'Active',
      'manufacturer-name': 'Fortinet',
    });
    for (const key of [
      'hostname',
      'primary-ip',
      'mac-address',
      'serial-number',
      'asset-tag',
      'model-name',
      'operating-system-name',
      'contact-name',
      'location-name',
      'warranty-expires-at',
      'installed-at',
      'purchased-at',
      'resource-url',
      'psa-integration',
      'restricted',
      'archived',
    ]) {
      expect(config?.attributes, key).toHaveProperty(key);
    }
    expect(String(config?.attributes['warranty-expires-at'])).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(String(config?.attributes['created-at'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('requires an existing configuration type, on both create routes', async () => {
    const top = await post(
      emulator.current,
      '/configurations',
      resource('configurations', { 'organization-id': BIG_ORG, name: 'untyped' }),
    );
    expect(top.status).toBe(422);
    const nested = await post(
      emulator.current,
      `/organizations/${BIG_ORG}/relationships/configurations`,
      resource('configurations', { name: 'untyped' }),
    );
    expect(nested.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/configuration-type');
    const typeId = await idNamed(emulator.current, '/configuration_types', 'Printer');
    const typed = await post(
      emulator.current,
      '/configurations',
      resource('configurations', { 'organization-id': BIG_ORG, name: 'PRN', configuration_type_id: typeId }),
    );
    expect(typed.status).toBe(201);
    expect(typed.one().attributes['configuration-type-name']).toBe('Printer');
  });

  it('refuses relationships on PATCH', async () => {
    const config = (await get(emulator.current, '/configurations'))
      .many()
      .find((item) => item.attributes['psa-integration'] === null);
    const reply = await patch(emulator.current, `/configurations/${config?.id}`, {
      data: {
        type: 'configurations',
        attributes: { notes: 'x' },
        relationships: { 'configuration-interfaces': { data: [] } },
      },
    });
    expect(reply.status).toBe(422);
    expect((await get(emulator.current, `/configurations/${config?.id}`)).one().attributes.notes).not.toBe(
      'x',
    );
  });

  it('lets a PATCH of a PSA-synced configuration touch only the fields the PSA does not own', async () => {
    const raw = (await control<{ data: Raw }>(emulator.current, 'GET', '/records/configurations')).body.data;
    const synced = raw.find((config) => config.psaIntegration !== null);
    expect(synced).toBeDefined();
    const allowed = await patch(
      emulator.current,
      `/configurations/${synced?.id}`,
      resource('configurations', {
        notes: 'ok',
        asset_tag: 'AT-1',
        'serial-number': 'SN-1',
        archived: false,
        'warranty-expires-at': '2030-01-01',
      }),
    );
    expect(allowed.status).toBe(200);
    expect(allowed.one().attributes).toMatchObject({
      notes: 'ok',
      'asset-tag': 'AT-1',
      'warranty-expires-at': '2030-01-01',
    });
    const refused = await patch(
      emulator.current,
      `/configurations/${synced?.id}`,
      resource('configurations', { hostname: 'renamed', notes: 'no' }),
    );
    expect(refused.status).toBe(422);
    expect((await get(emulator.current, `/configurations/${synced?.id}`)).one().attributes.notes).toBe('ok');
  });

  it('archives through PATCH and filters on archived', async () => {
    const before = Number(
      (await get(emulator.current, '/configurations?filter[archived]=true')).json.meta?.['total-count'],
    );
    const config = (await get(emulator.current, '/configurations?filter[archived]=false'))
      .many()
      .find((item) => item.attributes['psa-integration'] === null);
    const archived = await patch(
      emulator.current,
      `/configurations/${config?.id}`,
      resource('configurations', { archived: true }),
    );
    expect(archived.one().attributes.archived).toBe(true);
    expect(
      Number(
        (await get(emulator.current, '/configurations?filter[archived]=true')).json.meta?.['total-count'],
      ),
    ).toBe(before + 1);
  });

  it('refuses a malformed date and an unknown manufacturer', async () => {
    const typeId = await idNamed(emulator.current, '/configuration_types', 'Printer');
    const reply = await post(
      emulator.current,
      '/configurations',
      resource('configurations', {
        'organization-id': BIG_ORG,
        name: 'x',
        'configuration-type-id': typeId,
        'purchased-at': 'last year',
        'manufacturer-id': 1,
      }),
    );
    expect(reply.json.errors?.map((error) => error.source?.pointer).sort()).toEqual([
      '/data/attributes/manufacturer',
      '/data/attributes/purchased-at',
    ]);
  });
});

describe('configurations on the seed profile', () => {
  const emulator = useEmulator({ profile: 'seed', seed: 'demo' });

  it('does not require a type, but checks one that is sent; filters by hostname', async () => {
    const untyped = await post(
      emulator.current,
      '/configurations',
      resource('configurations', { 'organization-id': BIG_ORG, name: 'untyped', hostname: 'UNTYPED01' }),
    );
    expect(untyped.status).toBe(201);
    expect(untyped.one().attributes['configuration-type-id']).toBeNull();
    const unknown = await post(
      emulator.current,
      '/configurations',
      resource('configurations', { 'organization-id': BIG_ORG, name: 'x', 'configuration-type-id': 1 }),
    );
    expect(unknown.status).toBe(422);
    const byHostname = await get(emulator.current, '/configurations?filter[hostname]=UNTYPED01');
    expect(byHostname.many().map((config) => config.id)).toEqual([untyped.one().id]);
  });

  it('ignores relationships on PATCH', async () => {
    const config = (await get(emulator.current, '/configurations')).many()[0];
    const reply = await patch(emulator.current, `/configurations/${config?.id}`, {
      data: { type: 'configurations', attributes: { notes: 'seeded' }, relationships: { x: {} } },
    });
    expect(reply.status).toBe(200);
    expect(reply.one().attributes.notes).toBe('seeded');
  });
});
