/**
 * Small gaps, through the real binary: `lookups`, `--set` with JSON for array attributes, deleting
 * a config profile, one "No profile named" error for the flag and the environment, and `doctor`'s
 * wording and exit codes.
 */
import { describe, expect, it } from 'vitest';
import { envelope, jsonError, runCli, tempHome } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

type Rec = Record<string, unknown>;
type Check = { check: string; status: string; detail: string };

describe('lookups and small gaps', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const env = () => ({ ITGLUE_BASE_URL: emulator.current.url, ITGLUE_API_KEY: emulator.current.apiKey });
  const cli = (args: string[], home?: string) => runCli(args, { env: env(), ...(home ? { home } : {}) });

  it('lookups lists every kind and reads each list IT Glue has', async () => {
    const kinds = envelope<Rec[]>(await cli(['lookups'])).data;
    expect(kinds.map((k) => k.kind)).toEqual([
      'contact-types',
      'configuration-types',
      'configuration-statuses',
      'manufacturers',
      'password-categories',
      'organization-types',
      'organization-statuses',
      'document-folders',
      'models',
      'operating-systems',
      'locations',
    ]);

    const types = await cli(['lookups', 'contact-types']);
    expect(types.code, types.stderr).toBe(0);
    const out = envelope<Rec[]>(types);
    expect(out.meta).toMatchObject({ source: 'live', count: out.data.length });
    expect(out.data).toContainEqual({ id: expect.stringMatching(/^\d+$/), name: 'Terminated' });
    const configurationTypes = envelope<Rec[]>(await cli(['lookups', 'configuration_types'])).data;
    expect(configurationTypes.map((t) => t.name)).toContain('Managed Server');

    const folders = await cli(['lookups', 'document-folders', '--org', 'HFD']);
    expect(folders.code, folders.stderr).toBe(0);
    expect(envelope<Rec[]>(folders).data.length).toBeGreaterThan(0);
    expect(envelope<Rec[]>(folders).data.every((f) => f.organizationId === '1009')).toBe(true);

    const models = await cli(['lookups', 'models']);
    expect(models.code, models.stderr).toBe(0);
    const manufacturers = envelope<Rec[]>(await cli(['lookups', 'manufacturers'])).data;
    const dell = manufacturers.find((m) => m.name === 'Dell')?.id;
    expect(envelope<Rec[]>(models).data).toContainEqual({
      id: expect.stringMatching(/^\d+$/),
      name: 'Latitude 5440',
      manufacturerId: dell,
    });
    const systems = envelope<Rec[]>(await cli(['lookups', 'operating-systems'])).data;
    expect(systems.map((s) => s.name)).toContain('Windows 11 Pro');
    const locations = await cli(['lookups', 'locations', '--org', 'HFD']);
    expect(locations.code, locations.stderr).toBe(0);
    expect(envelope<Rec[]>(locations).data.map((l) => l.name)).toContain('Head Office');
    expect((await cli(['lookups', 'locations'])).code).toBe(2);
    const unknown = await cli(['lookups', 'colours']);
    expect(unknown.code).toBe(2);
    expect(jsonError(unknown).error.message).toMatch(/no lookup list "colours". Lists: contact-types/);
    expect((await cli(['lookups', 'document-folders'])).code).toBe(2);
  });

  it('--set takes JSON for an array attribute, with kebab-case keys inside, as --file does', async () => {
    const contact = envelope<Rec[]>(await cli(['contacts', 'list', '--org', 'HFD', '--limit', '1']))
      .data[0] as Rec;
    const updated = await cli([
      'contacts',
      'update',
      String(contact.id),
      '--set',
      'contact-phones=[{"value":"5095553916","label-name":"Mobile","primary":true}]',
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    const read = envelope<Rec>(await cli(['contacts', 'get', String(contact.id)])).data;
    expect(read.contactPhones).toEqual([
      expect.objectContaining({ value: '5095553916', labelName: 'Mobile', primary: true }),
    ]);
    const wrong = await cli([
      'contacts',
      'update',
      String(contact.id),
      '--set',
      'contact-phones=[{"value":5,"label-name":"Mobile"}]',
    ]);
    expect(wrong.code).toBe(6);
    expect(jsonError(wrong).error.details).toEqual([
      { field: 'contactPhones.0.value', message: expect.stringMatching(/expected string/) },
    ]);
  });

  it('deletes a profile, and names a missing one the same way for --profile and GLUEKIT_PROFILE', async () => {
    const home = tempHome();
    const run = (args: string[], extra: Record<string, string> = {}) => runCli(args, { home, env: extra });
    expect((await run(['config', 'set', 'base-url', emulator.current.url, '--profile', 'lab'])).code).toBe(0);
    expect((await run(['config', 'set', 'region', 'eu', '--profile', 'eu'])).code).toBe(0);
    expect((await run(['config', 'set', 'default-profile', 'lab'])).code).toBe(0);
    const deleted = await run(['config', 'delete', 'lab']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const left = envelope<Rec[]>(await run(['config', 'list'])).data;
    expect(left.map((p) => p.profile)).toEqual(['eu']);

    const again = await run(['config', 'delete', 'lab']);
    expect(again.code).toBe(2);
    expect(jsonError(again).error.message).toMatch(/^No profile named "lab"\. Profiles: eu\./);

    const byFlag = await run(['orgs', 'list', '--profile', 'nope']);
    const byEnv = await run(['orgs', 'list'], { GLUEKIT_PROFILE: 'nope' });
    expect(byFlag.code).toBe(2);
    expect(byEnv.code).toBe(2);
    expect(jsonError(byEnv).error.message).toMatch(
      /^No profile named "nope"\. Profiles: eu\. Create it with/,
    );
    expect(byEnv.stderr).toBe(byFlag.stderr);
  });

  it('doctor: the host check explains a 403, and no key says how to set one (exit 2)', async () => {
    const good = await runCli(['doctor', '--json'], { env: env() });
    expect(good.code).toBe(0);
    const host = envelope<Check[]>(good).data.find((c) => c.check === 'host reachable');
    expect(host).toMatchObject({
      status: 'ok',
      detail: `${emulator.current.url} is reachable (HTTP 403 without a key, as expected; with a key, HTTP 403 means the key or the region)`,
    });

    const none = await runCli(['doctor', '--json'], { env: { ITGLUE_BASE_URL: emulator.current.url } });
    expect(none.code).toBe(2);
    const configuration = envelope<Check[]>(none).data.find((c) => c.check === 'configuration');
    expect(configuration?.status).toBe('fail');
    expect(configuration?.detail).toMatch(
      /key none: set one with: printf %s "\$KEY" \| gluekit config set api-key/,
    );
  });
});
