/** Passwords: when the value is returned on each profile, write rules, OTP secrets, rotation time. */
import { describe, expect, it } from 'vitest';
import { BIG_ORG, control, get, HAPPY_FROG, idNamed, patch, post, resource, useEmulator } from './support.js';

function create(emulator: Parameters<typeof post>[0], attributes: Record<string, unknown>, query = '') {
  return post(
    emulator,
    `/passwords${query}`,
    resource('passwords', { 'organization-id': BIG_ORG, ...attributes }),
  );
}

describe('password values on the real profile', () => {
  const emulator = useEmulator({ profile: 'real', seed: 'demo' });

  it('never puts the value in a list, even with show_password=true', async () => {
    for (const query of ['', '?show_password=true', '?show_password=1&page[size]=1000']) {
      const list = await get(emulator.current, `/passwords${query}`);
      expect(list.many().length).toBeGreaterThan(0);
      expect(list.text).not.toContain('"password":');
    }
    const nested = await get(emulator.current, `/organizations/${BIG_ORG}/relationships/passwords`);
    expect(nested.many().length).toBeGreaterThan(0);
    expect(nested.text).not.toContain('"password":');
  });

  it('shows the value on a single record unless show_password is false or 0', async () => {
    const created = await create(emulator.current, { name: 'Show', password: 'value-1' });
    const id = created.one().id;
    expect((await get(emulator.current, `/passwords/${id}`)).one().attributes.password).toBe('value-1');
    expect(
      (await get(emulator.current, `/passwords/${id}?show_password=true`)).one().attributes.password,
    ).toBe('value-1');
    for (const hidden of ['false', '0']) {
      expect(
        (await get(emulator.current, `/passwords/${id}?show_password=${hidden}`)).one().attributes,
      ).not.toHaveProperty('password');
    }
  });

  it('returns the value from a write only with show_password=true', async () => {
    const hidden = await create(emulator.current, { name: 'Write', password: 'value-2' });
    expect(hidden.one().attributes).not.toHaveProperty('password');
    const shown = await create(
      emulator.current,
      { name: 'Write', password: 'value-3' },
      '?show_password=true',
    );
    expect(shown.one().attributes.password).toBe('value-3');
    const patched = await patch(
      emulator.current,
      `/passwords/${shown.one().id}`,
      resource('passwords', { notes: 'n' }),
    );
    expect(patched.one().attributes).not.toHaveProperty('password');
  });

  it('accepts an OTP secret but never returns it, reporting otp-enabled instead', async () => {
    const created = await create(
      emulator.current,
      { name: 'OTP', password: 'p', otp_secret: 'JBSWY3DPEHPK3PXPSECRET' },
      '?show_password=true',
    );
    expect(created.text).not.toContain('JBSWY3DPEHPK3PXPSECRET');
    expect(created.one().attributes['otp-enabled']).toBe(true);
    const shown = await get(emulator.current, `/passwords/${created.one().id}`);
    expect(shown.text).not.toContain('JBSWY3DPEHPK3PXPSECRET');
    expect(shown.one().attributes).not.toHaveProperty('otp-secret');
    const raw = (
      await control<{ data: Array<Record<string, unknown>> }>(emulator.current, 'GET', '/records/passwords')
    ).body.data;
    expect(raw.find((password) => password.id === created.one().id)?.otpSecret).toBe(
      'JBSWY3DPEHPK3PXPSECRET',
    );
  });

  it('moves password-updated-at only when the value changes, and updated-at on every write', async () => {
    const created = await create(emulator.current, { name: 'Rotate', password: 'first' });
    const id = created.one().id;
    const start = created.one().attributes;
    expect(start['password-updated-at']).toBe(start['updated-at']);
    const renamed = (
      await patch(emulator.current, `/passwords/${id}`, resource('passwords', { name: 'Rotate 2' }))
    ).one().attributes;
    expect(renamed['password-updated-at']).toBe(start['password-updated-at']);
    expect(String(renamed['updated-at']) > String(start['updated-at'])).toBe(true);
    const rotated = (
      await patch(emulator.current, `/passwords/${id}`, resource('passwords', { password: 'second' }))
    ).one().attributes;
    expect(rotated['password-updated-at']).toBe(rotated['updated-at']);
    expect(String(rotated['password-updated-at']) > String(start['password-updated-at'])).toBe(true);
  });

  it('requires a name and a value, and a valid organization', async () => {
    const missing = await create(emulator.current, {});
    expect(missing.json.errors?.map((error) => error.source?.pointer).sort()).toEqual([
      '/data/attributes/name',
      '/data/attributes/password',
    ]);
    const badOrg = await post(
      emulator.current,
      '/passwords',
      resource('passwords', { 'organization-id': 5, name: 'x', password: 'y' }),
    );
    expect(badOrg.json.errors?.[0]?.title).toBe('Valid organization_id is required');
  });

  it('checks embedded passwords: an allowed type, an id, and a resource in the same organization', async () => {
    const config = (
      await get(emulator.current, `/configurations?filter[organization_id]=${BIG_ORG}`)
    ).many()[0];
    const ok = await create(emulator.current, {
      name: 'On device',
      password: 'p',
      resource_type: 'Configuration',
      resource_id: config?.id,
    });
    expect(ok.status).toBe(201);
    expect(ok.one().attributes).toMatchObject({
      'resource-type': 'Configuration',
      'cached-resource-type-name': 'Configuration',
      'cached-resource-name': config?.attributes.name,
    });
    const wrongType = await create(emulator.current, {
      name: 'x',
      password: 'p',
      'resource-type': 'Widget',
      'resource-id': 1,
    });
    expect(wrongType.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/resource-type');
    const noId = await create(emulator.current, { name: 'x', password: 'p', 'resource-type': 'Contact' });
    expect(noId.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/resource-id');
    const orgId = await idNamed(emulator.current, '/organizations', HAPPY_FROG);
    const otherOrgConfig = (
      await get(emulator.current, `/configurations?filter[organization_id]=${orgId}`)
    ).many()[0];
    const crossed = await create(emulator.current, {
      name: 'x',
      password: 'p',
      'resource-type': 'Configuration',
      'resource-id': otherOrgConfig?.id,
    });
    expect(crossed.status).toBe(422);
    expect(crossed.json.errors?.[0]?.detail).toBe('must exist');
  });
});

describe('password values on the seed profile', () => {
  const emulator = useEmulator({ profile: 'seed', seed: 'demo' });

  it('puts the value in lists and single records, and requires only a name', async () => {
    const list = await get(emulator.current, '/passwords');
    expect(list.many().every((password) => typeof password.attributes.password === 'string')).toBe(true);
    const created = await post(
      emulator.current,
      '/passwords',
      resource('passwords', { 'organization-id': BIG_ORG, name: 'No value' }),
    );
    expect(created.status).toBe(201);
    const shown = await get(emulator.current, `/passwords/${created.one().id}?show_password=false`);
    expect(shown.one().attributes).toHaveProperty('password', null);
    expect(shown.text).not.toContain('otp-secret');
  });
});
