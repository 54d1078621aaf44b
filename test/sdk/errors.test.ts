/**
 * The error hierarchy and configuration checks, through real HTTP against the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as sdk from '../../src/index.js';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  GlueKit,
  GlueKitError,
  NotFoundError,
  ValidationError,
} from '../../src/index.js';
import { clientFor, useEmulator } from '../helpers/emulator.js';

describe('errors', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('gives every error class a name equal to its class name', () => {
    const request = { method: 'GET', path: '/x' };
    const instances: Record<string, Error> = {
      GlueKitError: new sdk.GlueKitError('m'),
      ConfigurationError: new sdk.ConfigurationError('m'),
      APIError: new sdk.APIError(500, request, []),
      BadRequestError: new sdk.BadRequestError(400, request, []),
      AuthenticationError: new sdk.AuthenticationError(403, request, []),
      NotFoundError: new sdk.NotFoundError(404, request, []),
      ValidationError: new sdk.ValidationError(422, request, []),
      RateLimitError: new sdk.RateLimitError(request, [], undefined),
      RateStoreError: new sdk.RateStoreError('the store is unreachable'),
      RedirectError: new sdk.RedirectError(302, request, 'https://elsewhere.example/'),
      ServerError: new sdk.ServerError(503, request, []),
      ConnectionError: new sdk.ConnectionError(request, 'm'),
      TimeoutError: new sdk.TimeoutError(request, 1),
      RequestAbortedError: new sdk.RequestAbortedError('m'),
      AmbiguousWriteError: new sdk.AmbiguousWriteError(request, 'reset', undefined),
      PartialWriteError: new sdk.PartialWriteError('m', {}),
    };
    const exported = Object.entries(sdk)
      .filter(
        ([, value]) =>
          typeof value === 'function' && (value === GlueKitError || value.prototype instanceof GlueKitError),
      )
      .map(([name]) => name)
      .sort();
    expect(Object.keys(instances).sort()).toEqual(exported);
    for (const [name, instance] of Object.entries(instances)) {
      expect(instance.name, name).toBe(name);
      expect(instance).toBeInstanceOf(GlueKitError);
    }
  });

  it('maps a wrong key to AuthenticationError with the region hint, never echoing the key', async () => {
    const key = 'ITG.wrong-key-5a1b2c3d4e5f';
    const error = await clientFor(emulator.current, { apiKey: key })
      .organizations.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(403);
    expect((error as Error).message).toMatch(/region/);
    expect((error as Error).message).not.toContain(key);
    expect(JSON.stringify(error)).not.toContain(key);
  });

  it('maps 422 to ValidationError with the fields IT Glue named', async () => {
    const error = await clientFor(emulator.current)
      .contacts.create({ organizationId: '123456789', name: 'Nobody' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).status).toBe(422);
    expect((error as ValidationError).fields.map((f) => f.field)).toContain('organizationId');
  });

  it('checks parameters before sending, naming the field and what is allowed', async () => {
    const client = clientFor(emulator.current);
    await expect(client.contacts.list({ pageSize: 1001 })).rejects.toThrow(/pageSize/);
    await expect(client.contacts.list({ sort: 'name' as never })).rejects.toThrow(
      /cannot sort contacts by "name".*first_name/,
    );
    await expect(client.contacts.list({ filter: { hostname: 'x' } as never })).rejects.toThrow(
      /filter.hostname.*is not a filter of listContacts/,
    );
    await expect(
      client.contacts.create({ organizationId: '1', name: 'A', email: 'not-an-email' }),
    ).rejects.toThrow(/email/);
    await expect(
      client.contacts.create({ organizationId: '1', name: 'A', nickname: 'x' } as never),
    ).rejects.toThrow(/nickname/);
    await expect(client.contacts.get('../organizations')).rejects.toBeInstanceOf(ValidationError);
  });

  it('maps a missing record to NotFoundError and an unknown route (HTML 404) to NotFoundError too', async () => {
    const client = clientFor(emulator.current);
    await expect(client.configurations.get('999999999')).rejects.toBeInstanceOf(NotFoundError);
    const response = await fetch(`${emulator.current.url}/nowhere`, {
      headers: { 'x-api-key': emulator.current.apiKey },
    });
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('maps a 400 to BadRequestError', () => {
    const error = new BadRequestError(400, { method: 'GET', path: '/x' }, []);
    expect(error).toBeInstanceOf(APIError);
    expect(error.name).toBe('BadRequestError');
  });
});

describe('configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('falls back to ITGLUE_API_KEY, ITGLUE_REGION and ITGLUE_BASE_URL', () => {
    process.env.ITGLUE_API_KEY = 'ITG.env-key';
    process.env.ITGLUE_REGION = 'eu';
    delete process.env.ITGLUE_BASE_URL;
    expect(new GlueKit().baseUrl).toBe('https://api.eu.itglue.com');
    process.env.ITGLUE_BASE_URL = 'http://127.0.0.1:9999/';
    expect(new GlueKit().baseUrl).toBe('http://127.0.0.1:9999');
    expect(new GlueKit({ region: 'au', baseUrl: undefined }).baseUrl).toBe('http://127.0.0.1:9999');
    delete process.env.ITGLUE_BASE_URL;
    expect(new GlueKit({ region: 'au' }).baseUrl).toBe('https://api.au.itglue.com');
  });

  it('refuses to start without a key, with an unknown region, or with plain http to a remote host', () => {
    delete process.env.ITGLUE_API_KEY;
    expect(() => new GlueKit()).toThrow(ConfigurationError);
    expect(() => new GlueKit()).toThrow(/ITGLUE_API_KEY/);
    expect(() => new GlueKit({ apiKey: 'k', region: 'mars' })).toThrow(/us", "eu" or "au"/);
    expect(() => new GlueKit({ apiKey: 'k', baseUrl: 'http://api.itglue.com' })).toThrow(/unencrypted/);
    expect(new GlueKit({ apiKey: 'k', baseUrl: 'http://localhost:1234' }).baseUrl).toBe(
      'http://localhost:1234',
    );
  });

  it('shows neither the key nor its characters when inspected', async () => {
    const { inspect } = await import('node:util');
    const key = 'ITG.secret-inspect-key-0000';
    const client = new GlueKit({ apiKey: key, baseUrl: 'http://127.0.0.1:1' });
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(key);
    expect(JSON.stringify(client)).not.toContain(key);
    expect(client.keyFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
  });
});
