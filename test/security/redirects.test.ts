/**
 * Item 2 of the security review: redirects. fetch followed 301/302/303/307/308 to any origin with
 * the key, and on 307/308 re-sent a create with its body: an https→http redirect delivered a
 * password value and the key in clear. Now a redirect is an error that names where it pointed,
 * and the witness it points at sees nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GlueKit, RedirectError } from '../../src/index.js';
import { jsonError, runCli } from '../helpers/cli.js';
import { startServer, startWitness, type TestServer, TLS_CERT } from './support.js';

const KEY = 'ITG.redirect-adversary-key-2b9e';
const PASSWORD = 'redirect-canary-pw-Qz8!';
const STATUSES = [301, 302, 303, 307, 308];

describe('redirects are never followed with the key', () => {
  let witness: TestServer;
  let upstream: TestServer;
  let status = 302;

  beforeAll(async () => {
    witness = await startWitness();
    upstream = await startServer((req, res) => {
      res.writeHead(status, { location: `${witness.origin}/moved${req.url}` });
      res.end();
    });
  });
  afterAll(async () => {
    await Promise.all([witness.close(), upstream.close()]);
  });
  afterEach(() => {
    witness.seen.length = 0;
    upstream.seen.length = 0;
  });

  const client = () =>
    new GlueKit({ apiKey: KEY, baseUrl: upstream.origin, rateLimit: false, maxRetries: 2 });

  it.each(STATUSES)('a list answered with %i: a RedirectError naming the target', async (code) => {
    status = code;
    const error = await client()
      .organizations.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(witness.seen).toEqual([]);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).status).toBe(code);
    expect((error as RedirectError).location?.startsWith(`${witness.origin}/moved/organizations?`)).toBe(
      true,
    );
    expect((error as Error).message).toContain(`${witness.origin}/moved`);
    // Not retried either: one request, and the answer was final.
    expect(upstream.seen).toHaveLength(1);
  });

  it.each(STATUSES)('a password create answered with %i: the body goes nowhere else', async (code) => {
    status = code;
    const created = client().passwords.create({ organizationId: '1', name: 'Firewall', password: PASSWORD });
    const error = await created.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(witness.seen).toEqual([]);
    expect(error).toBeInstanceOf(RedirectError);
    expect(upstream.seen).toHaveLength(1);
  });
  it('a fetch passed in the options (the global fetch) is told not to follow either', async () => {
    status = 307;
    const viaFetch = new GlueKit({
      apiKey: KEY,
      baseUrl: upstream.origin,
      rateLimit: false,
      maxRetries: 0,
      fetch: globalThis.fetch,
    });
    const error = await viaFetch.passwords
      .create({ organizationId: '1', name: 'Firewall', password: PASSWORD })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(witness.seen).toEqual([]);
    expect(error).toBeInstanceOf(RedirectError);
  });
});

describe('an https base redirecting a create to plain http', () => {
  let witness: TestServer;
  let upstream: TestServer;

  beforeAll(async () => {
    witness = await startWitness();
    upstream = await startServer((req, res) => {
      // `--org 1` is checked with a get first; answer it, so the create is what gets redirected.
      if (req.method === 'GET' && req.url?.startsWith('/organizations/1')) {
        res.writeHead(200, { 'content-type': 'application/vnd.api+json' });
        res.end(JSON.stringify({ data: { id: '1', type: 'organizations', attributes: { name: 'One' } } }));
        return;
      }
      res.writeHead(307, { location: `${witness.origin}${req.url}` });
      res.end();
    }, 'https');
  });
  afterAll(async () => {
    await Promise.all([witness.close(), upstream.close()]);
  });

  it('CLI `passwords create`: neither the key nor the password reaches the http host', async () => {
    const result = await runCli(
      ['passwords', 'create', '--org', '1', '--set', 'name=Firewall', '--password-stdin', '--json'],
      {
        env: { ITGLUE_API_KEY: KEY, ITGLUE_BASE_URL: upstream.origin, NODE_EXTRA_CA_CERTS: TLS_CERT },
        input: PASSWORD,
      },
    );
    expect(witness.seen).toEqual([]);
    expect(upstream.seen.filter((req) => req.method === 'POST')).toHaveLength(1);
    const { error } = jsonError(result);
    expect(error.code).toBe('RedirectError');
    expect(error.message).toContain(`307`);
    expect(error.message).toContain(witness.origin);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain(KEY);
  });
});
