/**
 * The dashboard's pages by path: each GET path maps to the page that renders it over the mirror
 * (or over the plan files given at start). A path that matches none has no page.
 */
import type { PageContent } from './layout.js';
import type { MirrorHandle } from './mirror-handle.js';
import { changesPage } from './pages/changes.js';
import { coveragePage } from './pages/coverage.js';
import { duplicatesPage } from './pages/duplicates.js';
import { organizationPage } from './pages/organization.js';
import { orphansPage } from './pages/orphans.js';
import { overviewPage } from './pages/overview.js';
import { planPage } from './pages/plan-page.js';
import { searchPage } from './pages/search.js';
import { stalePasswordsPage } from './pages/stale-passwords.js';

/** A request the dashboard cannot answer, with the status to answer it with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The page at a URL, or undefined when there is none. */
export type PageRouter = (url: URL) => PageContent | undefined;

type PageRoute = [RegExp, (match: RegExpExecArray, url: URL) => PageContent];

export function pageRouter(mirror: MirrorHandle, plans: readonly string[], now: () => Date): PageRouter {
  const routes = pageRoutes(mirror, plans, now);
  return (url) => {
    for (const [pattern, render] of routes) {
      const match = pattern.exec(url.pathname);
      if (match) return render(match, url);
    }
    return undefined;
  };
}

function pageRoutes(mirror: MirrorHandle, plans: readonly string[], now: () => Date): PageRoute[] {
  return [
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
}
