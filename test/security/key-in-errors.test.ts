/**
 * Item 3 of the security review: the key in error text. A key with a newline, CR or NUL (a bad
 * paste) reached `e.message`, `e.stack` and `util.inspect(e)` through Node's "invalid header
 * value" error; a server that echoed the key in a 422's `source.pointer` put it in the
 * ValidationError's message and `fields[].field`. Now the key's characters are checked when the
 * client is built, and every error is scrubbed against the key, in each form a server may echo it.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, ConnectionError, GlueKit, ValidationError } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { json, startServer, type TestServer } from './support.js';

/** Everything an error can show: message, stack, inspect (cause chain included), fields, JSON. */
function everythingShown(error: unknown): string {
  const e = error as Error & { fields?: unknown; errors?: unknown };
  return [
    e.message,
    e.stack,
    inspect(e, { depth: 10 }),
    JSON.stringify(e.fields),
    JSON.stringify(e.errors),
  ].join('\n');
}

describe('a key with a character no key has', () => {
  let upstream: TestServer;
  beforeAll(async () => {
    upstream = await startServer((_, res) => json(res, 200, { data: [], meta: {} }));
  });
  afterAll(() => upstream.close());

  it.each([
    ['a newline', 'ITG.first-half-5d1c\nsecond-half-88ab'],
    ['a carriage return', 'ITG.first-half-5d1c\rsecond-half-88ab'],
    ['a NUL', 'ITG.first-half-5d1c\0second-half-88ab'],
    ['a trailing newline', 'ITG.first-half-5d1c-second-half-88ab\n'],
  ])('with %s is refused when the client is built, without quoting it', async (_, key) => {
    let error: unknown;
    try {
      const client = new GlueKit({ apiKey: key, baseUrl: upstream.origin, rateLimit: false });
      await client.organizations.list();
    } catch (caught) {
      error = caught;
    }
    expect(upstream.seen).toEqual([]);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/API key contains (a line break|a NUL character)/);
    const shown = everythingShown(error);
    for (const part of ['first-half-5d1c', 'second-half-88ab']) expect(shown).not.toContain(part);
  });

  it('CLI: ITGLUE_API_KEY with a line break inside gets a clear error that does not show it', async () => {
    const result = await runCli(['orgs', 'list', '--base-url', upstream.origin], {
      env: { ITGLUE_API_KEY: 'ITG.first-half-5d1c\nsecond-half-88ab' },
    });
    expect(upstream.seen).toEqual([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('API key contains a line break');
    expect(result.stderr).not.toContain('first-half-5d1c');
    expect(result.stderr).not.toContain('second-half-88ab');
  });
});

describe('a server that echoes the key', () => {
  // A `/` and a `~`, so the key also has a distinct JSON-pointer form and a percent-encoded form.
  const KEY = 'ITG.echo/canary~key_7f3e9a';
  const FORMS = [KEY, encodeURIComponent(KEY), 'ITG.echo~1canary~0key_7f3e9a', 'canary~key_7f3e9a'];
  let upstream: TestServer;

  beforeAll(async () => {
    upstream = await startServer((req, res) => {
      const pointerKey = KEY.replaceAll('~', '~0').replaceAll('/', '~1');
      json(res, 422, {
        errors: [
          {
            status: '422',
            code: `bad ${KEY}`,
            title: `Key ${KEY} is not allowed here`,
            detail: `seen ${encodeURIComponent(KEY)}`,
            source: { pointer: `/data/attributes/${pointerKey}` },
          },
          { status: '422', title: 'is invalid', source: { pointer: `/data/attributes/${KEY}` } },
          { status: '422', title: 'ok', source: { pointer: '/data/attributes/name' } },
        ],
      });
      void req;
    });
  });
  afterAll(() => upstream.close());

  it('in a 422: neither the message nor fields[].field nor the details carry it', async () => {
    const client = new GlueKit({ apiKey: KEY, baseUrl: upstream.origin, rateLimit: false });
    const error = await client.passwords.create({ organizationId: '1', name: 'x', password: 'y' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const shown = everythingShown(error);
    for (const form of FORMS) expect(shown).not.toContain(form);
    // The fields IT Glue named without the key are kept as they were.
    expect((error as ValidationError).fields.map((f) => f.field)).toContain('name');
  });

  it('in a cause from a custom fetch: the message, the stack and the cause chain are scrubbed', async () => {
    const client = new GlueKit({
      apiKey: KEY,
      baseUrl: upstream.origin,
      rateLimit: false,
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError(`proxy refused header x-api-key: ${KEY}`, {
          cause: new Error(`inner ${encodeURIComponent(KEY)}`),
        });
      },
    });
    const error = await client.organizations.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    const shown = everythingShown(error);
    expect(shown).toContain('proxy refused header');
    for (const form of FORMS) expect(shown).not.toContain(form);
  });
});
