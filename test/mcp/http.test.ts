/**
 * Streamable HTTP with a real MCP client: each request carries its own x-api-key, a session is
 * bound to the key that opened it, two keys side by side see only their own tenants, and the
 * server refuses what it must (no key, another session's key, a foreign Host or Origin, a
 * non-loopback bind without a token, a missing bearer).
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientFor, useEmulator } from '../helpers/emulator.js';
import { httpServers, httpSession, newTenantKey } from './support.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};

async function post(url: string, headers: Record<string, string>, body: unknown = INITIALIZE) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** node:http, because fetch will not send a Host header of our choosing. */
function postWithHost(url: string, host: string, apiKey: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          host,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'x-api-key': apiKey,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(INITIALIZE));
  });
}

describe('MCP over Streamable HTTP', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const start = httpServers(emulator);

  it('serves at the printed endpoint and refuses a request without x-api-key', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/mcp`);
    const refused = await post(server.url, {});
    expect(refused.status).toBe(401);
    expect(refused.text).toMatch(/Missing x-api-key/);
    expect(server.sessionCount()).toBe(0);
    expect((await post(server.url.replace('/mcp', '/other'), { 'x-api-key': 'k' })).status).toBe(404);

    const session = await httpSession(server.url, { 'x-api-key': emulator.current.apiKey });
    expect(await session.toolNames()).toContain('list_organizations');
    expect(await session.toolNames()).not.toContain('create_contact');
    await session.close();
  });

  it('keeps two concurrent sessions with different keys to their own tenants', async () => {
    const server = await start({ allowWrites: true });
    const [alice, bob] = await Promise.all([
      newTenantKey(emulator.current),
      newTenantKey(emulator.current, 'empty'),
    ]);
    const bobOrg = await clientFor(emulator.current, { apiKey: bob }).organizations.list();
    expect(bobOrg.data).toHaveLength(0);
    const [a, b] = await Promise.all([
      httpSession(server.url, { 'x-api-key': alice }),
      httpSession(server.url, { 'x-api-key': bob }),
    ]);
    const rounds = await Promise.all(
      Array.from({ length: 5 }, () =>
        Promise.all([a.ok('list_organizations', { limit: 200 }), b.ok('list_organizations', { limit: 200 })]),
      ),
    );
    for (const [fromAlice, fromBob] of rounds) {
      expect(fromAlice.records.map((org: { name: string }) => org.name)).toContain('Happy Frog Dental');
      expect(fromBob.records).toEqual([]);
    }
    // A write by one key lands in its tenant only.
    const org = (await a.ok('list_organizations', { name: 'Happy Frog Dental' })).records[0];
    await a.ok('create_organization_contact', {
      organizationId: org.id,
      name: 'Only Alice',
      email: 'only@alice.example',
    });
    expect((await b.ok('list_contacts', { email: 'only@alice.example' })).records).toEqual([]);
    expect((await a.ok('list_contacts', { email: 'only@alice.example' })).records).toHaveLength(1);
    // Each key's mirror is its own.
    await a.ok('sync_mirror', {});
    expect((await b.call('search', { query: 'Alice' })).isError).toBe(true);
    // A plan made with one key cannot be applied with another.
    const plan = await a.ok('plan_contact_sync', {
      rows: 'organization,first_name,last_name,email\nHappy Frog Dental,Eve,E,eve@alice.example',
    });
    expect((await b.call('apply_plan', { planId: plan.planId })).text).toMatch(/There is no plan/);
    await a.close();
    await b.close();
  });

  it('spends one rate budget per key, shared by every request with that key', async () => {
    // A budget of its own (limits no other test uses), so the counts below are this test's alone.
    const rateLimit = { limit: 2999, windowMs: 3_600_000 };
    const budgeted = await start({ clientOptions: { rateLimit } });
    const [alice, bob] = await Promise.all([newTenantKey(emulator.current), newTenantKey(emulator.current)]);
    const a = await httpSession(budgeted.url, { 'x-api-key': alice });
    const b = await httpSession(budgeted.url, { 'x-api-key': bob });
    for (let i = 0; i < 3; i++) await a.ok('get_organization', { id: '1009' });
    await b.ok('get_organization', { id: '1009' });
    const used = async (key: string) =>
      (await clientFor(emulator.current, { apiKey: key, rateLimit }).rateBudget())?.used;
    // Each key also spent one request when its session opened: IT Glue's check that it is valid.
    expect(await used(alice)).toBe(4);
    expect(await used(bob)).toBe(2);
    await a.close();
    await b.close();
  });

  it("refuses a request that presents another key on a session (a session never uses another's key)", async () => {
    const server = await start();
    const alice = await newTenantKey(emulator.current);
    const opened = await post(server.url, { 'x-api-key': alice });
    expect(opened.status).toBe(200);
    const sessionId = opened.headers.get('mcp-session-id') as string;
    expect(sessionId).toBeTruthy();
    const hijack = await post(
      server.url,
      {
        'x-api-key': emulator.current.apiKey,
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-03-26',
      },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_organizations', arguments: {} } },
    );
    expect(hijack.status).toBe(403);
    expect(hijack.text).toMatch(/opened with another x-api-key/);
    const noKey = await post(
      server.url,
      { 'mcp-session-id': sessionId },
      { jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} },
    );
    expect(noKey.status).toBe(401);
  });

  it('refuses a foreign Host or Origin on a loopback server', async () => {
    const server = await start();
    expect(await postWithHost(server.url, 'evil.example:80', emulator.current.apiKey)).toBe(403);
    expect(await postWithHost(server.url, `localhost:${server.port}`, emulator.current.apiKey)).toBe(200);
    const cross = await post(server.url, {
      'x-api-key': emulator.current.apiKey,
      origin: 'https://evil.example',
    });
    expect(cross.status).toBe(403);
  });

  it('refuses to bind a non-loopback address without an auth token, and checks the bearer when it has one', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/not a loopback address, without an auth token/);
    const token = 'test-token-0123456789abcdef';
    const server = await start({ host: '0.0.0.0', authToken: token, insecureHttp: true });
    const local = server.url.replace('0.0.0.0', '127.0.0.1');
    const anonymous = await post(local, { 'x-api-key': emulator.current.apiKey });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await post(local, { 'x-api-key': emulator.current.apiKey, authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const session = await httpSession(local, {
      'x-api-key': emulator.current.apiKey,
      authorization: `Bearer ${token}`,
    });
    expect((await session.ok('list_organizations', { limit: 1 })).records).toHaveLength(1);
    await session.close();
  });
});
