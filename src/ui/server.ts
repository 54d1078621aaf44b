/**
 * `gluekit ui`'s server: node:http on loopback by default, server-rendered pages over the mirror,
 * and two POSTs: /sync (runs the same syncMirror as `gluekit sync`, which only reads IT Glue) and
 * /plan (renders a plan file the page read). Every response forbids inline script, framing and
 * referrers, and is never cached: the pages hold the tenant's data.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError, NotFoundError } from '../core/errors.js';
import { isLoopback } from '../mcp/http-guard.js';
import { MirrorInputError, type SyncSummary } from '../mirror/index.js';
import { AmbiguousOrganizationError } from '../resources/organization-names.js';
import { loadAssets } from './assets.js';
import { authorize } from './auth.js';
import { QueryError } from './context.js';
import type { SafeHtml } from './html.js';
import { emptyState, type PageContent, renderPage } from './layout.js';
import { MirrorHandle } from './mirror-handle.js';
import { changesPage } from './pages/changes.js';
import { coveragePage } from './pages/coverage.js';
import { duplicatesPage } from './pages/duplicates.js';
import { organizationPage } from './pages/organization.js';
import { orphansPage } from './pages/orphans.js';
import { overviewPage } from './pages/overview.js';
import { planPage, reviewPlanText } from './pages/plan-page.js';
import { searchPage } from './pages/search.js';
import { stalePasswordsPage } from './pages/stale-passwords.js';
import { SyncRunner } from './sync-runner.js';

export interface UiServerOptions {
  mirrorPath: string;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** 0 picks a free port. */
  port: number;
  /** Required to bind anything but loopback. */
  authToken?: string | undefined;
  /** Syncs the mirror (with the CLI's client, so it spends the shared rate budget). */
  sync?: (() => Promise<SyncSummary>) | undefined;
  /** Why there is no sync (e.g. no API key), shown on the disabled button. */
  syncBlocked?: string | undefined;
  /** Plan files to offer on the plan page. */
  plans?: readonly string[] | undefined;
  maxAgeMs?: number | undefined;
  now?: (() => Date) | undefined;
  log?: ((line: string) => void) | undefined;
}

export interface RunningUiServer {
  /** e.g. `http://127.0.0.1:41234/` (never with the token: a browser adds `?token=…` once). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const MAX_PLAN_BYTES = 16 * 1024 * 1024;

type PageRoute = (url: URL) => PageContent | undefined;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, `The file is over ${max / 1024 / 1024} MB.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A same-site path to go back to after a form POST; anything else goes to the overview. */
function localPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value;
}

