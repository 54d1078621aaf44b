/**
 * The page shell every page shares: the bar with the mirror's freshness and the Sync button, the
 * page tabs, and the footer saying what this is (a read-only view of a local copy).
 */
import type { MirrorFreshness } from '../mirror/index.js';
import { ago } from './format.js';
import { type HtmlValue, html, type SafeHtml } from './html.js';

export interface ShellInfo {
  /** This page's path and query, where a Sync without script comes back to. */
  path: string;
  now: Date;
  mirrorPath: string;
  /** The tenant's host, e.g. `api.eu.itglue.com`, or null when the mirror has never synced. */
  tenant: string | null;
  freshness: MirrorFreshness | null;
  /** Why Sync cannot run here (no API key), or null when it can. */
  syncBlocked: string | null;
}

export interface PageContent {
  /** The tab it belongs to, e.g. `/coverage`. */
  section: string;
  title: string;
  lede?: HtmlValue;
  body: HtmlValue;
  /** The search box's text, on the search page. */
  query?: string | undefined;
}

const TABS: ReadonlyArray<[string, string]> = [
  ['/', 'Overview'],
  ['/coverage', 'Coverage'],
  ['/passwords/stale', 'Stale passwords'],
  ['/changes', 'Changes'],
  ['/duplicates', 'Duplicates'],
  ['/orphans', 'Orphans'],
  ['/search', 'Search'],
  ['/plan', 'Plan review'],
];

function freshnessBadge(info: ShellInfo): SafeHtml {
  const fresh = info.freshness;
  if (!fresh || fresh.syncedAt === null)
    return html`<span class="fresh fresh--none" data-fresh="never"><span class="dot" aria-hidden="true"></span>Never synced</span>`;
  const state = fresh.stale ? 'stale' : 'ok';
  return html`<span class="fresh fresh--${state}" data-fresh="${state}" title="The oldest last sync among the record types: ${fresh.syncedAt}"><span class="dot" aria-hidden="true"></span>Synced ${ago(fresh.syncedAt, info.now)}${fresh.stale ? ' · stale' : ''}</span>`;
}

function syncControl(info: ShellInfo): SafeHtml {
  if (info.syncBlocked)
    return html`<button type="button" class="btn" disabled title="${info.syncBlocked}">Sync</button>`;
  return html`<form method="post" action="/sync" class="sync-form" data-sync>
    <input type="hidden" name="back" value="${info.path}">
    <button type="submit" class="btn btn--primary" title="Read what changed in IT Glue into the mirror (writes nothing to IT Glue)">Sync</button>
  </form>`;
}

export function renderPage(info: ShellInfo, page: PageContent): SafeHtml {
  const tabs = TABS.map(
    ([href, label]) =>
      html`<a href="${href}"${page.section === href ? html` aria-current="page"` : ''}>${label}</a>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} · gluekit</title>
<link rel="stylesheet" href="/assets/ui.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<script src="/assets/ui.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar">
  <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>gluekit</a>
  <span class="tenant" title="${info.mirrorPath}">${info.tenant ?? 'no tenant yet'}</span>
  <form class="search-box" action="/search" role="search">
    <input type="search" name="q" value="${page.query ?? ''}" placeholder="Search names, emails, serials, IPs…" aria-label="Search the mirror" aria-keyshortcuts="/" autocomplete="off">
  </form>
  <div class="bar-end">
    ${freshnessBadge(info)}
    ${syncControl(info)}
  </div>
</header>
<nav class="tabs" aria-label="Pages">${tabs}</nav>
<div class="sync-status" role="status" aria-live="polite" hidden></div>
<main id="main" tabindex="-1">
  <header class="page-head">
    <h1>${page.title}</h1>
    ${page.lede ? html`<p class="lede">${page.lede}</p>` : ''}
  </header>
  ${page.body}
</main>
<footer class="foot">A read-only view of the local mirror <code>${info.mirrorPath}</code>. Nothing on these pages writes to IT Glue; Sync only reads from it.</footer>
</body>
</html>
`;
}

/** An empty state: what is missing and what to do. */
export function emptyState(title: string, detail: HtmlValue): SafeHtml {
  return html`<div class="empty"><p class="empty-title">${title}</p><p>${detail}</p></div>`;
}
