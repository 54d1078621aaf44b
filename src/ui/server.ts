/**
 * `gluekit ui`'s server: node:http on loopback by default, server-rendered pages over the mirror,
 * and two POSTs: /sync (runs the same syncMirror as `gluekit sync`, which only reads IT Glue) and
 * /plan (renders a plan file the page read). Every response forbids inline script, framing and
 * referrers, and is never cached: the pages hold the tenant's data.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ConfigurationError, NotFoundError } from '../core/errors.js';
import { isLoopback } from '../mcp/http-guard.js';
import { closeServer, listen } from '../mcp/http-lifecycle.js';
import { MirrorInputError, type SyncSummary } from '../mirror/index.js';
import { AmbiguousOrganizationError } from '../resources/organization-names.js';
import { type Asset, loadAssets } from './assets.js';
import { authorize } from './auth.js';
import { QueryError } from './context.js';
import type { SafeHtml } from './html.js';
import { emptyState, type PageContent, renderPage } from './layout.js';
import { MirrorHandle } from './mirror-handle.js';
import { HttpError, type PageRouter, pageRouter } from './page-routes.js';
import { reviewPlanText } from './pages/plan-page.js';
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

const TEXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

/** What every request to the dashboard is served with. */
interface Dashboard {
  options: UiServerOptions;
  loopback: boolean;
  now: () => Date;
  log: (line: string) => void;
  assets: Map<string, Asset>;
  mirror: MirrorHandle;
  syncer: SyncRunner | undefined;
  plans: readonly string[];
  route: PageRouter;
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
  checkExposure(host, loopback, options.authToken);
  const dashboard = openDashboard(options, loopback);
  const server = createServer((req, res) => {
    handle(dashboard, req, res).catch((error: unknown) => sendFailure(dashboard, res, error));
  });
  const port = await listen(server, options.port, host);
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}/`;
  return {
    url,
    port,
    async close() {
      await closeServer(server);
      await dashboard.syncer?.settled();
      dashboard.mirror.close();
    },
  };
}

/** Off loopback the dashboard needs a token, and any token must be long enough to guess at. */
function checkExposure(host: string, loopback: boolean, authToken: string | undefined): void {
  if (!loopback && !authToken) {
    throw new ConfigurationError(
      `Refusing to serve the dashboard on ${host}, which is not a loopback address, without a token: anyone who can reach it would read the whole tenant. Set GLUEKIT_UI_AUTH_TOKEN (or --auth-token-file), or bind 127.0.0.1.`,
    );
  }
  if (authToken !== undefined && authToken.length < 16)
    throw new ConfigurationError(
      'The dashboard token must be at least 16 characters (e.g. `openssl rand -hex 32`).',
    );
}

function openDashboard(options: UiServerOptions, loopback: boolean): Dashboard {
  const now = options.now ?? (() => new Date());
  const assets = loadAssets();
  const mirror = new MirrorHandle(options.mirrorPath, options.maxAgeMs);
  const syncer = options.sync ? new SyncRunner(options.sync, () => mirror.reopen()) : undefined;
  const plans = options.plans ?? [];
  return {
    options,
    loopback,
    now,
    log: options.log ?? (() => {}),
    assets,
    mirror,
    syncer,
    plans,
    route: pageRouter(mirror, plans, now),
  };
}

/** A page inside the dashboard's frame (navigation, tenant, mirror freshness, sync button). */
function shell(dashboard: Dashboard, page: PageContent, path = '/'): SafeHtml {
  const { now, mirror, syncer, options } = dashboard;
  return renderPage(
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
}

function errorPage(dashboard: Dashboard, title: string, detail: string): string {
  return shell(dashboard, { section: '', title, body: emptyState(title, detail) }).value;
}

async function handle(dashboard: Dashboard, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const auth = authorize(req, url, { loopback: dashboard.loopback, authToken: dashboard.options.authToken });
  if (auth.kind === 'refused') {
    const { status, message, headers } = auth.refusal;
    return send(res, status, TEXT, `${message}\n`, headers);
  }
  if (auth.kind === 'login')
    return send(res, 303, TEXT, '', { location: auth.location, 'set-cookie': auth.cookie });

  const asset = dashboard.assets.get(url.pathname);
  if (asset && (req.method === 'GET' || req.method === 'HEAD'))
    return send(res, 200, asset.type, asset.body, { 'cache-control': 'no-cache' });

  if (req.method === 'POST' && url.pathname === '/sync') return postSync(dashboard, req, res);
  if (req.method === 'POST' && url.pathname === '/plan') return postPlan(dashboard, req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, TEXT, 'Method not allowed: the dashboard is read-only.\n', { allow: 'GET, HEAD' });
  }
  const page = dashboard.route(url);
  if (!page)
    return send(res, 404, HTML, errorPage(dashboard, 'Not found', `There is no page at ${url.pathname}.`));
  return send(res, 200, HTML, shell(dashboard, page, `${url.pathname}${url.search}`).value);
}

/** Runs a sync: JSON for the page's script, or a redirect back for the plain form. */
async function postSync(dashboard: Dashboard, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { syncer, options } = dashboard;
  if (!syncer) throw new HttpError(409, options.syncBlocked ?? 'Sync is not available.');
  const wantsJson = (req.headers.accept ?? '').includes('application/json');
  const form = wantsJson ? '' : await readBody(req, 4096);
  const outcome = await syncer.run();
  if (wantsJson) return send(res, outcome.status, 'application/json', JSON.stringify(outcome.body));
  return send(res, 303, TEXT, '', { location: localPath(new URLSearchParams(form).get('back')) });
}

/** Renders the review of a plan file the page read and posted. */
async function postPlan(dashboard: Dashboard, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { mirror, plans, now } = dashboard;
  const text = await readBody(req, MAX_PLAN_BYTES);
  const name = (req.headers['x-plan-name'] as string | undefined)?.slice(0, 500) || 'plan.json';
  const review = reviewPlanText(text, decodeURIComponent(name), mirror.planSources(plans, now()));
  return send(res, 200, HTML, review.value);
}

/** The answer to a request that threw: its own status where it has one, else 500 and a log line. */
function sendFailure(dashboard: Dashboard, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const { status, title, detail } = failureOf(dashboard, error);
  send(res, status, HTML, errorPage(dashboard, title, detail));
}

function failureOf(dashboard: Dashboard, error: unknown): { status: number; title: string; detail: string } {
  if (error instanceof HttpError)
    return { status: error.status, title: 'Cannot show that', detail: error.message };
  if (
    error instanceof QueryError ||
    error instanceof MirrorInputError ||
    error instanceof AmbiguousOrganizationError
  )
    return { status: 400, title: 'Cannot show that', detail: error.message };
  if (error instanceof NotFoundError) return { status: 404, title: 'Not found', detail: error.message };
  dashboard.log(
    `request failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  );
  return {
    status: 500,
    title: 'Something went wrong',
    detail: 'The error is on the terminal that runs gluekit ui.',
  };
}