export async function startUiServer(options: UiServerOptions): Promise<RunningUiServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  if (!loopback && !options.authToken) {
    throw new ConfigurationError(
      `Refusing to serve the dashboard on ${host}, which is not a loopback address, without a token: anyone who can reach it would read the whole tenant. Set GLUEKIT_UI_AUTH_TOKEN (or --auth-token-file), or bind 127.0.0.1.`,
    );
  }
  if (options.authToken !== undefined && options.authToken.length < 16)
    throw new ConfigurationError(
      'The dashboard token must be at least 16 characters (e.g. `openssl rand -hex 32`).',
    );
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const assets = loadAssets();
  const mirror = new MirrorHandle(options.mirrorPath, options.maxAgeMs);
  const syncer = options.sync ? new SyncRunner(options.sync, () => mirror.reopen()) : undefined;
  const plans = options.plans ?? [];

  const pageRoutes: Array<[RegExp, (match: RegExpExecArray, url: URL) => PageContent]> = [
    [/^\/$/, () => mirror.page((ctx) => overviewPage(ctx), now(), new URLSearchParams())],
    [/^\/coverage$/, (_, url) => mirror.page(coveragePage, now(), url.searchParams)],
    [/^\/passwords\/stale$/, (_, url) => mirror.page(stalePasswordsPage, now(), url.searchParams)],
    [/^\/changes$/, (_, url) => mirror.page(changesPage, now(), url.searchParams)],
    [/^\/duplicates$/, (_, url) => mirror.page(duplicatesPage, now(), url.searchParams)],
    [/^\/orphans$/, (_, url) => mirror.page(orphansPage, now(), url.searchParams)],
    [/^\/search$/, (_, url) => mirror.page(searchPage, now(), url.searchParams)],
    [
      /^\/orgs\/(\d{1,20})$/,
      (match, url) =>
        mirror.page((ctx) => organizationPage(ctx, match[1] as string), now(), url.searchParams),
    ],
    [/^\/plan$/, () => planPage(mirror.planSources(plans, now()), undefined)],
    [
      /^\/plan\/(\d{1,4})$/,
      (match) => {
        const index = Number(match[1]) - 1;
        if (index < 0 || index >= plans.length)
          throw new HttpError(404, `There is no plan ${match[1]}: ${plans.length} were given at start.`);
        return planPage(mirror.planSources(plans, now()), index);
      },
    ],
  ];
  const route: PageRoute = (url) => {
    for (const [pattern, render] of pageRoutes) {
      const match = pattern.exec(url.pathname);
      if (match) return render(match, url);
    }
    return undefined;
  };

  const shell = (page: PageContent, path = '/'): SafeHtml =>
    renderPage(
      {
        path,
        now: now(),
        mirrorPath: options.mirrorPath,
        tenant: mirror.tenantHost(),
        freshness: mirror.freshness(now()),
        syncBlocked: syncer ? null : (options.syncBlocked ?? 'Sync is not available'),
      },
      page,
    );

  const errorPage = (title: string, detail: string): string =>
    shell({ section: '', title, body: emptyState(title, detail) }).value;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = authorize(req, url, { loopback, authToken: options.authToken });
    if (auth.kind === 'refused') {
      return send(
        res,
        auth.refusal.status,
        'text/plain; charset=utf-8',
        `${auth.refusal.message}\n`,
        auth.refusal.headers,
      );
    }
    if (auth.kind === 'login')
      return send(res, 303, 'text/plain; charset=utf-8', '', {
        location: auth.location,
        'set-cookie': auth.cookie,
      });

    const asset = assets.get(url.pathname);
    if (asset && (req.method === 'GET' || req.method === 'HEAD'))
      return send(res, 200, asset.type, asset.body, { 'cache-control': 'no-cache' });

    if (req.method === 'POST' && url.pathname === '/sync') {
      if (!syncer) throw new HttpError(409, options.syncBlocked ?? 'Sync is not available.');
      const wantsJson = (req.headers.accept ?? '').includes('application/json');
      const form = wantsJson ? '' : await readBody(req, 4096);
      const outcome = await syncer.run();
      if (wantsJson) return send(res, outcome.status, 'application/json', JSON.stringify(outcome.body));
      return send(res, 303, 'text/plain; charset=utf-8', '', {
        location: localPath(new URLSearchParams(form).get('back')),
      });
    }
    if (req.method === 'POST' && url.pathname === '/plan') {
      const text = await readBody(req, MAX_PLAN_BYTES);
      const name = (req.headers['x-plan-name'] as string | undefined)?.slice(0, 500) || 'plan.json';
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        reviewPlanText(text, decodeURIComponent(name), mirror.planSources(plans, now())).value,
      );
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(
        res,
        405,
        'text/plain; charset=utf-8',
        'Method not allowed: the dashboard is read-only.\n',
        { allow: 'GET, HEAD' },
      );
    }
    const page = route(url);
    if (!page)
      return send(
        res,
        404,
        'text/html; charset=utf-8',
        errorPage('Not found', `There is no page at ${url.pathname}.`),
      );
    return send(res, 200, 'text/html; charset=utf-8', shell(page, `${url.pathname}${url.search}`).value);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError)
        return send(
          res,
          error.status,
          'text/html; charset=utf-8',
          errorPage('Cannot show that', error.message),
        );
      if (
        error instanceof QueryError ||
        error instanceof MirrorInputError ||
        error instanceof AmbiguousOrganizationError
      )
        return send(res, 400, 'text/html; charset=utf-8', errorPage('Cannot show that', error.message));
      if (error instanceof NotFoundError)
        return send(res, 404, 'text/html; charset=utf-8', errorPage('Not found', error.message));
      log(`request failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      send(
        res,
        500,
        'text/html; charset=utf-8',
        errorPage('Something went wrong', 'The error is on the terminal that runs gluekit ui.'),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}/`;
  return {
    url,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await syncer?.settled();
      mirror.close();
    },
  };
}
