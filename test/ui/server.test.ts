/**
 * The dashboard's server over real HTTP: the same guard as the MCP server (loopback, Host,
 * Origin), a token off loopback, headers that forbid inline script and framing, read-only methods,
 * clear errors for bad input, no password value anywhere, and no request to IT Glue except Sync.
 */
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { GlueKit } from '../../src/index.js';
import { MirrorStore, type SyncSummary, syncMirror } from '../../src/mirror/index.js';
import { type RunningUiServer, startUiServer } from '../../src/ui/server.js';
import { rawRecords, requestCounts, resetCounts, useEmulator } from '../helpers/emulator.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be whatever a hostile page would send. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const PAGES = [
  '/',
  '/coverage',
  '/passwords/stale?days=90',
  '/changes?since=365d',
  '/duplicates?across=1',
  '/orphans',
  '/search?q=a',
  '/plan',
];

describe('gluekit ui server', () => {
  const emulator = useEmulator({ seed: 'demo' });
  let mirrorPath: string;
  let client: GlueKit;
  let server: RunningUiServer;
  let organizations: string[];

  const syncNow = async (): Promise<SyncSummary> => {
    const store = MirrorStore.open(mirrorPath, {
      tenant: { baseUrl: client.baseUrl, keyFingerprint: client.keyFingerprint },
    });
    try {
      return await syncMirror({ client, store });
    } finally {
      store.close();
    }
  };

  beforeAll(async () => {
    client = new GlueKit({ apiKey: emulator.current.apiKey, baseUrl: emulator.current.url });
    mirrorPath = join(mkdtempSync(join(tmpdir(), 'gluekit-ui-server-')), 'mirror.sqlite');
    await syncNow();
    organizations = (await rawRecords(emulator.current, 'organizations')).map((org) => String(org.id));
    server = await startUiServer({ mirrorPath, port: 0, sync: syncNow });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves every page with headers that forbid inline script, framing, sniffing, referrers and caching', async () => {
    for (const path of [...PAGES, ...organizations.map((id) => `/orgs/${id}`)]) {
      const reply = await send(`${server.url.replace(/\/$/, '')}${path}`);
      expect(reply.status, path).toBe(200);
      const csp = String(reply.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.body).not.toMatch(/<script(?![^>]*src="\/assets\/ui\.js")/);
    }
  });

  it("names each document's folder and counts archived records apart, on the organization and coverage pages", async () => {
    const base = server.url.replace(/\/$/, '');
    const filed = (await rawRecords(emulator.current, 'documents')).find(
      (document) => String(document.organizationId) === '1009' && document.documentFolderId != null,
    ) as Record<string, unknown>;
    const page = (await send(`${base}/orgs/1009`)).body;
    const row = page.match(new RegExp(`<tr><td>${String(filed.name)}.*?</tr>`))?.[0] ?? '';
    expect(row).toContain('<td>Procedures</td>');
    expect(page).toMatch(/Configurations <span class="muted">\(\+1 archived\)<\/span>/);
    const coveragePage = (await send(`${base}/coverage`)).body;
    expect(coveragePage).toMatch(/<tr data-org="1009">[\s\S]*?data-kind="archived">1 configuration<\/td>/);
  });

  it('puts no password value in any page or asset, and reads nothing from IT Glue to show them', async () => {
    const values = (await rawRecords(emulator.current, 'passwords'))
      .map((p) => p.password)
      .filter((value): value is string => typeof value === 'string' && value.length >= 4);
    expect(values.length).toBeGreaterThan(5);
    await resetCounts(emulator.current);
    const paths = [
      ...PAGES,
      ...organizations.map((id) => `/orgs/${id}`),
      '/assets/ui.js',
      '/assets/ui.css',
      '/search?q=admin',
    ];
    for (const path of paths) {
      const { body } = await send(`${server.url.replace(/\/$/, '')}${path}`);
      for (const value of values) expect(body, `${path} holds a password value`).not.toContain(value);
    }
    expect((await requestCounts(emulator.current)).total).toBe(0);
  });

  it('refuses a Host or an Origin that is not loopback (DNS rebinding, other sites)', async () => {
    const url = server.url;
    const port = new URL(url).port;
    expect((await send(url, { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await send(url, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const crossSite = await send(`${url}sync`, {
      method: 'POST',
      headers: { origin: `http://localhost:${Number(port) + 1}`, accept: 'application/json' },
    });
    expect(crossSite.status).toBe(403);
    expect((await send(url, { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('is read-only: other methods are refused; a bad query or an unknown organization says what is wrong', async () => {
    const base = server.url.replace(/\/$/, '');
    expect((await send(`${base}/coverage`, { method: 'DELETE' })).status).toBe(405);
    expect((await send(`${base}/coverage`, { method: 'PUT' })).status).toBe(405);
    expect((await send(`${base}/nope`)).status).toBe(404);
    const sort = await send(`${base}/coverage?sort=bogus`);
    expect(sort.status).toBe(400);
    expect(sort.body).toContain('sort must be one of gaps, name, contacts');
    const since = await send(`${base}/changes?since=yesterday`);
    expect(since.status).toBe(400);
    expect(since.body).toContain('neither a duration nor a date');
    const org = await send(`${base}/orgs/99999999`);
    expect(org.status).toBe(404);
    expect(org.body).toContain('The mirror has no organization with the id, name or short name');
    expect(org.body).toContain('99999999');
    expect((await send(`${base}/plan/7`)).status).toBe(404);
  });

  it('renders a plan posted by the page, and explains a file that is not a plan', async () => {
    const base = server.url.replace(/\/$/, '');
    const bad = await send(`${base}/plan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-plan-name': encodeURIComponent('<b>x</b>.json') },
      body: '{"version":1}',
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toContain('&lt;b&gt;x&lt;/b&gt;.json is not a gluekit plan');
    expect(bad.body).not.toContain('<b>x</b>');
  });

  it('runs one sync at a time: a second press while one runs is told so', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const gated = await startUiServer({
      mirrorPath,
      port: 0,
      sync: async () => {
        calls++;
        await gate;
        return syncNow();
      },
    });
    try {
      const headers = { accept: 'application/json' };
      const first = send(`${gated.url}sync`, { method: 'POST', headers });
      // The first press is running once the sync function was called.
      await expect.poll(() => calls).toBe(1);
      const second = await send(`${gated.url}sync`, { method: 'POST', headers });
      expect(second.status).toBe(409);
      expect(JSON.parse(second.body).message).toBe('A sync is already running.');
      release();
      const done = await first;
      expect(done.status).toBe(200);
      expect(JSON.parse(done.body)).toMatchObject({ ok: true, failures: [] });
      expect(calls).toBe(1);
    } finally {
      release();
      await gated.close();
    }
  });

  it('without a form script, Sync redirects back to the page it was pressed on, never elsewhere', async () => {
    const back = await send(`${server.url}sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'back=%2Fcoverage%3Fsort%3Dname',
    });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/coverage?sort=name');
    const away = await send(`${server.url}sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'back=%2F%2Fevil.example%2F',
    });
    expect(away.headers.location).toBe('/');
  });

  it('without a mirror, says how to make one; without a key, Sync is shown disabled with the reason', async () => {
    const empty = await startUiServer({
      mirrorPath: join(mkdtempSync(join(tmpdir(), 'gluekit-ui-none-')), 'none.sqlite'),
      port: 0,
      syncBlocked: 'Sync needs an IT Glue API key',
    });
    try {
      const reply = await send(`${empty.url}coverage`);
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('There is no mirror here yet.');
      expect(reply.body).toMatch(
        /<button type="button" class="btn" disabled title="Sync needs an IT Glue API key">/,
      );
      expect(
        (await send(`${empty.url}sync`, { method: 'POST', headers: { accept: 'application/json' } })).status,
      ).toBe(409);
    } finally {
      await empty.close();
    }
  });

  describe('off loopback', () => {
    const token = 'a-token-of-thirty-two-characters';

    it('refuses to start without a token, or with a short one', async () => {
      await expect(startUiServer({ mirrorPath, port: 0, host: '0.0.0.0' })).rejects.toThrow(
        ConfigurationError,
      );
      await expect(
        startUiServer({ mirrorPath, port: 0, host: '0.0.0.0', authToken: 'short' }),
      ).rejects.toThrow(/at least 16 characters/);
    });

    it('requires the token: as a bearer header, or once in the URL, which sets an HttpOnly cookie', async () => {
      const open = await startUiServer({ mirrorPath, port: 0, host: '0.0.0.0', authToken: token });
      try {
        expect(open.url).not.toContain(token);
        const base = `http://127.0.0.1:${open.port}`;
        const none = await send(`${base}/coverage`);
        expect(none.status).toBe(401);
        expect(none.headers['www-authenticate']).toContain('Bearer');
        expect(none.body).not.toContain('Coverage');
        expect(
          (await send(`${base}/coverage`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } }))
            .status,
        ).toBe(401);
        expect(
          (await send(`${base}/coverage`, { headers: { authorization: `Bearer ${token}` } })).status,
        ).toBe(200);
        const login = await send(`${base}/coverage?sort=name&token=${token}`);
        expect(login.status).toBe(303);
        expect(login.headers.location).toBe('/coverage?sort=name');
        const cookie = String(login.headers['set-cookie']);
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Strict/);
        const withCookie = await send(`${base}/coverage`, {
          headers: { cookie: cookie.split(';')[0] as string },
        });
        expect(withCookie.status).toBe(200);
        expect(withCookie.body).toContain('Coverage');
        expect(
          (await send(`${base}/coverage`, { headers: { cookie: 'gluekit_ui_token=nope' } })).status,
        ).toBe(401);
      } finally {
        await open.close();
      }
    });
  });
});
