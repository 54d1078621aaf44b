/**
 * Real IT Glue's reference lists outside the API document, on both profiles: models (all, and a
 * manufacturer's), operating systems, and an organization's locations. Read-only and paged;
 * `filter[name]` is exact on the top-level lists; an unknown manufacturer or organization is 404.
 */
import { describe, expect, it } from 'vitest';
import { get, HAPPY_FROG, useEmulator } from './support.js';

describe.each(['real', 'seed'] as const)('reference lists, %s profile', (profile) => {
  const emulator = useEmulator({ seed: 'demo', profile });

  const idOf = async (path: string, name: string) =>
    (await get(emulator.current, path)).many().find((r) => r.attributes.name === name)?.id as string;

  it("lists models with their manufacturer, and a manufacturer's models only", async () => {
    const dell = await idOf('/manufacturers', 'Dell');
    const models = (await get(emulator.current, '/models?page[size]=1000')).many();
    expect(models.length).toBeGreaterThan(5);
    expect(models.every((m) => m.type === 'models')).toBe(true);
    expect(
      String(models.find((m) => m.attributes.name === 'Latitude 5440')?.attributes['manufacturer-id']),
    ).toBe(dell);
    const dells = (await get(emulator.current, `/manufacturers/${dell}/relationships/models`)).many();
    expect(dells.map((m) => m.attributes.name)).toContain('OptiPlex 7010');
    expect(dells.every((m) => String(m.attributes['manufacturer-id']) === dell)).toBe(true);
    expect(dells.length).toBeLessThan(models.length);
    expect((await get(emulator.current, '/manufacturers/999999/relationships/models')).status).toBe(404);
  });

  it('lists operating systems, filtered by exact name', async () => {
    const all = await get(emulator.current, '/operating_systems');
    expect(all.status).toBe(200);
    expect(all.many().map((s) => s.attributes.name)).toContain('Windows 11 Pro');
    const one = (await get(emulator.current, '/operating_systems?filter[name]=Windows%2011%20Pro')).many();
    expect(one.map((s) => s.attributes.name)).toEqual(['Windows 11 Pro']);
    expect(all.json.meta).toMatchObject({ 'current-page': 1, 'total-count': all.many().length });
  });

  it("lists an organization's locations, and answers 404 for an unknown organization", async () => {
    const org = (
      await get(emulator.current, `/organizations?filter[name]=${encodeURIComponent(HAPPY_FROG)}`)
    ).many()[0]?.id as string;
    const locations = (await get(emulator.current, `/organizations/${org}/relationships/locations`)).many();
    expect(locations.map((l) => l.attributes.name)).toContain('Head Office');
    expect(locations.every((l) => String(l.attributes['organization-id']) === org)).toBe(true);
    expect((await get(emulator.current, '/organizations/999999/relationships/locations')).status).toBe(404);
  });
});
