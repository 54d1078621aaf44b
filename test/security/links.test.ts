/**
 * Item 1 of the security review: a list whose `links.next` points at another server. Each link
 * below once delivered `x-api-key` to the witness (a second server on 127.0.0.1), through the
 * SDK, and through `gluekit orgs list --all`. Now lists page by number on the configured origin
 * only: the witness must see nothing, and the list must still be read to its end.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestUrl } from '../../src/core/destination.js';
import { ConnectionError, GlueKit } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import {
  json,
  listBody,
  pageAsked,
  startServer,
  startWitness,
  type TestServer,
  TLS_CERT,
} from './support.js';

const KEY = 'ITG.links-adversary-key-7c1d';

/** Every `next` the review found a way through, given `127.0.0.1:B/organizations?...`. */
const HOSTILE_LINKS: Array<[string, (rest: string) => string]> = [
  ['an absolute URL to another port', (rest) => `http://${rest}`],
  ['a protocol-relative URL', (rest) => `//${rest}`],
  ['a leading space', (rest) => ` http://${rest}`],
  ['a leading newline', (rest) => `\nhttp://${rest}`],
  ['a tab inside the scheme', (rest) => `ht\ttp://${rest}`],
  ['a slash and a backslash', (rest) => `/\\${rest}`],
  ['two backslashes', (rest) => `\\\\${rest}`],
];

/** A server whose page 1 links onward to `next`; any other page is empty. */
function linkingServer(next: () => string, scheme: 'http' | 'https' = 'http'): Promise<TestServer> {
  return startServer((req, res) => {
    const page = pageAsked(req.url);
    if (page === 1) json(res, 200, listBody(['1', '2'], {}, { self: 'x', next: next() }));
    else if (page === 2) json(res, 200, listBody(['3'], {}, {}));
    else json(res, 200, listBody([], {}, {}));
  }, scheme);
}

describe('a hostile links.next never takes the key to another server', () => {
  let witness: TestServer;
  let upstream: TestServer;
  let next = '';

  beforeAll(async () => {
    witness = await startWitness();
    upstream = await linkingServer(() => next);
  });
  afterAll(async () => {
    await Promise.all([witness.close(), upstream.close()]);
  });
  afterEach(() => {
    witness.seen.length = 0;
    upstream.seen.length = 0;
  });

  it.each(HOSTILE_LINKS)('SDK: %s', async (_, link) => {
    next = link(`127.0.0.1:${witness.port}/organizations?page[number]=2`);
    const client = new GlueKit({ apiKey: KEY, baseUrl: upstream.origin, rateLimit: false, maxRetries: 0 });
    const names = (await client.organizations.list().toArray()).map((org) => org.id);
    expect(witness.seen).toEqual([]);
    // The list goes on by page number, on the configured server only.
    expect(names).toEqual(['1', '2', '3']);
    expect(upstream.seen.map((req) => pageAsked(req.url))).toEqual([1, 2]);
  });

  it('CLI: `orgs list --all --base-url http://127.0.0.1:A` sends nothing to B', async () => {
    next = `//127.0.0.1:${witness.port}/organizations?page[number]=2`;
    const result = await runCli(['orgs', 'list', '--all', '--json', '--base-url', upstream.origin], {
      env: { ITGLUE_API_KEY: KEY },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(witness.seen).toEqual([]);
    expect(upstream.seen.every((req) => req.apiKey === KEY)).toBe(true);
  });
});

describe('under an https base, `http:host` in links.next never goes out in clear', () => {
  let witness: TestServer;
  let upstream: TestServer;

  beforeAll(async () => {
    witness = await startWitness();
    upstream = await linkingServer(
      () => `http:127.0.0.1:${witness.port}/organizations?page[number]=2`,
      'https',
    );
  });
  afterAll(async () => {
    await Promise.all([witness.close(), upstream.close()]);
  });

  it('CLI over https (the fixture certificate trusted): the witness sees nothing', async () => {
    const result = await runCli(['orgs', 'list', '--all', '--json', '--base-url', upstream.origin], {
      env: { ITGLUE_API_KEY: KEY, NODE_EXTRA_CA_CERTS: TLS_CERT },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(witness.seen).toEqual([]);
    expect(upstream.seen.map((req) => pageAsked(req.url))).toEqual([1, 2]);
  });
});

describe('requestUrl: the one place that decides where a request may go', () => {
  const B = '127.0.0.1:9/x';

  it.each(HOSTILE_LINKS)('refuses %s under a loopback base', (_, link) => {
    expect(() => requestUrl('http://127.0.0.1:8', link(B))).toThrow(
      /refusing to send a request to .*only to the configured http:\/\/127\.0\.0\.1:8/,
    );
  });

  it.each([
    ['http: under an https base', 'https://api.itglue.com', 'http:127.0.0.1:9/x'],
    ['another host', 'https://api.itglue.com', 'https://api.eu.itglue.com/organizations'],
    ['another port', 'https://api.itglue.com', 'https://api.itglue.com:8443/organizations'],
    ['credentials in the URL', 'https://api.itglue.com', 'https://user:pw@api.itglue.com/organizations'],
    ['a look-alike host', 'https://api.itglue.com', 'https://api.itglue.com.evil.example/organizations'],
    ['plain http to a remote base', 'http://api.itglue.com', '/organizations'],
  ])('refuses %s', (_, base, target) => {
    expect(() => requestUrl(base, target)).toThrow(ConnectionError);
  });

  it('refuses a configured base URL that carries credentials, without showing them', () => {
    expect(
      () => new GlueKit({ apiKey: 'ITG.k', baseUrl: 'https://proxy-user:proxy-S3cret@api.itglue.com' }),
    ).toThrow(/must not carry a user name or password/);
    try {
      new GlueKit({ apiKey: 'ITG.k', baseUrl: 'https://proxy-user:proxy-S3cret@api.itglue.com' });
    } catch (error) {
      expect(String((error as Error).stack)).not.toContain('proxy-S3cret');
    }
  });

  it('keeps the base path in front of a path, and accepts its own origin', () => {
    expect(requestUrl('https://proxy.example/itglue', '/contacts?page[number]=2').href).toBe(
      'https://proxy.example/itglue/contacts?page[number]=2',
    );
    expect(requestUrl('https://api.itglue.com', 'https://API.itglue.com:443/contacts').href).toBe(
      'https://api.itglue.com/contacts',
    );
    // A double slash after a base path stays on the base's host.
    expect(requestUrl('https://proxy.example/itglue', '//evil.example/x').host).toBe('proxy.example');
  });
});
